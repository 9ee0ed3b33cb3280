/// One change to a host's routing table: what a plan stages, what apply sends to the kernel
/// and what the journal records with its inverse. Plans are data; this is their unit.
public struct RouteOperation: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// `ip route add` (RTM_NEWROUTE with NLM_F_CREATE | NLM_F_EXCL).
        case add
        /// `ip route replace` (RTM_NEWROUTE with NLM_F_CREATE | NLM_F_REPLACE).
        case replace
        /// `ip route del` (RTM_DELROUTE).
        case delete
    }

    public var action: Action
    /// The route to add, the replacement, or the route to delete.
    public var route: Route
    /// For `replace` and `delete`: the route the kernel held before, which the inverse restores.
    /// Nil for `add`, and for a `replace` that found nothing to replace (then its inverse deletes).
    public var previous: Route?

    public init(_ action: Action, _ route: Route, previous: Route? = nil) {
        self.action = action
        self.route = route
        self.previous = previous
    }

    /// The operation that undoes this one; rollback applies the inverses in reverse order.
    public var inverse: RouteOperation {
        switch action {
        case .add:
            RouteOperation(.delete, route, previous: route)
        case .replace:
            if let previous { RouteOperation(.replace, previous, previous: route) } else { RouteOperation(.delete, route, previous: route) }
        case .delete:
            RouteOperation(.add, previous ?? route)
        }
    }
}
