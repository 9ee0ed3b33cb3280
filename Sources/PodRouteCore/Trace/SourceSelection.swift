/// The source address a kernel gives a packet the host sends itself, when the sender names none.
enum SourceSelection {
    /// The route's `src`, else the first global address of the egress device in the gateway's
    /// subnet, else any global one on that device, else the host's primary address.
    static func choose(route: Route, device: InterfaceIndex?, gateway: IPAddress?, family: AddressFamily,
                       in snapshot: NetworkSnapshot) -> IPAddress? {
        if let preferred = route.preferredSource { return preferred }
        let candidates = device.map { snapshot.addresses(of: $0) } ?? []
        let global = candidates.filter { $0.family == family && $0.scope == .universe }
        if let gateway, let match = global.first(where: { $0.subnet.contains(gateway) }) { return match.local }
        return global.first?.local ?? HopDecision.primaryAddress(of: snapshot, family: family)
    }
}

extension SiteHost {
    /// The source address this host's kernel picks for a packet it sends to `destination` on its
    /// own, such as an ICMP error (time exceeded, unreachable) toward a prober: Linux leaves the
    /// error's source unset (unless `icmp_errors_use_inbound_ifaddr`), so the route back to the
    /// prober decides it. Nil when the host has no usable route there.
    public func localSource(toward destination: IPAddress) -> IPAddress? {
        guard let index = lookup.lookup(RouteQuery(destination: destination)).routeIndex else { return nil }
        let route = snapshot.routes[index]
        guard !route.type.discards else { return nil }
        let next = route.hops.first
        return SourceSelection.choose(route: route, device: next?.device, gateway: next?.gateway ?? next?.via,
                                      family: destination.family, in: snapshot)
    }
}
