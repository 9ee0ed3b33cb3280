/// One line of `ip route` in any of its forms: plain or `-d`, one table or all, either
/// family, `-N` numbers, BusyBox (which never prints `proto`). Reading follows what
/// iproute2's print_route omits: without `-d`, a missing type is `unicast`, a missing `proto`
/// is `boot`, a missing `scope` is `global`, a missing `table` is `main` (or the table the
/// prompt asked for), and an IPv4 metric of 0 is not printed at all.
enum RouteLine {
    enum Result {
        case route(CapturedRoute, ignored: [String])
        /// Recognised but not loaded, with the reason for the warning.
        case skipped(String)
    }

    /// True when the words start like a route: `[type] destination`.
    static func looksLikeRoute(_ words: [Substring]) -> Bool {
        guard let first = words.first else { return false }
        if RouteDestination(first) != nil { return true }
        return words.count >= 2 && RouteType(name: String(first)) != nil && RouteDestination(words[1]) != nil
    }

    static func parse(_ words: [Substring], line: Int, context: CommandContext, names: NameTables) -> Result? {
        guard let first = words.first else { return nil }
        var position = 1
        var type = RouteType.unicast
        var typePrinted = false
        let parsedDestination: RouteDestination
        if let destination = RouteDestination(first) {
            parsedDestination = destination
        } else if words.count >= 2, let named = RouteType(name: String(first)), let destination = RouteDestination(words[1]) {
            type = named
            typePrinted = true
            parsedDestination = destination
            position = 2
        } else {
            return nil
        }
        var fields = RouteFields()
        var ignored: [String] = []
        while position < words.count {
            let used = fields.read(words, at: position, names: names)
            if used == 0 {
                ignored.append(String(words[position]))
                position += 1
            } else {
                position += used
            }
        }
        if fields.cached { return .skipped("a route-cache entry ('cache'), not a table route: skipped") }
        if let word = fields.unreadable { return .skipped("route skipped: '\(word)' cannot be read") }
        if let badName = fields.unknownTableName {
            return .skipped("route in table '\(badName)' skipped: the capture does not say which number that name has")
        }
        let family = parsedDestination.family ?? fields.family(context: context)
        let destination = parsedDestination.prefix(family: family)
        if let name = fields.unknownProtocolName { ignored.append("proto \(name)") }
        var route = Route(family: family, type: type, destination: destination)
        route.source = fields.source.flatMap { $0.family == family ? $0 : nil }
        route.tos = fields.tos
        route.proto = fields.proto ?? (context.busybox ? .unspec : .boot)
        route.scope = fields.scope ?? .universe
        route.table = fields.table ?? context.table ?? impliedTable(type: type, proto: fields.proto, context: context)
        route.flags = fields.flags
        route.metric = fields.metric.flatMap { family == .inet && $0 == 0 ? nil : $0 }
        if let gateway = fields.gateway {
            // `via inet6 fe80::1` on an IPv4 route is RTA_VIA, a gateway of the other family.
            if gateway.family != family { route.via = gateway } else { route.gateway = gateway }
        }
        route.preferredSource = fields.preferredSource
        route.metrics = fields.metrics
        route.preference = fields.preference
        route.expires = fields.expires
        route.nexthopID = fields.nexthopID
        route.realms = fields.realms
        let detailed = context.detailed || (typePrinted && type == .unicast) || fields.proto == .boot
            || fields.scope == .universe || fields.table == .main
        let fidelity: CaptureFidelity = context.busybox ? .netTools : detailed ? .iproute2Detailed : .iproute2Plain
        let captured = CapturedRoute(route: route, deviceName: fields.device, inputDeviceName: fields.inputDevice,
                                     fidelity: fidelity, line: line)
        return .route(captured, ignored: ignored)
    }

    /// A next-hop continuation line: `nexthop via 10.0.0.1 dev eth0 weight 2 onlink`.
    static func parseHop(_ words: [Substring], family: AddressFamily) -> (Nexthop, String?)? {
        guard words.first == "nexthop" else { return nil }
        var hop = Nexthop()
        var device: String?
        var position = 1
        while position < words.count {
            let word = words[position]
            let value: Substring? = position + 1 < words.count ? words[position + 1] : nil
            position += 1
            switch word {
            case "via":
                var target = value
                if value == "inet" || value == "inet6", position + 1 < words.count {
                    position += 1
                    target = words[position]
                }
                if let address = target.flatMap({ IPAddress($0) }) {
                    if address.family == family { hop.gateway = address } else { hop.via = address }
                }
                position += 1
            case "dev": device = value.map(String.init); position += 1
            case "weight": hop.weight = value.flatMap { UInt16($0) } ?? 1; position += 1
            case "realm", "realms": hop.realms = value.flatMap(RouteFields.realms); position += 1
            default:
                if let flag = RouteFlags(name: word) { hop.flags.insert(flag) }
            }
        }
        return (hop, device)
    }

    /// Without a `table` word or a prompt: the kernel keeps its own local, broadcast, anycast
    /// and multicast routes in table local, and only `ip route show table local` omits that.
    private static func impliedTable(type: RouteType, proto: RouteProtocol?, context: CommandContext) -> RouteTableID {
        let kernelOwned = proto == .kernel || (proto == nil && context.busybox)
        let localTypes: [RouteType] = [.local, .broadcast, .anycast, .multicast]
        return kernelOwned && localTypes.contains(type) ? .local : .main
    }
}

/// A route's destination word: `default`, `0/N` (no address, iproute2's form for a zero
/// prefix), `10.21.0.0/16`, or a host address without its length.
enum RouteDestination {
    case prefix(IPPrefix)
    /// `default` or `0/N`: the family comes from the rest of the line.
    case unspecified(length: UInt8)

    init?(_ word: Substring) {
        if word == "default" {
            self = .unspecified(length: 0)
            return
        }
        guard let first = word.utf8.first else { return nil }
        let isHex = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "f"))
        guard isHex || first == UInt8(ascii: ":") else { return nil }
        guard let slash = word.utf8.firstIndex(of: UInt8(ascii: "/")) else {
            guard let address = IPAddress(word) else { return nil }
            self = .prefix(IPPrefix(host: address))
            return
        }
        let addressText = word[..<slash]
        guard let length = UInt8(word[word.index(after: slash)...]) else { return nil }
        if addressText == "0" {
            self = .unspecified(length: length)
            return
        }
        guard let address = IPAddress(addressText), length <= address.family.bitWidth else { return nil }
        self = .prefix(IPPrefix(containing: address, length: length))
    }

    var family: AddressFamily? {
        if case .prefix(let prefix) = self { return prefix.family }
        return nil
    }

    func prefix(family: AddressFamily) -> IPPrefix {
        switch self {
        case .prefix(let prefix): prefix
        case .unspecified(let length): IPPrefix(containing: .any(family), length: length)
        }
    }
}
