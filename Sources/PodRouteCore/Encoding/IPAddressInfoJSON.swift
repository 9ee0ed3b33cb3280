/// Writes one element of `addr_info` as iproute2 6.1's `print_addrinfo` does in JSON.
///
/// `local` is always printed (IPv6 reports only `IFA_ADDRESS`, which iproute2 then shows as
/// local); `address` only for a point-to-point peer. Flags are `true` members in
/// `ifa_flag_data` order, except that a missing `permanent` flag prints `"dynamic":true` and
/// an IPv6 secondary address is `"temporary"`. Lifetimes are seconds, 4294967295 forever.
enum IPAddressInfoJSON {
    static func write(_ address: InterfaceAddress, names: IPNames, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("family", IPJSONVocabulary.familyName(address.family))
        writer.key("local")
        writer.address(address.local)
        if let peer = address.peer, peer != address.local {
            writer.key("address")
            writer.address(peer)
        }
        writer.key("prefixlen")
        writer.uint(address.prefixLength)
        if let metric = address.metric { writer.member("metric", metric) }
        if let broadcast = address.broadcast {
            writer.key("broadcast")
            writer.address(broadcast)
        }
        if let anycast = address.anycast {
            writer.key("anycast")
            writer.address(anycast)
        }
        writer.member("scope", names.name(of: address.scope))
        writeFlags(address.flags, family: address.family, to: &writer)
        if let label = address.label { writer.member("label", label) }
        writer.member("valid_life_time", address.validLifetime)
        if address.flags.contains(.deprecated), address.preferredLifetime != .max {
            // iproute2 prints a deprecated address's remaining lifetime signed.
            writer.member("preferred_life_time", Int64(Int32(bitPattern: address.preferredLifetime)))
        } else {
            writer.member("preferred_life_time", address.preferredLifetime)
        }
        writer.endObject()
    }

    private static func writeFlags(_ flags: AddressFlags, family: AddressFamily, to writer: inout JSONWriter) {
        for (flag, name) in IPJSONVocabulary.addressFlags {
            if flag == .permanent {
                if !flags.contains(.permanent) { writer.member(name, true) }
            } else if flags.contains(flag) {
                if flag == .secondary, family == .inet6 {
                    writer.member("temporary", true)
                } else {
                    writer.member(name, true)
                }
            }
        }
        let unnamed = flags.subtracting(IPJSONVocabulary.knownAddressFlags)
        if !unnamed.isEmpty {
            let digits = String(unnamed.rawValue, radix: 16)
            writer.member("ifa_flags", digits.count == 1 ? "0" + digits : digits)
        }
    }
}
