extension IPJSONReading {
    /// A rule object of `ip -j [-d] [-6] rule`.
    mutating func readRule(_ object: JSONObject, into builder: inout CaptureBuilder) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        var rule = Rule(family: .inet, priority: 0, table: .unspec)
        var sourceText: String?, sourceLength: UInt8?
        var destinationText: String?, destinationLength: UInt8?
        var familyText: String?
        var sourcePort: (single: UInt16?, start: UInt16?, end: UInt16?) = (nil, nil, nil)
        var destinationPort: (single: UInt16?, start: UInt16?, end: UInt16?) = (nil, nil, nil)
        var uidStart: UInt32?, uidEnd: UInt32?
        var flowFrom: UInt32 = 0, flowTo: UInt32?
        var sawPriority = false
        for (key, value) in object {
            switch key {
            case "priority":
                rule.priority = try V.number(value, key, as: UInt32.self)
                sawPriority = true
            case "family": familyText = try V.text(value, key)
            case "not": rule.invert = true
            case "src": sourceText = try V.text(value, key)
            case "srclen": sourceLength = try V.number(value, key, as: UInt8.self)
            case "dst": destinationText = try V.text(value, key)
            case "dstlen": destinationLength = try V.number(value, key, as: UInt8.self)
            case "tos": rule.tos = try Self.tos(value, key)
            case "fwmark": rule.fwmark = try V.hexNumber(value, key)
            case "fwmask": rule.fwmask = try V.hexNumber(value, key)
            case "iif": rule.inputInterface = try V.text(value, key)
            case "iif_detached": rule.inputInterfaceDetached = true
            case "oif": rule.outputInterface = try V.text(value, key)
            case "oif_detached": rule.outputInterfaceDetached = true
            case "l3mdev": rule.l3mdev = true
            case "uid_start": uidStart = try V.number(value, key, as: UInt32.self)
            case "uid_end": uidEnd = try V.number(value, key, as: UInt32.self)
            case "ipproto":
                let text = try V.nameOrNumber(value, key)
                guard let proto = IPJSONVocabulary.ipProtocol(named: text) else {
                    throw .unexpected(key, value, expected: "an IP protocol such as \"tcp\"")
                }
                rule.ipProto = proto
            case "sport": sourcePort.single = try V.number(value, key, as: UInt16.self)
            case "sport_start": sourcePort.start = try V.number(value, key, as: UInt16.self)
            case "sport_end": sourcePort.end = try V.number(value, key, as: UInt16.self)
            case "dport": destinationPort.single = try V.number(value, key, as: UInt16.self)
            case "dport_start": destinationPort.start = try V.number(value, key, as: UInt16.self)
            case "dport_end": destinationPort.end = try V.number(value, key, as: UInt16.self)
            case "table": rule.table = IPJSONNameResolver.table(try V.nameOrNumber(value, key), line: line, into: &builder)
            case "suppress_prefixlen":
                rule.suppressPrefixLength = UInt32(bitPattern: try V.number(value, key, as: Int32.self))
            case "suppress_ifgroup":
                rule.suppressInterfaceGroup = IPJSONNameResolver.group(try V.nameOrNumber(value, key), line: line, into: &builder)
            case "flow_from": flowFrom = try Self.realm(value, key)
            case "flow_to": flowTo = try Self.realm(value, key)
            case "goto":
                rule.action = .goto
                if case .string("none") = value { rule.gotoTarget = nil } else {
                    rule.gotoTarget = try V.number(value, key, as: UInt32.self)
                }
            case "nop": rule.action = .nop
            case "action":
                let text = try V.text(value, key)
                guard let type = IPJSONVocabulary.routeType(named: text) else {
                    throw .unexpected(key, value, expected: "an action such as \"blackhole\"")
                }
                rule.action = RuleAction(rawValue: type.rawValue)
            case "protocol":
                rule.proto = IPJSONNameResolver.routeProtocol(try V.nameOrNumber(value, key), line: line, into: &builder)
            default: break  // tun_id, unresolved: not in the model
            }
        }
        guard sawPriority else { throw IPJSONProblem("has no 'priority'") }
        rule.family = try ruleFamily(explicit: familyText, texts: [sourceText, destinationText])
        rule.source = try Self.selector(sourceText, length: sourceLength, key: "src", family: rule.family)
        rule.destination = try Self.selector(destinationText, length: destinationLength, key: "dst", family: rule.family)
        rule.sourcePorts = try Self.ports(sourcePort, key: "sport")
        rule.destinationPorts = try Self.ports(destinationPort, key: "dport")
        if let uidStart, let uidEnd {
            guard uidStart <= uidEnd else { throw IPJSONProblem("'uid_start' \(uidStart) is above 'uid_end' \(uidEnd)") }
            rule.uidRange = uidStart...uidEnd
        }
        if let flowTo { rule.realms = flowFrom << 16 | flowTo }
        builder.add(rule: rule)
    }

    /// podroute's `family`, the command's `-6`, the addresses; `ip rule` alone lists IPv4.
    private func ruleFamily(explicit: String?, texts: [String?]) throws(IPJSONProblem) -> AddressFamily {
        if let explicit {
            guard let family = AddressFamily(name: explicit) else {
                throw .unexpected("family", .string(explicit), expected: "\"inet\" or \"inet6\"")
            }
            return family
        }
        if let family = context.family { return family }
        for case let text? in texts where text != "all" {
            if let address = IPAddress(text) { return address.family }
        }
        return .inet
    }

    /// `"src":"all"`, or an address with `srclen` (absent for a host).
    private static func selector(_ text: String?, length: UInt8?, key: String,
                                 family: AddressFamily) throws(IPJSONProblem) -> IPPrefix? {
        guard let text, text != "all" else { return nil }
        guard let address = IPAddress(text), address.family == family else {
            throw .unexpected(key, .string(text), expected: "\"all\" or an address of the rule's family")
        }
        let length = length ?? family.bitWidth
        guard length <= family.bitWidth else {
            throw .unexpected("\(key)len", .uint(UInt64(length)), expected: "at most \(family.bitWidth)")
        }
        return IPPrefix(containing: address, length: length)
    }

    private static func ports(_ parts: (single: UInt16?, start: UInt16?, end: UInt16?),
                              key: String) throws(IPJSONProblem) -> ClosedRange<UInt16>? {
        if let single = parts.single { return single...single }
        guard let start = parts.start, let end = parts.end else { return nil }
        guard start <= end else { throw IPJSONProblem("'\(key)_start' \(start) is above '\(key)_end' \(end)") }
        return start...end
    }

    private static func realm(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> UInt32 {
        let text = try IPJSONValues.nameOrNumber(value, key)
        guard let realm = IPJSONVocabulary.realm(named: text) else {
            throw .unexpected(key, value, expected: "a realm number or \"cosmos\"")
        }
        return realm
    }

    /// An entry of `ip -j netconf show`; families other than IPv4 and IPv6 (MPLS) are skipped.
    mutating func readNetconf(_ object: JSONObject, into builder: inout CaptureBuilder) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        var familyText = ""
        var interface = ""
        var entry = CapturedForwarding(family: .inet, deviceName: nil, scope: .all)
        for (key, value) in object {
            switch key {
            case "family": familyText = try V.text(value, key)
            case "interface": interface = try V.text(value, key)
            case "forwarding": entry.forwarding = try V.flag(value, key)
            case "rp_filter":
                let text = try V.text(value, key)
                entry.reversePathFilter = ReversePathFilter(name: text)
            case "mc_forwarding": entry.multicastForwarding = try V.flag(value, key)
            case "proxy_neigh": entry.proxyNeighbour = try V.flag(value, key)
            case "ignore_routes_with_linkdown": entry.ignoreRoutesWithLinkdown = try V.flag(value, key)
            default: break
            }
        }
        guard familyText == "inet" || familyText == "inet6" else { return }
        entry.family = familyText == "inet" ? .inet : .inet6
        switch interface {
        case "all": entry.scope = .all
        case "default": entry.scope = .defaults
        case "": throw IPJSONProblem("'interface' is empty")
        default:
            entry.deviceName = interface
            entry.scope = .interface(InterfaceIndex(0))  // resolved from the name when the snapshot is built
        }
        builder.add(forwarding: entry)
    }
}
