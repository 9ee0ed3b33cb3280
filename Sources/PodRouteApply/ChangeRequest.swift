import FoundationEssentials
import PodRouteCore

/// A change to apply: the plan's operations with their routes resolved to the target
/// namespace's interface indices, and the pre-state the plan was computed from.
public struct ChangeRequest: Sendable {
    public var operations: [RouteOperation]
    /// The routes the plan saw for the destinations it touches; apply refuses if the kernel differs.
    public var preState: [Route]
    /// The `ip netns` name to change, nil for podroute's own namespace.
    public var namespace: String?
    /// The host the plan was made for (recorded in the journal).
    public var targetHost: String?
    /// Checked against the live host first (a plan file's target); nil for callers that build
    /// the operations for the host they hold themselves.
    public var targetCheck: TargetCheck?
    /// The plan document, recorded verbatim in the journal.
    public var plan: JSONValue?
    /// Time to confirm before the guardian reverts.
    public var confirmWithin: Duration

    public init(operations: [RouteOperation], preState: [Route], namespace: String? = nil, targetHost: String? = nil,
                plan: JSONValue? = nil, confirmWithin: Duration = .seconds(120), targetCheck: TargetCheck? = nil) {
        self.targetCheck = targetCheck
        self.operations = operations
        self.preState = preState
        self.namespace = namespace
        self.targetHost = targetHost
        self.plan = plan
        self.confirmWithin = confirmWithin
    }
}

/// What apply would do, read from the live kernel: shown before the operator says yes.
public struct ChangePreview: Sendable {
    /// The operations with the routes they replace or delete, as the kernel holds them now.
    public let operations: [RouteOperation]
    /// Differences between the live routes and the plan's pre-state; apply refuses unless empty.
    public let drift: RouteDrift
    public let naming: RouteNaming

    /// `add 10.21.0.0/16 via 10.20.1.22 dev eth1`, one per operation, in order.
    public var lines: [String] {
        operations.map { operation in
            var line = "\(operation.action.rawValue) \(naming.line(operation.route))"
            if operation.action == .replace, let previous = operation.previous { line += "   (was: \(naming.line(previous)))" }
            return line
        }
    }

    /// What undoing does, in order.
    public var undoLines: [String] {
        operations.reversed().map { "\($0.inverse.action.rawValue) \(naming.line($0.inverse.route))" }
    }

    /// The drift, one line per destination: the plan's expectation, then the kernel's routes.
    public var driftLines: [String] {
        drift.differences.map { difference in
            func show(_ routes: [Route]) -> String { routes.isEmpty ? "no route" : routes.map(naming.line).joined(separator: "; ") }
            return "\(difference.key.destination): the plan expected \(show(difference.expected)); the kernel has \(show(difference.live))"
        }
    }
}
