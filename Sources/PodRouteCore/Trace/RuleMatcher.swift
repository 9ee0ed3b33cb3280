/// A policy rule prepared for lookups: its table's slot in the index, where its `goto` lands,
/// and whether it matches every packet (the default rules do), which spares the selector checks.
struct CompiledRule: Sendable {
    let rule: Rule
    /// The table's slot in the family's index; nil when the table holds no routes.
    let tableSlot: Int?
    /// The position of the first rule whose priority is the goto target (FRA_GOTO resolves to
    /// exactly that priority); nil when there is none: the kernel treats the goto as a nop.
    let gotoPosition: Int?
    let matchesEverything: Bool
    /// The rule can reject a table's answer (`suppress_prefixlength`, `suppress_ifgroup`).
    let suppresses: Bool

    static func compile(_ rules: [Rule], slot: (RouteTableID) -> Int?) -> [CompiledRule] {
        rules.enumerated().map { position, rule in
            var target: Int?
            if rule.action == .goto, let priority = rule.gotoTarget {
                // Backward jumps are refused by the kernel; never loop on a capture that has one.
                target = rules.indices.first { $0 > position && rules[$0].priority == priority }
            }
            return CompiledRule(rule: rule, tableSlot: slot(rule.table), gotoPosition: target,
                                matchesEverything: RuleMatcher.matchesEverything(rule),
                                suppresses: rule.suppressPrefixLength != nil || rule.suppressInterfaceGroup != nil)
        }
    }

    /// The table slots of the lookup rules, in rule order, each once.
    static func lookupSlots(_ rules: [CompiledRule]) -> [Int] {
        var slots: [Int] = []
        for rule in rules where rule.rule.action == .lookup {
            if let slot = rule.tableSlot, !slots.contains(slot) { slots.append(slot) }
        }
        return slots
    }
}

/// A rule's selectors against a query (fib_rule_match, fib4_rule_match, fib6_rule_match).
enum RuleMatcher {
    static func matches(_ rule: Rule, _ query: RouteQuery) -> Bool {
        var result = true
        if let source = rule.source, source.length > 0 {
            switch query.family {
            // IPv4 compares the flow's saddr, 0.0.0.0 when none was chosen yet.
            case .inet: result = source.contains(query.source ?? .any(.inet))
            // IPv6 needs a source (RT6_LOOKUP_F_HAS_SADDR) for a rule with one.
            case .inet6: result = query.source.map { source.contains($0) } ?? false
            }
        }
        if result, let destination = rule.destination, !destination.contains(query.destination) { result = false }
        if result, rule.tos != 0, rule.tos != query.tos { result = false }
        if result, let mark = rule.fwmark, (mark ^ query.mark) & (rule.fwmask ?? UInt32.max) != 0 { result = false }
        if result, let name = rule.inputInterface {
            // Locally generated traffic arrives on `lo`; a detached device never matches.
            result = !rule.inputInterfaceDetached && name == (query.inputInterface ?? "lo")
        }
        if result, let name = rule.outputInterface {
            result = !rule.outputInterfaceDetached && name == query.outputInterface
        }
        if result, let proto = rule.ipProto, proto != (query.ipProto ?? 0) { result = false }
        if result, let ports = rule.sourcePorts, !ports.contains(query.sourcePort ?? 0) { result = false }
        if result, let ports = rule.destinationPorts, !ports.contains(query.destinationPort ?? 0) { result = false }
        if result, let range = rule.uidRange, !range.contains(query.effectiveUID) { result = false }
        if result, rule.l3mdev { result = false }  // VRF lookups need l3mdev devices, which podroute does not model
        return rule.invert ? !result : result
    }

    /// True for a rule without selectors (`from all lookup main`).
    static func matchesEverything(_ rule: Rule) -> Bool {
        !rule.invert && (rule.source?.length ?? 0) == 0 && (rule.destination?.length ?? 0) == 0 && rule.tos == 0
            && rule.fwmark == nil && rule.inputInterface == nil && rule.outputInterface == nil && rule.ipProto == nil
            && rule.sourcePorts == nil && rule.destinationPorts == nil && rule.uidRange == nil && !rule.l3mdev
    }
}

/// Where a lookup writes its steps: nowhere for the fast path, a list for explanations.
protocol LookupRecorder {
    static var isRecording: Bool { get }
    mutating func record(_ step: @autoclosure () -> LookupStep)
}

struct NoRecorder: LookupRecorder {
    static var isRecording: Bool { false }
    @inline(__always) mutating func record(_ step: @autoclosure () -> LookupStep) {}
}

struct StepRecorder: LookupRecorder {
    static var isRecording: Bool { true }
    var steps: [LookupStep] = []
    mutating func record(_ step: @autoclosure () -> LookupStep) { steps.append(step()) }
}
