/// `route -n`, `route -n -A inet6`, `netstat -rn` (net-tools and BusyBox): a title
/// (`Kernel IP routing table`), a column header, then one row per route of the main table
/// (IPv4) or of all tables (IPv6, from /proc/net/ipv6_route). Columns are read by the header's
/// names, so `route -ne`, `-ee` and `netstat` layouts all work; without a header the row's
/// shape decides. Routes get fidelity `.netTools` and protocol `unspec` (unknown).
struct NetToolsRouteTable {
    private var family: AddressFamily?
    private var columns: [Substring] = []
    /// `route -C`: cached entries, not routes.
    private var isCache = false

    enum Result {
        case header
        case route(CapturedRoute)
        case skipped(String?)
    }

    mutating func reset() { self = NetToolsRouteTable() }

    mutating func read(_ words: [Substring], line: Int, context: CommandContext) -> Result? {
        guard let first = words.first else { return nil }
        if first == "Kernel", words.count >= 4, words[1] == "IP" || words[1] == "IPv6", words[2] == "routing" {
            self = NetToolsRouteTable()
            family = words[1] == "IP" ? .inet : .inet6
            isCache = words[3] == "cache"
            return isCache ? .skipped("a route cache listing ('route -C'): skipped") : .header
        }
        if first == "Destination" || (first == "Source" && words.contains("Destination")) {
            var names: [Substring] = []
            var position = 0
            while position < words.count {
                if words[position] == "Next", position + 1 < words.count, words[position + 1] == "Hop" {
                    names.append("Gateway")
                    position += 2
                    continue
                }
                names.append(words[position])
                position += 1
            }
            columns = names
            isCache = isCache || first == "Source"
            return .header
        }
        let layout = columns.isEmpty ? Self.guessedColumns(words, context: context) : columns
        guard let layout, layout.count == words.count else { return nil }
        if isCache { return .skipped(nil) }
        var row: [Substring: Substring] = [:]
        for (name, word) in zip(layout, words) { row[name] = word }
        guard let destination = row["Destination"], let flagsWord = row["Flags"] ?? row["Flag"], Self.isFlags(flagsWord)
        else { return nil }
        let parsed = destination.contains(":") || family == .inet6
            ? Self.ipv6Row(row, destination: destination, flags: flagsWord, line: line)
            : Self.ipv4Row(row, destination: destination, flags: flagsWord, line: line)
        // A row under a header that cannot be read (a name instead of an address, a
        // non-contiguous mask) is this table's row all the same: warn, do not guess.
        return parsed ?? (columns.isEmpty ? nil : .skipped("route table row not understood (names instead of numbers? use route -n)"))
    }

    /// Rows pasted without their header: `D G M F ...` with a dotted netmask, or the IPv6 shape.
    private static func guessedColumns(_ words: [Substring], context: CommandContext) -> [Substring]? {
        if words.count == 8, IPv4Address(words[2]) != nil, isFlags(words[3]),
           IPv4Address(words[0]) != nil || words[0] == "default" {
            return context.tool == .netstat
                ? ["Destination", "Gateway", "Genmask", "Flags", "MSS", "Window", "irtt", "Iface"]
                : ["Destination", "Gateway", "Genmask", "Flags", "Metric", "Ref", "Use", "Iface"]
        }
        if words.count == 7, words[0].contains("/"), words[0].contains(":"), IPv6Address(words[1]) != nil, isFlags(words[2]) {
            return ["Destination", "Gateway", "Flag", "Met", "Ref", "Use", "If"]
        }
        return nil
    }

    private static func isFlags(_ word: Substring) -> Bool {
        word.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: "!")
        }
    }

    private static func ipv4Row(_ row: [Substring: Substring], destination: Substring, flags: Substring, line: Int) -> Result? {
        guard let address = destination == "default" ? IPv4Address.any : IPv4Address(destination),
              let mask = row["Genmask"].flatMap({ IPv4Address($0) }), let length = prefixLength(mask.value)
        else { return nil }
        let gatewayWord = row["Gateway"] ?? "*"
        var gateway: IPAddress?
        if gatewayWord != "*", gatewayWord != "-", gatewayWord != "0.0.0.0" {
            guard let parsed = IPv4Address(gatewayWord) else { return nil }
            gateway = .v4(parsed)
        }
        let device = row["Iface"].flatMap { $0 == "*" || $0 == "-" ? nil : String($0) }
        var route = Route(family: .inet, destination: IPPrefix(containing: .v4(address), length: length), proto: .unspec)
        if flags.contains("!") {
            route.type = .unreachable  // unreachable and prohibit both print as `!`
        } else if device == nil, gateway == nil {
            route.type = .blackhole  // the only main-table type without a device or `!`
        }
        route.gateway = gateway
        route.scope = route.type == .unicast && gateway == nil ? .link : .universe
        if let metric = row["Metric"].flatMap({ UInt32($0) }), metric != 0 { route.metric = metric }
        // /proc/net/route prints advmss + 40 in its MTU column, which netstat calls MSS.
        if let mss = row["MSS"].flatMap({ UInt32($0) }), mss > 40 { route.metrics.values.append(RouteMetric(.advmss, mss - 40)) }
        if let window = row["Window"].flatMap({ UInt32($0) }), window > 0 { route.metrics.values.append(RouteMetric(.window, window)) }
        if let rtt = row["irtt"].flatMap({ UInt32($0) }), rtt > 0 { route.metrics.values.append(RouteMetric(.rtt, rtt &* 8)) }
        return .route(CapturedRoute(route: route, deviceName: device, fidelity: .netTools, line: line))
    }

    private static func ipv6Row(_ row: [Substring: Substring], destination: Substring, flags: Substring, line: Int) -> Result? {
        guard let prefix = IPPrefix(captureText: destination, family: .inet6) else { return nil }
        let metricWord = row["Met"] ?? row["Metric"] ?? "0"
        let metric = Int64(metricWord).map { UInt32(truncatingIfNeeded: $0) }
        let device = (row["If"] ?? row["Iface"]).flatMap { $0 == "*" || $0 == "-" ? nil : String($0) }
        // The kernel's per-table null entry (`::/0 :: !n -1 ... lo`) is not a route.
        if prefix.isDefault, flags.contains("!"), metric == .max, device == "lo" { return .skipped(nil) }
        if flags.contains("C") { return .skipped("a route-cache entry (flag C): skipped") }
        var route = Route(family: .inet6, destination: prefix, proto: flags.contains("A") ? RouteProtocol(rawValue: 9) : .unspec,
                          metric: metric)
        if let gatewayWord = row["Gateway"], let gateway = IPv6Address(gatewayWord), gateway != .any {
            route.gateway = .v6(gateway)
        }
        let multicast = IPPrefix(containing: .v6(IPv6Address(high: 0xff00 << 48, low: 0)), length: 8)
        if flags.contains("!") {
            route.type = .unreachable
        } else if flags.contains("n"), prefix.isHost {
            route.type = .local  // RTF_NONEXTHOP on a host route: a local address, table local
            route.table = .local
        } else if multicast.contains(prefix) {
            route.type = .multicast
            route.table = .local
        }
        return .route(CapturedRoute(route: route, deviceName: device, fidelity: .netTools, line: line))
    }

    /// The length of a contiguous netmask; nil for `255.0.255.0`.
    private static func prefixLength(_ mask: UInt32) -> UInt8? {
        let length = UInt8((~mask).leadingZeroBitCount)
        let expected: UInt32 = length == 0 ? 0 : ~0 << (32 - UInt32(length))
        return mask == expected ? length : nil
    }
}
