/// Where the kernel stands with respect to one operation: its effect present, the state before
/// it, or neither (someone changed the route since). Undo, the guardian and rollback decide on
/// this, so an operation that never ran, or ran twice, is never inverted blindly.
public enum OperationState: Hashable, Sendable {
    /// The operation's effect is in the kernel; `live` is the kernel's route (nil for a delete).
    case applied(live: Route?)
    /// The slot holds what it held before the operation.
    case notApplied
    /// Neither: the slot holds `live` (possibly nothing), which the operation did not put there.
    case changed(live: [Route])
}

extension RouteOperation {
    /// The slot this operation writes.
    public var slot: RouteSlot { RouteSlot(route) }

    /// This operation's state among the kernel's `live` routes (any tables; only its slot counts).
    public func state(in live: some Sequence<Route>) -> OperationState {
        let slot = slot
        let here = live.filter { $0.isTableRoute && RouteSlot($0) == slot }
        switch action {
        case .add:
            if let match = here.first(where: { $0.satisfies(route) }), here.count == 1 { return .applied(live: match) }
            return here.isEmpty ? .notApplied : .changed(live: here)
        case .replace:
            if let match = here.first(where: { $0.satisfies(route) }), here.count == 1 { return .applied(live: match) }
            if let previous {
                return here.count == 1 && here[0].satisfies(previous) ? .notApplied : .changed(live: here)
            }
            return here.isEmpty ? .notApplied : .changed(live: here)
        case .delete:
            let target = previous ?? route
            if here.isEmpty { return .applied(live: nil) }
            return here.contains { $0.satisfies(target) } ? .notApplied : .changed(live: here)
        }
    }

    /// The operation that undoes this one given the kernel's `live` route for it: deleting exactly
    /// the route the kernel holds (with the fields it filled in), restoring the previous one.
    public func inverse(live: Route?) -> RouteOperation {
        var undo = inverse
        if undo.action == .delete, let live { undo.route = live }
        return undo
    }
}
