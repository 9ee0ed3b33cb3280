extension IPJSONReading {
    /// A route object of `ip -j [-d] route show` or of podroute's output.
    mutating func readRoute(_ object: JSONObject, into builder: inout CaptureBuilder) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        var dstText: String?
        var fromText: String?
        var familyText: String?
        var route = Route(family: .inet, destination: .default(.inet))
        var deviceName: String?
        var inputName: String?
        var hopValues: [JSONValue] = []
        var tableText: String?
        var sawType = false, sawProtocol = false
        for (key, value) in object {
            switch key {
            case "type":
                let text = try V.text(value, key)
                guard let type = IPJSONVocabulary.routeType(named: text) else {
                    throw .unexpected(key, value, expected: "a route type such as \"unicast\"")
                }
                route.type = type
                sawType = true
            case "dst": dstText = try V.text(value, key)
            case "from": fromText = try V.text(value, key)
            case "family": familyText = try V.text(value, key)
            case "nhid": route.nexthopID = try V.number(value, key, as: UInt32.self)
            case "tos": route.tos = try Self.tos(value, key)
            case "gateway": route.gateway = try V.address(value, key)
            case "via": route.via = try Self.via(value, key)
            case "dev": deviceName = try V.text(value, key)
            case "table": tableText = try V.nameOrNumber(value, key)
            case "protocol":
                route.proto = IPJSONNameResolver.routeProtocol(try V.nameOrNumber(value, key), line: line, into: &builder)
                sawProtocol = true
            case "scope":
                route.scope = IPJSONNameResolver.scope(try V.nameOrNumber(value, key), line: line, into: &builder)
            case "prefsrc": route.preferredSource = try V.address(value, key)
            case "metric": route.metric = try V.number(value, key, as: UInt32.self)
            case "flags": route.flags = try Self.routeFlags(value, key)
            case "flow": route.realms = try Self.flow(value, key)
            case "expires": route.expires = UInt32(bitPattern: try V.number(value, key, as: Int32.self))
            case "metrics": route.metrics = try Self.metrics(value, key)
            case "iif": inputName = try V.text(value, key)
            case "pref":
                switch value {
                case .string(let text):
                    guard let preference = RoutePreference(name: text) else {
                        throw .unexpected(key, value, expected: "\"low\", \"medium\" or \"high\"")
                    }
                    route.preference = preference
                default: route.preference = RoutePreference(rawValue: try V.number(value, key, as: UInt8.self))
                }
            case "nexthops": hopValues = try V.array(value, key)
            default: break  // cache, nh_info, encap, mark, uid: not in the model
            }
        }
        guard let dstText else { throw IPJSONProblem("has no 'dst'") }
        let family = try family(explicit: familyText, destination: dstText, route: route, source: fromText,
                                hops: hopValues, object: object)
        route.family = family
        guard let destination = IPPrefix(captureText: Substring(dstText), family: family) else {
            throw .unexpected("dst", .string(dstText), expected: "a prefix such as \"10.0.0.0/24\" or \"default\"")
        }
        route.destination = destination
        if let fromText {
            guard let source = IPPrefix(captureText: Substring(fromText), family: family) else {
                throw .unexpected("from", .string(fromText), expected: "a prefix of the route's family")
            }
            route.source = source
        }
        if let tableText {
            route.table = IPJSONNameResolver.table(tableText, line: line, into: &builder)
        } else {
            route.table = context.table ?? .main
        }
        var hopNames: [String?] = []
        for (position, value) in hopValues.enumerated() {
            do throws(IPJSONProblem) {
                let (hop, name) = try Self.nexthop(value)
                route.nexthops.append(hop)
                hopNames.append(name)
            } catch {
                throw IPJSONProblem("nexthops[\(position)]: \(error.message)")
            }
        }
        let detailed = context.detailed || (sawType && sawProtocol)
        builder.add(route: CapturedRoute(route: route, deviceName: deviceName == "*" ? nil : deviceName,
                                         nexthopDeviceNames: hopNames, inputDeviceName: inputName,
                                         fidelity: detailed ? .iproute2Detailed : .iproute2Plain, line: line))
    }

    /// The family: podroute's `family` member, the command's `-4`/`-6`, the addresses, and
    /// last IPv6's `pref` (the kernel reports it on every IPv6 route and never on IPv4).
    private func family(explicit: String?, destination: String, route: Route, source: String?,
                        hops: [JSONValue], object: JSONObject) throws(IPJSONProblem) -> AddressFamily {
        if let explicit {
            guard let family = AddressFamily(name: explicit) else {
                throw .unexpected("family", .string(explicit), expected: "\"inet\" or \"inet6\"")
            }
            return family
        }
        if let family = context.family { return family }
        for text in [destination, source].compactMap({ $0 }) where text != "default" {
            let address = text.split(separator: "/", maxSplits: 1).first ?? ""
            if let parsed = IPAddress(address) { return parsed.family }
        }
        if let address = route.gateway ?? route.preferredSource { return address.family }
        for case .object(let hop) in hops {
            if case .string(let text)? = hop["gateway"], let address = IPAddress(text) { return address.family }
        }
        return object["pref"] != nil ? .inet6 : .inet
    }

    private static func nexthop(_ value: JSONValue) throws(IPJSONProblem) -> (Nexthop, String?) {
        typealias V = IPJSONValues
        let object = try V.object(value, "nexthops")
        var hop = Nexthop()
        var name: String?
        for (key, member) in object {
            switch key {
            case "gateway": hop.gateway = try V.address(member, key)
            case "via": hop.via = try via(member, key)
            case "flow": hop.realms = try flow(member, key)
            case "dev":
                let text = try V.text(member, key)
                name = text == "*" ? nil : text
            case "weight":
                let weight = try V.number(member, key, as: UInt16.self)
                guard weight >= 1 else { throw .unexpected(key, member, expected: "a weight from 1 to 256") }
                hop.weight = weight
            case "flags": hop.flags = try routeFlags(member, key)
            default: break
            }
        }
        return (hop, name)
    }

    static func routeFlags(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> RouteFlags {
        var flags: RouteFlags = []
        for name in try IPJSONValues.strings(value, key) {
            if let flag = IPJSONVocabulary.routeFlags.first(where: { "\($0.1)" == name }) { flags.insert(flag.0) }
        }
        return flags
    }

    /// `{"family":"inet6","host":"fe80::1"}`.
    private static func via(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> IPAddress {
        let object = try IPJSONValues.object(value, key)
        guard let host = object["host"] else { throw IPJSONProblem("'\(key)' has no 'host'") }
        return try IPJSONValues.address(host, "\(key).host")
    }

    /// `{"from":"3","to":"4"}` -> realms `from << 16 | to`.
    static func flow(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> UInt32 {
        let object = try IPJSONValues.object(value, key)
        var realms: UInt32 = 0
        for (part, member) in object where part == "from" || part == "to" {
            let text = try IPJSONValues.nameOrNumber(member, "\(key).\(part)")
            guard let realm = IPJSONVocabulary.realm(named: text) else {
                throw .unexpected("\(key).\(part)", member, expected: "a realm number or \"cosmos\"")
            }
            realms |= part == "from" ? realm << 16 : realm
        }
        return realms
    }

    static func tos(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> UInt8 {
        let text = try IPJSONValues.nameOrNumber(value, key)
        guard let tos = IPJSONVocabulary.tos(named: text) else {
            throw .unexpected(key, value, expected: "a TOS value such as \"0x10\"")
        }
        return tos
    }

    /// `"metrics":[{"mtu":1400,...,"locked":["mtu"]}]`, converted back to kernel units.
    private static func metrics(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> RouteMetrics {
        typealias V = IPJSONValues
        var metrics = RouteMetrics()
        var features: UInt32?
        for element in try V.array(value, key) {
            for (name, member) in try V.object(element, key) {
                switch name {
                case "congestion": metrics.congestionControl = try V.text(member, name)
                case "ecn": features = (features ?? 0) | IPRouteMetricsJSON.ecnFeature
                case "features": features = (features ?? 0) | (try V.hexNumber(member, name))
                case "locked":
                    for lockedName in try V.strings(member, name) {
                        if lockedName == "congestion" {
                            metrics.locked |= 1 << UInt32(IPRouteMetricsJSON.congestionKind.rawValue)
                        } else if let kind = RouteMetric.Kind(name: lockedName) {
                            metrics.locked |= 1 << UInt32(kind.rawValue)
                        }
                    }
                default:
                    guard let kind = RouteMetric.Kind(name: name) else { continue }
                    let printed = try V.number(member, name, as: UInt32.self)
                    metrics.values.append(RouteMetric(kind, IPRouteMetricsJSON.storedValue(of: kind, printed: printed)))
                }
            }
        }
        if let features { metrics.values.append(RouteMetric(.features, features)) }
        metrics.values.sort { $0.kind.rawValue < $1.kind.rawValue }
        return metrics
    }
}
