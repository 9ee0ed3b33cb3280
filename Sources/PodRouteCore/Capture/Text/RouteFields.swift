/// The `keyword value` words after a route's destination, as iproute2 6.1 and older print
/// them (ip/iproute.c print_route), read in any order.
struct RouteFields {
    var source: IPPrefix?
    var tos: UInt8 = 0
    var gateway: IPAddress?
    /// The family a `via inet6 X` marker named.
    var viaFamily: AddressFamily?
    var device: String?
    var inputDevice: String?
    var table: RouteTableID?
    var unknownTableName: Substring?
    var proto: RouteProtocol?
    var unknownProtocolName: Substring?
    var scope: RouteScope?
    var preferredSource: IPAddress?
    var metric: UInt32?
    var flags: RouteFlags = []
    var metrics = RouteMetrics()
    var preference: RoutePreference?
    var expires: UInt32?
    var nexthopID: UInt32?
    var realms: UInt32?
    var cached = false
    /// A keyword whose value cannot be read (`via banana`): the route would be wrong without it.
    var unreadable: String?
    private var seenOnce: UInt16 = 0

    /// Reads the word at `position`; returns how many words it used, 0 when unknown.
    mutating func read(_ words: [Substring], at position: Int, names: NameTables) -> Int {
        guard let keyword = RouteKeyword.named[String(words[position])] else { return 0 }
        // A second `dev` or `via` means two lines ran together (`scope li10.21.230.9 dev ...`).
        if let bit = keyword.onceBit {
            if seenOnce & bit != 0 { unreadable = "\(words[position]) twice" }
            seenOnce |= bit
        }
        let value: Substring? = position + 1 < words.count ? words[position + 1] : nil
        switch keyword {
        case .via:
            if value == "inet" || value == "inet6", position + 2 < words.count {
                viaFamily = value == "inet" ? .inet : .inet6
                gateway = IPAddress(words[position + 2])
                return 3
            }
            gateway = value.flatMap { IPAddress($0) }
            if gateway == nil { unreadable = "via \(value ?? "")" }
            return 2
        case .inputDevice: inputDevice = value.map(String.init); return 2
        case .from:
            source = value.flatMap { IPPrefix(captureText: $0) }
            if source == nil { unreadable = "from \(value ?? "")" }
            return 2
        case .tos: tos = value.flatMap(TextNumber.uint32).map { UInt8(truncatingIfNeeded: $0) } ?? 0; return 2
        case .table:
            if let value {
                table = names.table(value)
                if table == nil { unknownTableName = value }
            }
            return 2
        case .proto:
            if let value {
                proto = names.routeProtocol(value)
                if proto == nil { unknownProtocolName = value; proto = .unspec }
            }
            return 2
        case .scope:
            scope = value.flatMap { names.scope($0) }
            if scope == nil { unreadable = "scope \(value ?? "")" }
            return 2
        case .source:
            preferredSource = value.flatMap { IPAddress($0) }
            if preferredSource == nil { unreadable = "src \(value ?? "")" }
            return 2
        case .metric:
            metric = value.flatMap { UInt32($0) }
            if metric == nil { unreadable = "metric \(value ?? "")" }
            return 2
        case .device:
            device = value.map(String.init)
            if device == nil { unreadable = "dev" }
            return 2
        case .preference: preference = value.flatMap { RoutePreference(name: String($0)) }; return 2
        case .expires: expires = value.flatMap(TextNumber.seconds); return 2
        case .nexthopID: nexthopID = value.flatMap { UInt32($0) }; return 2
        case .realms: realms = value.flatMap(Self.realms); return 2
        case .ignoredWithValue: return 2  // printed by iproute2, not modelled
        case .newDestination: return value == "to" ? 3 : 2
        case .cache:
            cached = true
            return words.count - position
        case .multicastOutputs: return words.count - position
        case .encapsulation:
            var end = position + 1
            while end < words.count, !Self.isKeyword(words[end]) { end += 1 }
            return end - position
        case .congestionControl:
            if value == "lock" {
                metrics.locked |= 1 << 16
                metrics.congestionControl = position + 2 < words.count ? String(words[position + 2]) : nil
                return 3
            }
            metrics.congestionControl = value.map(String.init)
            return 2
        case .flag(let flag):
            flags.insert(flag)
            return 1
        case .metricValue(let kind):
            return readMetric(kind, words, at: position)
        }
    }

    /// `mtu 1400`, `mtu lock 1300`, `rtt 12ms`, `rto_min 1.5s`, `features ecn`.
    private mutating func readMetric(_ kind: RouteMetric.Kind, _ words: [Substring], at position: Int) -> Int {
        var next = position + 1
        if next < words.count, words[next] == "lock" {
            metrics.locked |= 1 << UInt32(kind.rawValue)
            next += 1
        }
        guard next < words.count else { return next - position }
        let text = words[next]
        let value: UInt32?
        switch kind {
        case .rtt: value = Self.milliseconds(text).map { $0 &* 8 }
        case .rttvar: value = Self.milliseconds(text).map { $0 &* 4 }
        case .rtoMin: value = Self.milliseconds(text)
        case .features: value = text == "ecn" ? 1 : TextNumber.uint32(text)
        default: value = UInt32(text)
        }
        if let value { metrics.values.append(RouteMetric(kind, value)) }
        return next + 1 - position
    }

    /// `12ms` or `1.5s` (iproute2 switches to seconds at 1000 ms).
    private static func milliseconds(_ text: Substring) -> UInt32? {
        if text.hasSuffix("ms") { return UInt32(text.dropLast(2)) }
        if text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0, seconds < 4_000_000 {
            return UInt32((seconds * 1000).rounded())
        }
        return UInt32(text)
    }

    /// `realms 1/2` (from/to) or `realm 2`; names from rt_realms are not known here.
    static func realms(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: "/")
        if parts.count == 2, let from = UInt32(parts[0]), let to = UInt32(parts[1]) { return from << 16 | (to & 0xffff) }
        return UInt32(text)
    }

    private static func isKeyword(_ word: Substring) -> Bool {
        word == "nexthop" || word == "weight" || RouteKeyword.named[String(word)] != nil
    }

    /// The family of a route whose destination does not tell it (`default`): its gateway or
    /// source, else the prompt, else `pref` (IPv6 only), else IPv4.
    func family(context: CommandContext) -> AddressFamily {
        if let gateway, viaFamily == nil { return gateway.family }
        if let preferredSource { return preferredSource.family }
        if let source { return source.family }
        if let family = context.family { return family }
        return preference != nil ? .inet6 : .inet
    }
}

/// The words of a route line, looked up once in a table: a 100k-line table reads about six
/// keywords a line, and a chain of string comparisons would dominate the parse.
enum RouteKeyword {
    case via, device, inputDevice, from, tos, table, proto, scope, source, metric, preference, expires
    case nexthopID, realms, ignoredWithValue, newDestination, cache, multicastOutputs, encapsulation
    case congestionControl
    case flag(RouteFlags)
    case metricValue(RouteMetric.Kind)

    /// A bit for the keywords a route line carries at most once.
    var onceBit: UInt16? {
        switch self {
        case .via: 1
        case .device: 2
        case .table: 4
        case .proto: 8
        case .scope: 16
        case .source: 32
        case .metric: 64
        case .from: 128
        default: nil
        }
    }

    static let named: [String: RouteKeyword] = {
        var table: [String: RouteKeyword] = [
            "via": .via, "dev": .device, "iif": .inputDevice, "from": .from, "tos": .tos, "dsfield": .tos,
            "table": .table, "proto": .proto, "protocol": .proto, "scope": .scope, "src": .source,
            "metric": .metric, "priority": .metric, "preference": .metric, "pref": .preference,
            "expires": .expires, "nhid": .nexthopID, "realm": .realms, "realms": .realms, "as": .newDestination,
            "cache": .cache, "Oifs:": .multicastOutputs, "encap": .encapsulation, "congctl": .congestionControl,
            "trap": .flag(.trap),
        ]
        for word in ["mark", "uid", "error", "users", "used", "age", "ipid", "ts", "tsage", "ttl-propagate"] {
            table[word] = .ignoredWithValue
        }
        for (flag, name) in RouteFlags.printed { table[name] = .flag(flag) }
        for number in UInt16(2)...17 {
            let kind = RouteMetric.Kind(rawValue: number)
            if let name = kind.name { table[name] = .metricValue(kind) }
        }
        return table
    }()
}
