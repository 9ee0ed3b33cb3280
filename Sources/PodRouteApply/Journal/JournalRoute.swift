import FoundationEssentials
import PodRouteCore

/// A route in the journal: every field a route request carries, as the kernel's numbers, so the
/// guardian restores exactly what was there (names are kept beside them for people reading the file).
struct JournalRoute: Codable, Hashable, Sendable {
    struct Hop: Codable, Hashable, Sendable {
        var gateway: IPAddress?
        var via: IPAddress?
        var ifindex: Int32?
        var weight: UInt16
        var flags: UInt32
        var realms: UInt32?
    }

    struct Metric: Codable, Hashable, Sendable {
        var kind: UInt16
        var value: UInt32
    }

    /// The route as one `ip route` line, for people reading the journal; ignored when read back.
    var text: String?
    var family: String
    var type: UInt8
    var dst: String
    var src: String?
    var tos: UInt8
    var table: UInt32
    var proto: UInt8
    var scope: UInt8
    var flags: UInt32
    var metric: UInt32?
    var gateway: IPAddress?
    var via: IPAddress?
    var ifindex: Int32?
    var dev: String?
    var prefsrc: IPAddress?
    var nexthops: [Hop]?
    var metrics: [Metric]?
    var lockedMetrics: UInt32?
    var congestionControl: String?
    var pref: UInt8?
    var expires: UInt32?
    var nhid: UInt32?
    var realms: UInt32?

    init(_ route: Route, names: RouteNaming) {
        text = names.line(route)
        family = route.family.name
        type = route.type.rawValue
        dst = route.destination.description
        src = route.source?.description
        tos = route.tos
        table = route.table.rawValue
        proto = route.proto.rawValue
        scope = route.scope.rawValue
        flags = route.flags.rawValue
        metric = route.metric
        gateway = route.gateway
        via = route.via
        ifindex = route.device?.rawValue
        dev = route.device.map(names.device)
        prefsrc = route.preferredSource
        nexthops = route.nexthops.isEmpty ? nil : route.nexthops.map {
            Hop(gateway: $0.gateway, via: $0.via, ifindex: $0.device?.rawValue, weight: $0.weight,
                flags: $0.flags.rawValue, realms: $0.realms)
        }
        metrics = route.metrics.values.isEmpty ? nil : route.metrics.values.map { Metric(kind: $0.kind.rawValue, value: $0.value) }
        lockedMetrics = route.metrics.locked == 0 ? nil : route.metrics.locked
        congestionControl = route.metrics.congestionControl
        pref = route.preference?.rawValue
        expires = route.expires
        nhid = route.nexthopID
        realms = route.realms
    }

    func route() throws -> Route {
        guard let family = AddressFamily(name: family) else { throw JournalError.corrupt("unknown family '\(family)'") }
        func prefix(_ text: String) throws -> IPPrefix {
            do { return try IPPrefix.parse(text) } catch { throw JournalError.corrupt(error.description) }
        }
        let hops = (nexthops ?? []).map {
            Nexthop(gateway: $0.gateway, via: $0.via, device: $0.ifindex.map { InterfaceIndex(rawValue: $0) }, weight: $0.weight,
                    flags: RouteFlags(rawValue: $0.flags), realms: $0.realms)
        }
        let values = (metrics ?? []).map { RouteMetric(RouteMetric.Kind(rawValue: $0.kind), $0.value) }
        var route = Route(family: family, type: RouteType(rawValue: type), destination: try prefix(dst))
        route.source = try src.map(prefix)
        route.tos = tos
        route.table = RouteTableID(table)
        route.proto = RouteProtocol(rawValue: proto)
        route.scope = RouteScope(rawValue: scope)
        route.flags = RouteFlags(rawValue: flags)
        route.metric = metric
        route.gateway = gateway
        route.via = via
        route.device = ifindex.map { InterfaceIndex(rawValue: $0) }
        route.preferredSource = prefsrc
        route.nexthops = hops
        route.metrics = RouteMetrics(values: values, locked: lockedMetrics ?? 0, congestionControl: congestionControl)
        route.preference = pref.map(RoutePreference.init)
        route.expires = expires
        route.nexthopID = nhid
        route.realms = realms
        return route
    }
}

/// Device names and `ip route` lines for the routes of one namespace, from its links.
public struct RouteNaming: Sendable {
    private let text: RouteText

    public init(links: [Link]) {
        text = RouteText(snapshot: NetworkSnapshot(host: "", source: .live, links: links))
    }

    public func device(_ index: InterfaceIndex) -> String { text.deviceName(index) }

    /// `10.21.0.0/16 via 10.20.1.22 dev eth1 proto static`, names sanitised for a terminal.
    public func line(_ route: Route) -> String { Sanitizer.printable(text.ipRouteLine(route)) }
}
