/// Writes a route as one object of `ip -j -d route show` (iproute2 6.1 `print_route`): the
/// same keys in the same order with the same value types, then podroute's members.
///
/// iproute2's quirks are reproduced on purpose, because scripts depend on them: `dst` is
/// `"default"` or a bare address for host routes, tables and protocols are strings even when
/// numeric (`"table":"1000"`, `"protocol":"80"`), `flags` is always an array, IPv4 routes of
/// metric 0 have no `metric`, metrics are a one-element array of an object, multipath routes
/// carry `nexthops`. iproute2 does not print the family; podroute adds `"family"` so that a
/// default route is never ambiguous.
public struct IPRouteJSON: Sendable {
    public struct Options: Sendable {
        /// Print `type`, `table`, `protocol` and `scope` on every route, as `ip -d` does. Off,
        /// the object matches plain `ip -j route` (defaults omitted); the detailed form is a
        /// superset of the plain one, value for value.
        public var detailed: Bool
        /// Append podroute's `"family"` member.
        public var includeFamily: Bool

        public init(detailed: Bool = true, includeFamily: Bool = true) {
            self.detailed = detailed
            self.includeFamily = includeFamily
        }
    }

    public let devices: IPJSONDeviceNames
    public let names: IPNames
    public let options: Options
    /// iproute2's words for types, protocols, scopes and tables 0-255, as JSON strings.
    private let typeNames: JSONStringTable
    private let protocolNames: JSONStringTable
    private let scopeNames: JSONStringTable
    private let tableNames: JSONStringTable

    public init(snapshot: NetworkSnapshot, options: Options = Options()) {
        self.init(devices: IPJSONDeviceNames(snapshot), names: snapshot.names, options: options)
    }

    public init(devices: IPJSONDeviceNames, names: IPNames = .iproute2Defaults, options: Options = Options()) {
        self.devices = devices
        self.names = names
        self.options = options
        typeNames = JSONStringTable(count: 256) { IPJSONVocabulary.routeTypeName(RouteType(rawValue: UInt8($0))) }
        protocolNames = JSONStringTable(count: 256) { names.name(of: RouteProtocol(rawValue: UInt8($0))) }
        scopeNames = JSONStringTable(count: 256) { names.name(of: RouteScope(rawValue: UInt8($0))) }
        tableNames = JSONStringTable(count: 256) { names.name(of: RouteTableID(UInt32($0))) }
    }

    /// Writes `route` as one JSON object, `extra` members last.
    public func write(_ route: Route, to writer: inout JSONWriter, extra: IPJSONExtra = .none) {
        writeFields(route, to: &writer, extra: extra)
    }

    /// Writes the route at `position` of `routes` the same way, read in place when it has none
    /// of the rare fields (most routes): `trace --batch` prints one per line.
    public func write(_ routes: RouteStore, at position: Int, to writer: inout JSONWriter, extra: IPJSONExtra = .none) {
        if let view = routes.packedView(at: position) {
            writeFields(view, to: &writer, extra: extra)
        } else {
            writeFields(routes[position], to: &writer, extra: extra)
        }
    }

    /// A packed route the same way (`IPRouteShapeCache` keeps its bytes).
    func write(_ view: PackedRouteView, to writer: inout JSONWriter) {
        writeFields(view, to: &writer, extra: .none)
    }

    private func writeFields<Fields: IPRouteFields>(_ route: Fields, to writer: inout JSONWriter, extra: IPJSONExtra) {
        writer.beginObject()
        let detailed = options.detailed
        if route.type != .unicast || detailed {
            writer.key("type")
            _ = typeNames.write(Int(route.type.rawValue), to: &writer)
        }
        writer.key("dst")
        writer.routePrefix(route.destination)
        if let source = route.source, source.length > 0 {
            writer.key("from")
            writer.prefix(source, omittingHostLength: true)
        }
        if let nexthopID = route.nexthopID { writer.member("nhid", nexthopID) }
        if route.tos != 0 { writer.member("tos", IPJSONVocabulary.tosName(route.tos)) }
        if let gateway = route.gateway {
            writer.key("gateway")
            writer.address(gateway)
        }
        if let via = route.via { writeVia(via, to: &writer) }
        if let device = route.device {
            writer.key("dev")
            devices.write(device, to: &writer)
        }
        if route.table != .unspec, route.table != .main || detailed {
            writer.key("table")
            if !tableNames.write(Int(route.table.rawValue), to: &writer) {
                writeName(names.tables[route.table.rawValue], number: UInt64(route.table.rawValue), to: &writer)
            }
        }
        if !route.flags.contains(.cloned) {
            if route.proto != .boot || detailed {
                writer.key("protocol")
                _ = protocolNames.write(Int(route.proto.rawValue), to: &writer)
            }
            if route.scope != .universe || detailed {
                writer.key("scope")
                _ = scopeNames.write(Int(route.scope.rawValue), to: &writer)
            }
        }
        if let preferredSource = route.preferredSource {
            writer.key("prefsrc")
            writer.address(preferredSource)
        }
        if let metric = route.metric { writer.member("metric", metric) }
        writeFlags(route.flags, to: &writer)
        if let realms = route.realms { writeFlow(realms, to: &writer) }
        if let expires = route.expires, expires != 0 {
            writer.key("expires")
            writer.int(Int64(Int32(bitPattern: expires)))
        }
        if !route.metrics.isEmpty { IPRouteMetricsJSON.write(route.metrics, to: &writer) }
        if let input = route.inputDevice {
            writer.key("iif")
            devices.write(input, to: &writer)
        }
        if let preference = route.preference { writePreference(preference, to: &writer) }
        if !route.nexthops.isEmpty { writeNexthops(route.nexthops, to: &writer) }
        if options.includeFamily { writer.member("family", IPJSONVocabulary.familyName(route.family)) }
        extra.write(into: &writer)
        writer.endObject()
    }

    /// One route as text (tests, small outputs).
    public func text(_ route: Route, extra: IPJSONExtra = .none) -> String {
        var writer = JSONWriter(capacity: 256)
        write(route, to: &writer, extra: extra)
        return writer.text
    }

    // MARK: Parts

    /// A name from /etc/iproute2 or the built-in tables, else the number as a string.
    private func writeName(_ name: String?, number: UInt64, to writer: inout JSONWriter) {
        if let name { writer.string(name) } else { writer.numberString(number) }
    }

    /// `"flags":[...]`, always present, possibly empty.
    func writeFlags(_ flags: RouteFlags, to writer: inout JSONWriter) {
        writer.key("flags")
        writer.beginArray()
        if !flags.isEmpty {
            for (flag, name) in IPJSONVocabulary.routeFlags where flags.contains(flag) { writer.string(name) }
        }
        writer.endArray()
    }

    /// `"via":{"family":"inet6","host":"fe80::1"}` (`RTA_VIA`, a gateway of another family).
    func writeVia(_ via: IPAddress, to writer: inout JSONWriter) {
        writer.key("via")
        writer.beginObject()
        writer.member("family", IPJSONVocabulary.familyName(via.family))
        writer.key("host")
        writer.address(via)
        writer.endObject()
    }

    /// `"flow":{"from":"3","to":"4"}` (`RTA_FLOW` realms; `from` only when nonzero).
    func writeFlow(_ realms: UInt32, to writer: inout JSONWriter) {
        writer.key("flow")
        writer.beginObject()
        if realms >> 16 != 0 { writer.member("from", IPJSONVocabulary.realmName(realms >> 16)) }
        writer.member("to", IPJSONVocabulary.realmName(realms & 0xffff))
        writer.endObject()
    }

    private func writePreference(_ preference: RoutePreference, to writer: inout JSONWriter) {
        writer.key("pref")
        switch preference {
        case .low, .medium, .high: writer.string(preference.name)
        default: writer.uint(preference.rawValue)
        }
    }

    private func writeNexthops(_ nexthops: [Nexthop], to writer: inout JSONWriter) {
        writer.key("nexthops")
        writer.beginArray()
        for hop in nexthops {
            writer.beginObject()
            if let gateway = hop.gateway {
                writer.key("gateway")
                writer.address(gateway)
            }
            if let via = hop.via { writeVia(via, to: &writer) }
            if let realms = hop.realms { writeFlow(realms, to: &writer) }
            writer.key("dev")
            devices.write(hop.device ?? InterfaceIndex(0), to: &writer)
            writer.key("weight")
            writer.uint(hop.weight)
            writeFlags(hop.flags, to: &writer)
            writer.endObject()
        }
        writer.endArray()
    }
}
