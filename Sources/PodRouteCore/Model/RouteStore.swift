/// All routes of a snapshot, held compactly: a million IPv4 routes take about 36 MB.
///
/// The common fields of each route are packed into a fixed-size record per family; the rare
/// ones (multipath, metrics, source prefixes, ...) live in a side table. Reading an element
/// rebuilds a full `Route` value. Order is insertion order within each family, IPv4 first,
/// which is the order `ip route show table all` prints.
public struct RouteStore: RandomAccessCollection, Sendable {
    private var packed4 = ChunkedArray<PackedRoute4>()
    private var packed6 = ChunkedArray<PackedRoute6>()
    private var extras4: [Int: RouteExtras] = [:]
    private var extras6: [Int: RouteExtras] = [:]

    public init() {}

    public init<S: Sequence>(_ routes: S) where S.Element == Route {
        for route in routes { append(route) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { packed4.count + packed6.count }

    public var ipv4Count: Int { packed4.count }
    public var ipv6Count: Int { packed6.count }

    public subscript(position: Int) -> Route {
        if position < packed4.count {
            return packed4[position].route(extras: extras4[position])
        }
        let index = position - packed4.count
        return packed6[index].route(extras: extras6[index])
    }

    public mutating func append(_ route: Route) {
        let extras = RouteExtras(route)
        switch route.family {
        case .inet:
            if let extras { extras4[packed4.count] = extras }
            packed4.append(PackedRoute4(route, hasExtras: extras != nil))
        case .inet6:
            if let extras { extras6[packed6.count] = extras }
            packed6.append(PackedRoute6(route, hasExtras: extras != nil))
        }
    }

    /// The routes of one family, without building the others.
    public func indices(of family: AddressFamily) -> Range<Int> {
        family == .inet ? 0..<packed4.count : packed4.count..<endIndex
    }

    /// The few facts a pass over every route usually needs, read straight from the packed
    /// record: about ten times cheaper than building the `Route` (passes over a million
    /// routes when the UI opens).
    public func summary(at position: Int) -> RouteSummary {
        let common: PackedCommon
        let extras: RouteExtras?
        let family: AddressFamily
        if position < packed4.count {
            common = packed4[position].common
            extras = Presence(rawValue: common.presence).contains(.extras) ? extras4[position] : nil
            family = .inet
        } else {
            let index = position - packed4.count
            common = packed6[index].common
            extras = Presence(rawValue: common.presence).contains(.extras) ? extras6[index] : nil
            family = .inet6
        }
        let presence = Presence(rawValue: common.presence)
        return RouteSummary(
            family: family, type: RouteType(rawValue: common.type), table: RouteTableID(common.table),
            destinationLength: common.destinationLength,
            device: presence.contains(.device) ? InterfaceIndex(common.device) : nil,
            hasGateway: presence.contains(.gateway) || extras?.via != nil || extras?.foreignGateway != nil,
            hasNexthops: !(extras?.nexthops.isEmpty ?? true))
    }
}

extension RouteStore {
    /// What route lookup indexes, read straight from the packed record (no `Route` is built):
    /// building the index of a million routes reads this once per route.
    func lookupFacts(at position: Int) -> RouteLookupFacts {
        if position < packed4.count {
            let record = packed4[position]
            return RouteLookupFacts(common: record.common, destination: .v4(IPv4Address(record.destination)), preference: 0)
        }
        let record = packed6[position - packed4.count]
        return RouteLookupFacts(common: record.common, destination: .v6(record.destination), preference: record.preference)
    }
}

extension RouteStore {
    /// Reads the packed records of the routes at `positions`: `--batch` reads a block of
    /// answers' records this way before printing them, so that their cache misses overlap (see
    /// `RouteLookup.warm(_:)`). A record may straddle two cache lines: both its ends are read.
    public func warm(_ positions: [Int]) {
        var sum: UInt64 = 0
        for position in positions {
            if position < packed4.count {
                let record = packed4[position]
                sum &+= UInt64(record.destination) &+ UInt64(record.common.presence)
            } else {
                let record = packed6[position - packed4.count]
                sum &+= record.destination.low &+ UInt64(record.preference)
            }
        }
        CacheWarming.keep(sum)
    }
}

extension RouteStore {
    /// The route at `position` read in place, or nil when it has rare fields (next hops,
    /// metrics, a source prefix, ...): then subscript the store for the whole `Route`.
    func packedView(at position: Int) -> PackedRouteView? {
        if position < packed4.count {
            let record = packed4[position]
            guard !Presence(rawValue: record.common.presence).contains(.extras) else { return nil }
            return record.view
        }
        let record = packed6[position - packed4.count]
        guard !Presence(rawValue: record.common.presence).contains(.extras) else { return nil }
        return record.view
    }
}

/// A route of a `RouteStore` read from its packed record: the values the store's subscript puts
/// into a `Route` (`route(extras:)`), and, for a record without rare fields, everything
/// `IPRouteJSON` writes, without building one.
struct PackedRouteView: IPRouteFields {
    fileprivate let common: PackedCommon
    let family: AddressFamily
    fileprivate let address: IPAddress
    fileprivate let gatewayAddress: IPAddress
    fileprivate let sourceAddress: IPAddress
    /// `RTA_PREF` as stored (IPv6 only).
    fileprivate let preferenceValue: UInt8?

    private var presence: Presence { Presence(rawValue: common.presence) }

    var type: RouteType { RouteType(rawValue: common.type) }
    var destination: IPPrefix { IPPrefix(containing: address, length: common.destinationLength) }
    var source: IPPrefix? { nil }
    var tos: UInt8 { common.tos }
    var table: RouteTableID { RouteTableID(common.table) }
    var proto: RouteProtocol { RouteProtocol(rawValue: common.proto) }
    var scope: RouteScope { RouteScope(rawValue: common.scope) }
    var flags: RouteFlags { RouteFlags(rawValue: common.flags) }
    var metric: UInt32? { presence.contains(.metric) ? common.metric : nil }
    var gateway: IPAddress? { presence.contains(.gateway) ? gatewayAddress : nil }
    var via: IPAddress? { nil }
    var device: InterfaceIndex? { presence.contains(.device) ? InterfaceIndex(common.device) : nil }
    var inputDevice: InterfaceIndex? { nil }
    var preferredSource: IPAddress? { presence.contains(.preferredSource) ? sourceAddress : nil }
    var nexthops: [Nexthop] { [] }
    var metrics: RouteMetrics { RouteMetrics() }
    var preference: RoutePreference? {
        guard presence.contains(.preference), let preferenceValue else { return nil }
        return RoutePreference(rawValue: preferenceValue)
    }
    var expires: UInt32? { nil }
    var nexthopID: UInt32? { nil }
    var realms: UInt32? { nil }

    /// The whole `Route`, with the rare fields from `extras` when the record has them.
    fileprivate func route(extras: RouteExtras?) -> Route {
        var route = Route(family: family, type: type, destination: destination, tos: tos, table: table, proto: proto,
                          scope: scope, flags: flags, metric: metric, gateway: gateway, device: device,
                          preferredSource: preferredSource, preference: preference)
        if presence.contains(.extras) { extras?.apply(to: &route) }
        return route
    }
}

/// The fields of a route that decide where it sits in a lookup index and in which order the
/// kernel tries it among routes of the same prefix.
struct RouteLookupFacts {
    let destination: IPAddress
    let length: UInt8
    let table: RouteTableID
    let tos: UInt8
    let type: RouteType
    let flags: RouteFlags
    /// The metric the kernel compares (absent is 0).
    let metric: UInt32
    /// `RTA_OIF` (nil for multipath routes, whose devices are per hop).
    let device: InterfaceIndex?
    /// `RTA_PREF` as sent (0 = medium); IPv6 only.
    let preference: UInt8
    /// The route has next hops, a source prefix or other rare fields: read the whole route to judge it.
    let hasExtras: Bool

    fileprivate init(common: PackedCommon, destination: IPAddress, preference: UInt8) {
        self.destination = destination
        length = common.destinationLength
        table = RouteTableID(common.table)
        tos = common.tos
        type = RouteType(rawValue: common.type)
        flags = RouteFlags(rawValue: common.flags)
        metric = common.metric
        device = Presence(rawValue: common.presence).contains(.device) ? InterfaceIndex(common.device) : nil
        self.preference = preference
        hasExtras = Presence(rawValue: common.presence).contains(.extras)
    }
}

/// What `RouteStore.summary(at:)` reads without building a `Route`.
public struct RouteSummary: Sendable, Hashable {
    public let family: AddressFamily
    public let type: RouteType
    public let table: RouteTableID
    public let destinationLength: UInt8
    /// `RTA_OIF` (nil for multipath routes, whose devices are per hop).
    public let device: InterfaceIndex?
    /// A gateway or `RTA_VIA`.
    public let hasGateway: Bool
    public let hasNexthops: Bool

    public var isHostPrefix: Bool { destinationLength == family.bitWidth }
    public var isDefault: Bool { destinationLength == 0 }
}

extension PackedRouteView {
    /// The fields `IPRouteJSON` reads of this route, but for its destination and gateway addresses.
    var shapeKey: IPRouteShapeKey {
        IPRouteShapeKey(metric: common.metric, table: common.table, device: common.device, flags: common.flags,
                        type: common.type, tos: common.tos, proto: common.proto, scope: common.scope,
                        presence: common.presence, preference: preferenceValue ?? 0, preferredSource: sourceAddress)
    }
}

/// Presence bits of a packed record.
private struct Presence: OptionSet {
    var rawValue: UInt8
    static let gateway = Presence(rawValue: 1)
    static let preferredSource = Presence(rawValue: 2)
    static let metric = Presence(rawValue: 4)
    static let device = Presence(rawValue: 8)
    static let extras = Presence(rawValue: 16)
    static let preference = Presence(rawValue: 32)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ route: Route, hasExtras: Bool) {
        var bits: Presence = []
        if route.gateway != nil { bits.insert(.gateway) }
        if route.preferredSource != nil { bits.insert(.preferredSource) }
        if route.metric != nil { bits.insert(.metric) }
        if route.device != nil { bits.insert(.device) }
        if route.preference != nil { bits.insert(.preference) }
        if hasExtras { bits.insert(.extras) }
        self = bits
    }
}

/// The fields most routes never have.
private struct RouteExtras: Sendable {
    var source: IPPrefix?
    var via: IPAddress?
    var inputDevice: InterfaceIndex?
    var nexthops: [Nexthop]
    var metrics: RouteMetrics
    var expires: UInt32?
    var nexthopID: UInt32?
    var realms: UInt32?
    /// An IPv6 gateway on an IPv4 route or the reverse cannot live in the packed field.
    var foreignGateway: IPAddress?
    var foreignPreferredSource: IPAddress?

    init?(_ route: Route) {
        // Most routes have none of these: decide that before copying anything.
        guard route.source != nil || route.via != nil || route.inputDevice != nil || !route.nexthops.isEmpty
                || !route.metrics.isEmpty || route.expires != nil || route.nexthopID != nil || route.realms != nil
                || route.gateway.map({ $0.family != route.family }) == true
                || route.preferredSource.map({ $0.family != route.family }) == true else { return nil }
        source = route.source
        via = route.via
        inputDevice = route.inputDevice
        nexthops = route.nexthops
        metrics = route.metrics
        expires = route.expires
        nexthopID = route.nexthopID
        realms = route.realms
        foreignGateway = route.gateway.flatMap { $0.family == route.family ? nil : $0 }
        foreignPreferredSource = route.preferredSource.flatMap { $0.family == route.family ? nil : $0 }
    }

    func apply(to route: inout Route) {
        route.source = source
        route.via = via
        route.inputDevice = inputDevice
        route.nexthops = nexthops
        route.metrics = metrics
        route.expires = expires
        route.nexthopID = nexthopID
        route.realms = realms
        if let foreignGateway { route.gateway = foreignGateway }
        if let foreignPreferredSource { route.preferredSource = foreignPreferredSource }
    }
}

/// The fields shared by both packed records.
private struct PackedCommon {
    var metric: UInt32
    var table: UInt32
    var device: Int32
    var flags: UInt32
    var destinationLength: UInt8
    var type: UInt8
    var proto: UInt8
    var scope: UInt8
    var tos: UInt8
    var presence: UInt8

    init(_ route: Route, hasExtras: Bool) {
        metric = route.metric ?? 0
        table = route.table.rawValue
        device = route.device?.rawValue ?? 0
        flags = route.flags.rawValue
        destinationLength = route.destination.length
        type = route.type.rawValue
        proto = route.proto.rawValue
        scope = route.scope.rawValue
        tos = route.tos
        presence = Presence(route, hasExtras: hasExtras).rawValue
    }
}

private struct PackedRoute4: Sendable {
    var destination: UInt32
    var gateway: UInt32
    var preferredSource: UInt32
    var common: PackedCommon

    init(_ route: Route, hasExtras: Bool) {
        destination = route.destination.address.v4Value
        gateway = route.gateway?.v4Value ?? 0
        preferredSource = route.preferredSource?.v4Value ?? 0
        common = PackedCommon(route, hasExtras: hasExtras)
    }

    var view: PackedRouteView {
        PackedRouteView(common: common, family: .inet, address: .v4(IPv4Address(destination)),
                        gatewayAddress: .v4(IPv4Address(gateway)), sourceAddress: .v4(IPv4Address(preferredSource)),
                        preferenceValue: nil)
    }

    func route(extras: RouteExtras?) -> Route { view.route(extras: extras) }
}

private struct PackedRoute6: Sendable {
    var destination: IPv6Address
    var gateway: IPv6Address
    var preferredSource: IPv6Address
    var common: PackedCommon
    var preference: UInt8

    init(_ route: Route, hasExtras: Bool) {
        destination = route.destination.address.v6Value
        gateway = route.gateway?.v6Value ?? .any
        preferredSource = route.preferredSource?.v6Value ?? .any
        common = PackedCommon(route, hasExtras: hasExtras)
        preference = route.preference?.rawValue ?? 0
    }

    var view: PackedRouteView {
        PackedRouteView(common: common, family: .inet6, address: .v6(destination), gatewayAddress: .v6(gateway),
                        sourceAddress: .v6(preferredSource), preferenceValue: preference)
    }

    func route(extras: RouteExtras?) -> Route { view.route(extras: extras) }
}

extension IPAddress {
    /// The IPv4 value, or 0 for an IPv6 address (callers check the family first).
    var v4Value: UInt32 {
        if case .v4(let address) = self { return address.value }
        return 0
    }

    var v6Value: IPv6Address {
        if case .v6(let address) = self { return address }
        return .any
    }
}
