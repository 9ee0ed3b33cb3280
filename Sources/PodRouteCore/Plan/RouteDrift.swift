/// The drift check before apply: the live routes for every destination a plan touches must be
/// the routes the plan was computed from. A plan staged against other routes could undo someone
/// else's change or shadow it, so apply refuses and shows both sides.
public struct RouteDrift: Hashable, Sendable {
    /// One destination whose live routes differ from the plan's pre-state.
    public struct Difference: Hashable, Sendable {
        public var key: RouteSlot.PrefixKey
        /// What the plan's pre-state holds for the destination.
        public var expected: [Route]
        /// What the kernel holds now.
        public var live: [Route]
    }

    public var differences: [Difference]

    public var isEmpty: Bool { differences.isEmpty }

    /// Compares, for each destination (prefix and table) the operations touch, the pre-state's
    /// routes with the live ones. As many routes on each side, and each pre-state route found
    /// among the live ones (`Route.satisfies`: the kernel's own flags, such as `linkdown`, are
    /// not drift).
    public init(operations: [RouteOperation], preState: [Route], live: some Sequence<Route>) {
        var keys: [RouteSlot.PrefixKey] = []
        for operation in operations where !keys.contains(operation.slot.prefixKey) {
            keys.append(operation.slot.prefixKey)
        }
        let liveRoutes = live.filter { $0.isTableRoute && keys.contains(RouteSlot.PrefixKey($0)) }
        differences = keys.compactMap { key in
            let expected = preState.filter { RouteSlot.PrefixKey($0) == key }
            let now = liveRoutes.filter { RouteSlot.PrefixKey($0) == key }
            return Self.same(expected, now) ? nil : Difference(key: key, expected: expected, live: now)
        }
    }

    private static func same(_ expected: [Route], _ live: [Route]) -> Bool {
        expected.count == live.count
            && expected.allSatisfy { want in live.contains { $0.satisfies(want) } }
    }
}
