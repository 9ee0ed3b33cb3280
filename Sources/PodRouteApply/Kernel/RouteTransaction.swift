import PodRouteCore
import PodRouteNetlink

/// Applies a change all or nothing: each operation in order; on the first failure (or when the
/// kernel, read back, does not hold exactly what was asked) the operations already applied are
/// undone in reverse. Every failure is reported, the undo's own included, in the kernel's words.
struct RouteTransaction {
    let operations: [RouteOperation]
    let preState: [Route]
    let naming: RouteNaming

    /// The problems; empty when every operation took effect and was verified.
    func run(on socket: inout RTNetlinkSocket) -> [String] {
        var applied: [RouteOperation] = []
        var problems: [String] = []
        for (index, operation) in operations.enumerated() {
            do {
                try socket.perform(operation)
                applied.append(operation)
            } catch {
                problems.append("step \(index + 1) of \(operations.count), \(describe(operation)): \(error)")
                break
            }
        }
        if problems.isEmpty { problems = verify(on: &socket) }
        guard !problems.isEmpty else { return [] }
        let undo = RouteReverter(operations: applied, preState: preState, naming: naming).run(on: &socket).problems
        if undo.isEmpty {
            problems.append(applied.isEmpty ? "nothing was changed" : "the \(applied.count) applied step(s) were undone and the undo verified")
        } else {
            problems += undo.map { "undo: \($0)" }
        }
        return problems
    }

    /// Reads the kernel back and checks each operation's effect is there, exactly.
    private func verify(on socket: inout RTNetlinkSocket) -> [String] {
        let live: [Route]
        do { live = try socket.liveRoutes(for: operations) } catch { return ["verification: \(error)"] }
        return operations.enumerated().compactMap { index, operation in
            if case .applied = operation.state(in: live) { return nil }
            let found = live.filter { $0.isTableRoute && RouteSlot($0) == operation.slot }
            let holds = found.isEmpty ? "nothing" : found.map(naming.line).joined(separator: "; ")
            return "verification: step \(index + 1), \(describe(operation)), did not take effect as asked: the kernel holds \(holds)"
        }
    }

    private func describe(_ operation: RouteOperation) -> String {
        "\(operation.action.rawValue) \(naming.line(operation.route))"
    }
}

/// Undoes operations in reverse, deciding each on the kernel's current state: an operation whose
/// effect is present is inverted, one that never took effect is skipped, and a route someone
/// changed since is left alone and reported. Then reads the kernel back to verify.
struct RouteReverter {
    let operations: [RouteOperation]
    let preState: [Route]
    let naming: RouteNaming

    struct Outcome {
        /// Empty when every operation is undone and verified.
        var problems: [String]
        /// Whether any undo step reached the kernel (false: the routes are as they were).
        var changedRoutes: Bool
    }

    func run(on socket: inout RTNetlinkSocket) -> Outcome {
        var problems: [String] = []
        var changed = false
        let live: [Route]
        do { live = try socket.liveRoutes(for: operations) } catch {
            return Outcome(problems: ["cannot read the routes: \(error)"], changedRoutes: false)
        }
        for operation in operations.reversed() {
            switch operation.state(in: live) {
            case .notApplied:
                continue
            case .applied(let route):
                let undo = operation.inverse(live: route)
                do {
                    try socket.perform(undo)
                    changed = true
                } catch {
                    problems.append("\(undo.action.rawValue) \(naming.line(undo.route)): \(error)")
                }
            case .changed(let routes):
                if holdsPreState(routes, slot: operation.slot) { continue }
                problems.append("left alone: \(operation.slot) changed since the apply; the kernel holds "
                                + (routes.isEmpty ? "nothing" : routes.map(naming.line).joined(separator: "; ")))
            }
        }
        guard problems.isEmpty else { return Outcome(problems: problems, changedRoutes: changed) }
        let after: [Route]
        do { after = try socket.liveRoutes(for: operations) } catch {
            return Outcome(problems: ["verification: \(error)"], changedRoutes: changed)
        }
        let unverified: [String] = operations.compactMap { operation in
            switch operation.state(in: after) {
            case .notApplied: return nil
            case .changed(let routes) where holdsPreState(routes, slot: operation.slot): return nil
            default: return "verification: \(operation.slot) is not back to its state before the change"
            }
        }
        return Outcome(problems: unverified, changedRoutes: changed)
    }

    /// Whether the slot holds exactly the journaled routes from before the change.
    private func holdsPreState(_ live: [Route], slot: RouteSlot) -> Bool {
        let before = preState.filter { RouteSlot($0) == slot }
        return before.count == live.count && before.allSatisfy { want in live.contains { $0.satisfies(want) } }
    }
}
