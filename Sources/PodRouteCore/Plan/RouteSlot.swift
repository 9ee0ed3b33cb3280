/// Where a route lives in the kernel's FIB: the fields `RTM_NEWROUTE` with `NLM_F_EXCL` and
/// `NLM_F_REPLACE` match on (family, table, destination, tos, priority). Two routes in one slot
/// cannot coexist in IPv4; an add into an occupied slot fails with `EEXIST`, a replace swaps it.
public struct RouteSlot: Hashable, Sendable, CustomStringConvertible {
    public var family: AddressFamily
    public var table: RouteTableID
    public var destination: IPPrefix
    public var tos: UInt8
    /// The priority the kernel files the route under: IPv4 routes without one have 0, IPv6
    /// routes without one get 1024 (`IP6_RT_PRIO_USER`).
    public var metric: UInt32

    public init(_ route: Route) {
        family = route.family
        table = route.table == .unspec ? .main : route.table
        destination = route.destination
        tos = route.tos
        metric = route.metric ?? (route.family == .inet6 ? 1024 : 0)
    }

    /// The destination with its table: what drift is checked over. A route for the same prefix
    /// with another metric is not in the slot, but it changes what the slot's route does.
    public var prefixKey: PrefixKey { PrefixKey(family: family, table: table, destination: destination) }

    public var description: String {
        var text = destination.description
        if table != .main { text += " table \(table.rawValue)" }
        if tos != 0 { text += " tos \(tos)" }
        if metric != 0 { text += " metric \(metric)" }
        return text
    }

    /// A destination in one table.
    public struct PrefixKey: Hashable, Sendable {
        public var family: AddressFamily
        public var table: RouteTableID
        public var destination: IPPrefix

        public init(family: AddressFamily, table: RouteTableID, destination: IPPrefix) {
            self.family = family
            self.table = table
            self.destination = destination
        }

        public init(_ route: Route) { self = RouteSlot(route).prefixKey }
    }
}

extension Route {
    /// Whether this route, as the kernel reports it, is what `requested` asked for: every field
    /// the request sets, read back. Fields the kernel fills in (flags such as `linkdown`, IPv6
    /// preference and expiry, metrics the request left out) are not compared; a field the
    /// request leaves empty (no device, no preferred source) is not compared either.
    public func satisfies(_ requested: Route) -> Bool {
        guard RouteSlot(self) == RouteSlot(requested), type == requested.type, proto == requested.proto,
              scope == requested.scope, gateway == requested.gateway, via == requested.via,
              nexthopID == requested.nexthopID else { return false }
        if let device = requested.device, device != self.device { return false }
        if let source = requested.preferredSource, source != preferredSource { return false }
        if let source = requested.source, source.length > 0, source != self.source { return false }
        if let realms = requested.realms, realms != self.realms { return false }
        let settable = RouteFlags.onlink.union(.pervasive)
        guard requested.flags.intersection(settable).isSubset(of: flags.intersection(settable)) else { return false }
        guard requested.metrics.values.allSatisfy({ metrics.values.contains($0) }) else { return false }
        return Self.hopsMatch(nexthops, requested: requested.nexthops)
    }

    private static func hopsMatch(_ live: [Nexthop], requested: [Nexthop]) -> Bool {
        guard live.count == requested.count else { return false }
        return requested.allSatisfy { want in
            live.contains { have in
                have.gateway == want.gateway && have.via == want.via && have.weight == want.weight
                    && (want.device == nil || have.device == want.device)
                    && want.flags.intersection(.onlink).isSubset(of: have.flags)
            }
        }
    }

    /// Whether the route sits in a table podroute changes (not a cached clone).
    public var isTableRoute: Bool { !flags.contains(.cloned) }
}
