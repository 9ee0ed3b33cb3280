/// A host's routes with operations applied as the kernel would: what the preview compares
/// against the table before, and what lookups after the change run on.
public enum RouteTableEdit {
    /// The kernel's identity of a route within a table (fib_table_insert's key).
    public static func sameSlot(_ a: Route, _ b: Route) -> Bool {
        a.family == b.family && a.table == b.table && a.destination == b.destination && a.tos == b.tos
            && a.effectiveMetric == b.effectiveMetric && a.source == b.source
    }

    /// Whether two routes of one slot forward alike (type and next hops).
    public static func forwardsAlike(_ a: Route, _ b: Route) -> Bool {
        a.type == b.type && a.hops.map { [$0.gateway, $0.via] } == b.hops.map { [$0.gateway, $0.via] }
            && a.hops.map(\.device) == b.hops.map(\.device) && a.hops.map(\.weight) == b.hops.map(\.weight)
    }

    public static func applying(_ operations: [RouteOperation], to snapshot: NetworkSnapshot) -> NetworkSnapshot {
        var routes = Array(snapshot.routes)
        for operation in operations {
            switch operation.action {
            case .add:
                routes.append(operation.route)
            case .replace:
                routes.removeAll { sameSlot($0, operation.route) }
                routes.append(operation.route)
            case .delete:
                if let position = routes.firstIndex(where: { sameSlot($0, operation.route) }) { routes.remove(at: position) }
            }
        }
        return snapshot.replacing(routes: RouteStore(routes))
    }
}
