/// A lookup's steps as short lines: which rules matched, which tables had no answer, what was
/// suppressed or passed over, and the rule that decided (`podroute trace`, the Trace view).
public struct LookupStepsText: Sendable {
    public let snapshot: NetworkSnapshot

    public init(snapshot: NetworkSnapshot) { self.snapshot = snapshot }

    public func lines(_ lookup: LookupResult) -> [String] {
        let text = RouteText(snapshot: snapshot)
        let names = snapshot.names
        var lines: [String] = []
        for step in lookup.steps {
            switch step {
            case .ruleMatched(let priority, let table):
                lines.append("rule \(priority): lookup \(names.name(of: table))")
            case .tableMissed(let table, let threw):
                lines.append(threw ? "  table \(names.name(of: table)): a throw route; on to the next rule"
                                   : "  table \(names.name(of: table)): no route; on to the next rule")
            case .suppressed(let table, let length):
                lines.append("  table \(names.name(of: table)): its /\(length) answer is suppressed (suppress_prefixlength); on to the next rule")
            case .skipped(let index, let reason):
                lines.append("  passed over \(text.ipRouteLine(snapshot.routes[index])): \(reason.rawValue)")
            }
        }
        switch lookup.outcome {
        case .route(let index):
            lines.append("  matched \(text.ipRouteLine(snapshot.routes[index]))")
        case .ruleAction(let action):
            let priority = lookup.rule.map { String($0.priority) } ?? "?"
            let selector = lookup.rule.map { " (\(RuleText.selector($0)))" } ?? ""
            lines.append("rule \(priority)\(selector): \(action.name)")
        case .noRoute:
            lines.append("no rule found a route: network unreachable")
        }
        return lines
    }
}
