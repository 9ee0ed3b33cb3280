import FoundationEssentials

/// Plans one host: the request's routes (`RouteStrategy`), checked against its table
/// (`PlanValidator`) and the operator's session (`LockoutGuard`), with the preview: the table
/// diff, the paths that change and the commands. Nothing here touches a host.
public struct GatewayPlanner {
    public let target: NetworkSnapshot

    public init(target: NetworkSnapshot) { self.target = target }

    public struct Draft: Sendable {
        public var target: NetworkSnapshot
        public var operations: [RouteOperation]
        public var issues: [PlanIssue]
        /// The target as it would be after the operations.
        public var after: NetworkSnapshot
        public var diff: RouteTableDiff
        public var impact: PathImpact

        /// Errors stop the plan whatever the flags.
        public var hasErrors: Bool { issues.contains { $0.severity == .error } }
        /// Refusals stop the plan unless forced.
        public var refusals: [PlanIssue] { issues.filter { $0.severity == .refusal } }
        public var warnings: [PlanIssue] { issues.filter { $0.severity == .warning } }

        /// The interface names the commands need.
        public var deviceNames: [InterfaceIndex: String] {
            Dictionary(target.links.map { ($0.index, $0.name) }, uniquingKeysWith: { first, _ in first })
        }

        /// The plan document: `forced` records the refusals that `--force` overrode as warnings.
        public func plan(target source: PlanTarget, forced: Bool, createdAt: Date, toolVersion: String) -> RoutePlan {
            var notes = warnings.map(\.message)
            if forced { notes += refusals.map { "forced: " + $0.message } }
            let destinations = operations.map(\.route.destination)
            let tables = Set(operations.map(\.route.table))
            return RoutePlan(target: source, operations: operations,
                             preState: PlanPreState(of: target, destinations: destinations, tables: tables),
                             warnings: notes, createdAt: createdAt, toolVersion: toolVersion)
        }
    }

    /// `probes` are the addresses whose paths the preview compares (see `PathImpact.probes`).
    public func plan(_ request: PlanRequest, session: SSHSession?, probes: [PathImpact.Probe]) -> Draft {
        let strategy = RouteStrategy(target: target).routes(for: request)
        var issues = strategy.issues
        var operations: [RouteOperation] = []
        if !strategy.issues.contains(where: { $0.severity == .error }) {
            let validation = PlanValidator(target: target).validate(strategy.routes)
            operations = validation.operations
            issues += validation.issues
        }
        return draft(operations: operations, issues: issues, session: session, probes: probes)
    }

    /// The checks and preview of given operations (a chain's hop, a plan read back).
    public func draft(operations: [RouteOperation], issues: [PlanIssue], session: SSHSession?,
                      probes: [PathImpact.Probe]) -> Draft {
        let after = RouteTableEdit.applying(operations, to: target)
        var issues = issues
        issues += LockoutGuard(before: target, after: after).issues(session: session, planned: operations.map(\.route))
        let tables = operations.isEmpty ? [RouteTableID.main] : Set(operations.map(\.route.table))
        return Draft(target: target, operations: operations, issues: issues, after: after,
                     diff: RouteTableDiff(before: target, after: after, tables: tables,
                                          families: operations.isEmpty ? [.inet] : Set(operations.map(\.route.family))),
                     impact: PathImpact(before: target, after: after, probes: probes))
    }
}
