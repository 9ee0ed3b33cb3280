extension IPJSONReading {
    /// A link object of `ip -j [-d] [-s] addr|link show`, with its `addr_info` if any.
    mutating func readLink(_ object: JSONObject, path: String, into builder: inout CaptureBuilder) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        var link = Link(index: InterfaceIndex(0), name: "")
        var hasIndex = false
        var flagNames: [String] = []
        var lowerName: String?
        var masterName: String?
        var addresses: [JSONValue] = []
        var linkTypeText: String?
        var addressText: (address: JSONValue?, broadcast: JSONValue?, permanent: JSONValue?) = (nil, nil, nil)
        for (key, value) in object {
            switch key {
            case "ifindex":
                link.index = InterfaceIndex(try V.number(value, key, as: Int32.self))
                hasIndex = true
            case "ifname": link.name = try V.text(value, key)
            case "link":
                if case .null = value { link.parent = InterfaceIndex(0) } else { lowerName = try V.text(value, key) }
            case "link_index": link.parent = InterfaceIndex(try V.number(value, key, as: Int32.self))
            case "link_netnsid": link.linkNetnsID = try V.number(value, key, as: Int32.self)
            case "link_netns": link.linkNetnsName = try V.text(value, key)
            case "flags": flagNames = try V.strings(value, key)
            case "mtu": link.mtu = try V.number(value, key, as: UInt32.self)
            case "qdisc": link.qdisc = try V.text(value, key)
            case "master": masterName = try V.text(value, key)
            case "operstate":
                let text = try V.text(value, key)
                guard let state = OperState(name: text) else {
                    throw .unexpected(key, value, expected: "an operational state such as \"UP\"")
                }
                link.operState = state
            case "operstate_index": link.operState = OperState(rawValue: try V.number(value, key, as: UInt8.self))
            case "linkmode":
                switch try V.text(value, key) {
                case "DEFAULT": link.linkMode = 0
                case "DORMANT": link.linkMode = 1
                default: throw .unexpected(key, value, expected: "\"DEFAULT\" or \"DORMANT\"")
                }
            case "linkmode_index": link.linkMode = try V.number(value, key, as: UInt8.self)
            case "group":
                link.group = IPJSONNameResolver.group(try V.nameOrNumber(value, key), line: line, into: &builder)
            case "txqlen": link.txQueueLength = try V.number(value, key, as: UInt32.self)
            case "link_type": linkTypeText = try V.text(value, key)
            case "address": addressText.address = value
            case "broadcast": addressText.broadcast = value
            case "permaddr": addressText.permanent = value
            case "promiscuity": link.promiscuity = try V.number(value, key, as: UInt32.self)
            case "allmulti": link.allmulti = try V.number(value, key, as: UInt32.self)
            case "min_mtu": link.minMTU = try V.number(value, key, as: UInt32.self)
            case "max_mtu": link.maxMTU = try V.number(value, key, as: UInt32.self)
            case "linkinfo": try readLinkInfo(try V.object(value, key), into: &link)
            case "num_tx_queues": link.queues.txQueues = try V.number(value, key, as: UInt32.self)
            case "num_rx_queues": link.queues.rxQueues = try V.number(value, key, as: UInt32.self)
            case "gso_max_size": link.queues.gsoMaxSize = try V.number(value, key, as: UInt32.self)
            case "gso_max_segs": link.queues.gsoMaxSegments = try V.number(value, key, as: UInt32.self)
            case "tso_max_size": link.queues.tsoMaxSize = try V.number(value, key, as: UInt32.self)
            case "tso_max_segs": link.queues.tsoMaxSegments = try V.number(value, key, as: UInt32.self)
            case "gro_max_size": link.queues.groMaxSize = try V.number(value, key, as: UInt32.self)
            case "parentbus": link.parentBus = try V.text(value, key)
            case "parentdev": link.parentDevice = try V.text(value, key)
            case "ifalias": link.alias = try V.text(value, key)
            case "altnames": link.altNames = try V.strings(value, key)
            case "addr_info": addresses = try V.array(value, key)
            case "stats64", "stats": link.stats = try Self.readStats(try V.object(value, key))
            case "inferred": link.isInferred = try V.flag(value, key)
            default: break  // keys the model does not keep (xdp, vfinfo_list, ...)
            }
        }
        guard !link.name.isEmpty else { throw IPJSONProblem("'ifname' is empty") }
        if !hasIndex {
            // `ip -j -br` prints no index: reuse the index of a device of that name, else a
            // stand-in above real indexes, replaced when a later section describes the device.
            if let known = linkIndex(named: link.name, builder: builder) {
                link.index = known
            } else {
                var candidate = InterfaceIndex(100_000)
                while builder.containsLink(candidate), candidate.rawValue < Int32.max { candidate.rawValue += 1 }
                link.index = candidate
            }
        }
        if let text = linkTypeText {
            guard let type = Self.linkLayerType(text) else {
                throw .unexpected("link_type", .string(text), expected: "a link type such as \"ether\"")
            }
            link.linkType = type
        }
        if let value = addressText.address { link.address = try Self.linkLayerAddress(value, "address") }
        if let value = addressText.broadcast { link.broadcast = try Self.linkLayerAddress(value, "broadcast") }
        if let value = addressText.permanent { link.permanentAddress = try Self.linkLayerAddress(value, "permaddr") }
        link.flags = Self.linkFlags(flagNames)
        if let lowerName {
            link.parent = linkIndex(named: lowerName, builder: builder)
            if link.parent == nil {
                warn("JSON element \(path) (\(Sanitizer.printable(link.name))): its lower device "
                     + "'\(Sanitizer.printable(lowerName))' is not in the capture; the link is kept without it", into: &builder)
            }
        }
        if let masterName {
            link.master = linkIndex(named: masterName, builder: builder)
            if link.master == nil {
                warn("JSON element \(path) (\(Sanitizer.printable(link.name))): its master "
                     + "'\(Sanitizer.printable(masterName))' is not in the capture; the link is kept without it", into: &builder)
            }
        }
        // Read every address before adding anything, so a bad address skips the whole element.
        var captured: [CapturedAddress] = []
        for (position, element) in addresses.enumerated() {
            do throws(IPJSONProblem) {
                let address = try readAddress(element, interface: link.index, into: &builder)
                captured.append(CapturedAddress(address: address, deviceName: link.name,
                                                deviceIndex: hasIndex ? link.index : nil))
            } catch {
                throw IPJSONProblem("addr_info[\(position)]: \(error.message)")
            }
        }
        builder.add(link: link)
        for address in captured { builder.add(address: address) }
    }

    private func readLinkInfo(_ info: JSONObject, into link: inout Link) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        for (key, value) in info {
            switch key {
            case "info_kind": link.kind = LinkKind(try V.text(value, key))
            case "info_data": link.kindData = try V.object(value, key)
            case "info_slave_kind": link.slaveKind = try V.text(value, key)
            case "info_slave_data": link.slaveData = try V.object(value, key)
            default: break
            }
        }
    }

    /// One `addr_info` element.
    private func readAddress(_ element: JSONValue, interface: InterfaceIndex,
                             into builder: inout CaptureBuilder) throws(IPJSONProblem) -> InterfaceAddress {
        typealias V = IPJSONValues
        let object = try V.object(element, "addr_info")
        var local: IPAddress?
        var familyText: String?
        var address = InterfaceAddress(interface: interface, local: .v4(.any), prefixLength: 0)
        var flags: AddressFlags = [.permanent]
        for (key, value) in object {
            switch key {
            case "family": familyText = try V.text(value, key)
            case "local": local = try V.address(value, key)
            case "address": address.peer = try V.address(value, key)
            case "prefixlen": address.prefixLength = try V.number(value, key, as: UInt8.self)
            case "metric": address.metric = try V.number(value, key, as: UInt32.self)
            case "broadcast": address.broadcast = try V.address(value, key)
            case "anycast": address.anycast = try V.address(value, key)
            case "scope": address.scope = IPJSONNameResolver.scope(try V.nameOrNumber(value, key), line: line, into: &builder)
            case "label": address.label = try V.text(value, key)
            case "valid_life_time": address.validLifetime = try V.number(value, key, as: UInt32.self)
            case "preferred_life_time":
                // Signed when the address is deprecated.
                let number = try V.number(value, key, as: Int64.self)
                guard let lifetime = UInt32(exactly: number) ?? Int32(exactly: number).map({ UInt32(bitPattern: $0) }) else {
                    throw .unexpected(key, value, expected: "a lifetime in seconds")
                }
                address.preferredLifetime = lifetime
            case "dynamic": if try V.flag(value, key) { flags.remove(.permanent) }
            case "temporary": if try V.flag(value, key) { flags.insert(.secondary) }
            case "ifa_flags":
                let text = try V.text(value, key)
                guard let bits = UInt32(text, radix: 16) else { throw .unexpected(key, value, expected: "hex flag bits") }
                flags.formUnion(AddressFlags(rawValue: bits))
            default:
                if let flag = IPJSONVocabulary.addressFlags.first(where: { "\($0.1)" == key && $0.0 != .permanent }) {
                    if try V.flag(value, key) { flags.insert(flag.0) }
                }
            }
        }
        guard let local else { throw IPJSONProblem("has no 'local' address") }
        if let familyText {
            guard let family = AddressFamily(name: familyText) else {
                throw .unexpected("family", .string(familyText), expected: "\"inet\" or \"inet6\"")
            }
            guard family == local.family else {
                throw IPJSONProblem("'family' is \"\(familyText)\" but 'local' \(local) is not")
            }
        }
        guard address.prefixLength <= local.family.bitWidth else {
            throw .unexpected("prefixlen", .uint(UInt64(address.prefixLength)), expected: "at most \(local.family.bitWidth)")
        }
        address.local = local
        address.flags = flags
        return address
    }

    /// `stats64` (or 32-bit `stats`) with its `rx` and `tx` objects.
    private static func readStats(_ object: JSONObject) throws(IPJSONProblem) -> LinkStats {
        typealias V = IPJSONValues
        var stats = LinkStats()
        for (direction, value) in object {
            guard direction == "rx" || direction == "tx" else { continue }
            let counters = try V.object(value, direction)
            let rx = direction == "rx"
            for (key, counter) in counters {
                let number = try V.number(counter, "\(direction).\(key)", as: UInt64.self)
                switch key {
                case "bytes": if rx { stats.rxBytes = number } else { stats.txBytes = number }
                case "packets": if rx { stats.rxPackets = number } else { stats.txPackets = number }
                case "errors": if rx { stats.rxErrors = number } else { stats.txErrors = number }
                case "dropped": if rx { stats.rxDropped = number } else { stats.txDropped = number }
                case "compressed": if rx { stats.rxCompressed = number } else { stats.txCompressed = number }
                case "fifo_errors": if rx { stats.rxFIFOErrors = number } else { stats.txFIFOErrors = number }
                case "over_errors": stats.rxOverErrors = number
                case "multicast": stats.multicast = number
                case "length_errors": stats.rxLengthErrors = number
                case "crc_errors": stats.rxCRCErrors = number
                case "frame_errors": stats.rxFrameErrors = number
                case "missed_errors": stats.rxMissedErrors = number
                case "nohandler": stats.rxNoHandler = number
                case "carrier_errors": stats.txCarrierErrors = number
                case "collisions": stats.collisions = number
                case "aborted_errors": stats.txAbortedErrors = number
                case "window_errors": stats.txWindowErrors = number
                case "heartbeat_errors": stats.txHeartbeatErrors = number
                default: break
                }
            }
        }
        return stats
    }

    /// iproute2's names plus its `[N]` form for types it cannot name.
    static func linkLayerType(_ text: String) -> LinkLayerType? {
        if let type = LinkLayerType(name: text) { return type }
        if text.hasPrefix("["), text.hasSuffix("]"), let number = UInt16(text.dropFirst().dropLast()) {
            return LinkLayerType(rawValue: number)
        }
        return nil
    }

    /// Colon-separated hex, or an IP address for tunnels (`link/ipip 10.0.0.1`).
    static func linkLayerAddress(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> LinkLayerAddress {
        let text = try IPJSONValues.text(value, key)
        if let address = LinkLayerAddress(printed: text[...]) { return address }
        throw .unexpected(key, value, expected: "a hardware address such as \"ee:ee:ee:ee:ee:ee\"")
    }

    /// The printed flag names; `NO-CARRIER` means up without `RUNNING`, `M-DOWN` describes the
    /// lower device, unnamed bits come as hex text.
    static func linkFlags(_ names: [String]) -> LinkFlags {
        var flags = LinkFlags(names: names)
        for name in names where LinkFlags.printed.allSatisfy({ $0.1 != name }) {
            if name != "NO-CARRIER", name != "M-DOWN", let bits = UInt32(name, radix: 16) {
                flags.formUnion(LinkFlags(rawValue: bits))
            }
        }
        return flags
    }
}
