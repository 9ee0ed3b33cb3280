/// What the operator asked for: the CIDRs to route, the next hops and how to spread them.
public struct PlanRequest: Sendable {
    public enum Strategy: String, Sendable, Hashable, CaseIterable {
        /// One route per CIDR: via one node, or ECMP across several `--via`.
        case aggregate
        /// Each node's blocks via that node (summarised where contiguous), so that traffic
        /// enters at the pod's own node and replies return the same way.
        case perNode = "per-node"
    }

    public var cidrs: [IPPrefix]
    public var vias: [IPAddress]
    /// A device-only next hop (`dev wg0`), instead of `vias`.
    public var viaDevice: String?
    public var strategy: Strategy
    /// The known pod blocks with their nodes (per-node) and node addresses (impact probes).
    public var blocks: [RouteCandidate]
    public var table: RouteTableID
    public var proto: RouteProtocol

    public init(cidrs: [IPPrefix], vias: [IPAddress] = [], viaDevice: String? = nil, strategy: Strategy = .aggregate,
                blocks: [RouteCandidate] = [], table: RouteTableID = .main, proto: RouteProtocol = .static) {
        self.cidrs = cidrs
        self.vias = vias
        self.viaDevice = viaDevice
        self.strategy = strategy
        self.blocks = blocks
        self.table = table
        self.proto = proto
    }
}

/// Something the planner wants the operator to know, by how much it stops the plan.
public struct PlanIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// Never planned, whatever the flags: host bits, an unreachable next hop, bad input.
        case error
        /// Refused unless `--force`: lockout, overlaps, shadowing, replacing a route.
        case refusal
        /// Planned; the reviewer should know (single point of failure, no-ops).
        case warning
    }

    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }

    public var description: String { message }
}
