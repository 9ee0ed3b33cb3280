extension JSONWriter {
    /// An address as a JSON string, written digit by digit (no `String` per route).
    public mutating func address(_ address: IPAddress) {
        separate()
        put(UInt8(ascii: "\""))
        appendAddress(address)
        put(UInt8(ascii: "\""))
        finishValue()
    }

    /// A prefix the way iproute2 prints a route's `dst`: `default` for length 0, the bare
    /// address for a host prefix (`10.8.0.1`, `::1`), `address/length` otherwise.
    public mutating func routePrefix(_ prefix: IPPrefix) {
        separate()
        put(UInt8(ascii: "\""))
        appendRoutePrefix(prefix)
        put(UInt8(ascii: "\""))
        finishValue()
    }

    /// `routePrefix`'s text without its quotes.
    mutating func appendRoutePrefix(_ prefix: IPPrefix) {
        if prefix.isDefault {
            appendStatic("default")
        } else {
            appendAddress(prefix.address)
            if !prefix.isHost {
                put(UInt8(ascii: "/"))
                appendDigits(UInt64(prefix.length))
            }
        }
    }

    /// `address/length` always, or the bare address for a host prefix (`from` of a route).
    public mutating func prefix(_ prefix: IPPrefix, omittingHostLength: Bool) {
        separate()
        put(UInt8(ascii: "\""))
        appendAddress(prefix.address)
        if !(omittingHostLength && prefix.isHost) {
            put(UInt8(ascii: "/"))
            appendDigits(UInt64(prefix.length))
        }
        put(UInt8(ascii: "\""))
        finishValue()
    }

    mutating func appendAddress(_ address: IPAddress) {
        switch address {
        case .v4(let v4): appendIPv4(v4.value)
        case .v6(let v6): appendIPv6(v6)
        }
    }

    /// RFC 5952 text exactly as glibc's `inet_ntop` writes it (and so iproute2): the first
    /// longest run of two or more zero groups becomes `::`, and the IPv4-mapped and
    /// IPv4-compatible forms end in a dotted quad. Mirrors `IPv6Address.description`.
    mutating func appendIPv6(_ address: IPv6Address) {
        @inline(__always) func group(_ index: Int) -> UInt16 {
            let half = index < 4 ? address.high : address.low
            return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index & 3)))
        }
        var bestStart = -1, bestLength = 0
        var runStart = -1, runLength = 0
        for index in 0..<8 {
            if group(index) == 0 {
                if runStart < 0 { runStart = index; runLength = 0 }
                runLength += 1
                if runLength > bestLength { bestStart = runStart; bestLength = runLength }
            } else {
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var index = 0
        var lastWasColon = false
        while index < 8 {
            if index == bestStart {
                put(UInt8(ascii: ":"))
                put(UInt8(ascii: ":"))
                lastWasColon = true
                index += bestLength
                continue
            }
            if index > 0, !lastWasColon { put(UInt8(ascii: ":")) }
            if index == 6, bestStart == 0, bestLength == 6 || (bestLength == 5 && group(5) == 0xffff) {
                appendIPv4(UInt32(group(6)) << 16 | UInt32(group(7)))
                return
            }
            appendHex(UInt64(group(index)))
            lastWasColon = false
            index += 1
        }
    }

    /// A link-layer address as `ip link` prints it: tunnels whose hardware address is an IP
    /// address (`link/ipip 10.0.0.1`) in IP notation, everything else as colon-separated
    /// two-digit hex (iproute2's `ll_addr_n2a`).
    public mutating func linkLayerAddress(_ address: LinkLayerAddress, type: LinkLayerType) {
        separate()
        put(UInt8(ascii: "\""))
        let raw = address.bytes
        let ipv4Types: [LinkLayerType] = [.ipip, .sit, .gre]  // ARPHRD_TUNNEL, ARPHRD_SIT, ARPHRD_IPGRE
        let ipv6Types: [LinkLayerType] = [.tunnel6, .ip6gre]  // ARPHRD_TUNNEL6, ARPHRD_IP6GRE
        if (raw.count == 4 && ipv4Types.contains(type)) || (raw.count == 16 && ipv6Types.contains(type)),
           let ip = IPAddress(networkBytes: raw) {
            appendAddress(ip)
        } else {
            for (position, byte) in raw.enumerated() {
                if position > 0 { put(UInt8(ascii: ":")) }
                put(Self.hexDigit(byte >> 4))
                put(Self.hexDigit(byte & 0xf))
            }
        }
        put(UInt8(ascii: "\""))
        finishValue()
    }
}
