/// The kernel's route selection computed from a snapshot: policy rules in priority order,
/// then, in each table they name, the longest matching prefix whose route is usable
/// (net/core/fib_rules.c fib_rules_lookup, net/ipv4/fib_trie.c fib_table_lookup,
/// net/ipv6/route.c fib6_table_lookup and rt6_select).
///
/// Two entry points share one algorithm: `lookup(_:)` records every step for an explanation;
/// `answer(_:)` records nothing and, for the common query (no TOS, no output device), reads a
/// per-prefix answer computed once, so a lookup over a million routes costs a range-table read
/// per rule, not a walk over routes.
///
/// Multipath routes are returned whole: the kernel picks one next hop by a per-flow hash.
public struct RouteLookup: Sendable {
    public let snapshot: NetworkSnapshot
    private let v4: FamilyTables<UInt32>
    private let v6: FamilyTables<UInt128>
    private let rules4: [CompiledRule]
    private let rules6: [CompiledRule]
    /// The table slots lookup rules name, in rule order, each once (what `warm(_:)` reads).
    private let lookupSlots4: [Int]
    private let lookupSlots6: [Int]
    /// Every IPv4 rule is a plain `lookup` of a table that any packet matches, as the kernel's
    /// default local, main and default rules are: `answers(ipv4:into:)` may serve plain queries.
    public let answersIPv4InBulk: Bool
    private let linkdown: LinkdownPolicy

    public init(snapshot: NetworkSnapshot) {
        self.snapshot = snapshot
        let linkdown = LinkdownPolicy(snapshot)
        self.linkdown = linkdown
        v4 = FamilyTables(snapshot: snapshot, family: .inet, linkdown: linkdown) { $0.v4Value }
        v6 = FamilyTables(snapshot: snapshot, family: .inet6, linkdown: linkdown) {
            let address = $0.v6Value
            return UInt128(address.high) << 64 | UInt128(address.low)
        }
        rules4 = CompiledRule.compile(snapshot.effectiveRules(.inet)) { [v4] in v4.slots[$0] }
        rules6 = CompiledRule.compile(snapshot.effectiveRules(.inet6)) { [v6] in v6.slots[$0] }
        lookupSlots4 = CompiledRule.lookupSlots(rules4)
        lookupSlots6 = CompiledRule.lookupSlots(rules6)
        answersIPv4InBulk = rules4.allSatisfy { $0.matchesEverything && $0.rule.action == .lookup && !$0.suppresses }
    }

    /// What the kernel would answer for `ip route get` with these parameters, with the steps
    /// that led there (for explanations).
    public func lookup(_ query: RouteQuery) -> LookupResult {
        var recorder = StepRecorder()
        let (outcome, position) = run(query, recorder: &recorder)
        let rule = position.map { rules(of: query.family)[$0].rule }
        return LookupResult(outcome: outcome, rule: rule, steps: recorder.steps)
    }

    /// The same decision without the steps: what `--batch` and the differential test call a
    /// hundred thousand times.
    public func answer(_ query: RouteQuery) -> LookupAnswer {
        var recorder = NoRecorder()
        let (outcome, position) = run(query, recorder: &recorder)
        return LookupAnswer(outcome: outcome, rulePosition: position)
    }

    /// Reads what plain queries to `destinations` will read in each table a lookup rule names.
    /// `--batch` calls it for a block of destinations before looking them up, so that their cache
    /// misses overlap (`RangeTable.warm`).
    public func warm(_ destinations: [IPAddress]) {
        var words4: [UInt32] = []
        var words6: [UInt128] = []
        for destination in destinations {
            switch destination {
            case .v4(let address): words4.append(address.value)
            case .v6(let address): words6.append(UInt128(address.high) << 64 | UInt128(address.low))
            }
        }
        let warmth = words4.withUnsafeBufferPointer { Self.warm(v4, slots: lookupSlots4, words: $0) }
            &+ words6.withUnsafeBufferPointer { Self.warm(v6, slots: lookupSlots6, words: $0) }
        CacheWarming.keep(warmth)
    }

    /// `RangeTable.warm` over the tables in `slots`; a value that means nothing.
    private static func warm<Word>(_ tables: FamilyTables<Word>, slots: [Int], words: UnsafeBufferPointer<Word>) -> UInt64 {
        guard !words.isEmpty else { return 0 }
        var scratch = [Int](repeating: 0, count: words.count)
        return scratch.withUnsafeMutableBufferPointer { scratch in
            slots.reduce(0) { $0 &+ tables.index.warm(words, tableSlot: $1, scratch: scratch) }
        }
    }

    /// The routes plain queries to `words` get (no source, mark, TOS or devices): a route index
    /// each, or -1 for no route; only when `answersIPv4InBulk`. The block's index reads are
    /// warmed first; then each table is asked in rule order for its resolved answer, which a
    /// throw or a miss passes on to the next, and only an answer that depends on the query
    /// (source-specific routes) takes the whole `answer(_:)`.
    public func answers(ipv4 words: UnsafeBufferPointer<UInt32>, into routes: UnsafeMutableBufferPointer<Int32>) {
        precondition(answersIPv4InBulk && routes.count >= words.count, "bulk answers need plain rules and room")
        CacheWarming.keep(Self.warm(v4, slots: lookupSlots4, words: words))
        for (number, word) in words.enumerated() {
            var route: Int32 = -1
            for slot in lookupSlots4 {
                let code = v4.index.resolvedAnswer(word, tableSlot: slot)
                if code >= 0 {
                    route = code
                    break
                }
                if code == PrefixAnswer.dependsOnQuery {
                    route = answer(RouteQuery(destination: .v4(IPv4Address(word)))).routeIndex.map { Int32($0) } ?? -1
                    break
                }
            }
            routes[number] = route
        }
    }

    /// The rules of a family in evaluation order (`LookupAnswer.rulePosition` indexes them).
    public func rules(_ family: AddressFamily) -> [Rule] { rules(of: family).map(\.rule) }

    /// How many distinct prefixes and ranges the index holds (for `--batch` statistics and tests).
    public var indexSize: (prefixes: Int, ranges: Int) {
        (v4.index.prefixCount + v6.index.prefixCount,
         v4.index.rangeCounts.reduce(0, +) + v6.index.rangeCounts.reduce(0, +))
    }

    private func rules(of family: AddressFamily) -> [CompiledRule] { family == .inet ? rules4 : rules6 }

    // MARK: - The algorithm

    /// fib_rules_lookup: rules in order; `goto` jumps, `nop` passes, a lookup rule asks its
    /// table and goes on when the table has no answer (`-EAGAIN`), a throw route answered, or
    /// `suppress_prefixlength`/`suppress_ifgroup` rejected a unicast answer; other actions refuse.
    private func run<Recorder: LookupRecorder>(_ query: RouteQuery, recorder: inout Recorder) -> (LookupResult.Outcome, Int?) {
        let shortcut = !Recorder.isRecording && query.tos == 0 && query.outputInterface == nil
        // Fields are read in place through the buffer: copying a CompiledRule (its Rule holds
        // strings) would retain and release on every rule of every lookup.
        return rules(of: query.family).withUnsafeBufferPointer { rules in
            var position = 0
            while position < rules.count {
                let here = position
                position += 1
                guard rules[here].matchesEverything || RuleMatcher.matches(rules[here].rule, query) else { continue }
                let action = rules[here].rule.action
                switch action {
                case .goto:
                    // An unresolved goto (no rule at the target priority) acts as nop.
                    if let target = rules[here].gotoPosition { position = target }
                    continue
                case .nop:
                    continue
                case .lookup:
                    break
                default:
                    return (.ruleAction(action), here)
                }
                recorder.record(.ruleMatched(priority: rules[here].rule.priority, table: rules[here].rule.table))
                let answer: TableAnswer
                switch query.destination {
                case .v4(let address):
                    answer = tableLookup(v4, slot: rules[here].tableSlot, word: address.value, family: .inet, query: query,
                                         shortcut: shortcut, recorder: &recorder)
                case .v6(let address):
                    answer = tableLookup(v6, slot: rules[here].tableSlot, word: UInt128(address.high) << 64 | UInt128(address.low),
                                         family: .inet6, query: query, shortcut: shortcut, recorder: &recorder)
                }
                switch answer {
                case .miss(let threw):
                    recorder.record(.tableMissed(rules[here].rule.table, threw: threw))
                    continue
                case .found(let index):
                    // Suppression judges successful answers only: a blackhole, unreachable or prohibit
                    // route is an error (fib_props[].error), returned before the suppressor runs.
                    // (The route is read only here: another cache miss per lookup otherwise.)
                    let facts = rules[here].suppresses ? snapshot.routes.lookupFacts(at: index) : nil
                    if let facts, !facts.type.discards {
                        if suppressed(index, prefixLength: facts.length, by: rules[here].rule) {
                            recorder.record(.suppressed(rules[here].rule.table, prefixLength: facts.length))
                            continue
                        }
                    }
                    return (.route(index: index), here)
                }
            }
            return (.noRoute, nil)
        }
    }

    enum TableAnswer {
        case miss(threw: Bool)
        /// The route (its index in the snapshot's `RouteStore`).
        case found(index: Int)
    }

    /// One table: the most specific prefix, then shorter ones while no route of a prefix is usable.
    private func tableLookup<Word, Recorder: LookupRecorder>(
        _ tables: FamilyTables<Word>, slot: Int?, word: Word, family: AddressFamily, query: RouteQuery,
        shortcut: Bool, recorder: inout Recorder
    ) -> TableAnswer {
        guard let slot else { return .miss(threw: false) }
        if shortcut {
            // The range's resolved answer: one read for all but source-specific routes.
            let code = tables.index.resolvedAnswer(word, tableSlot: slot)
            if code >= 0 { return .found(index: Int(code)) }
            if code == PrefixAnswer.threw { return .miss(threw: true) }
            if code == PrefixAnswer.noneUsable { return .miss(threw: false) }
        }
        var prefix = tables.index.longestMatch(word, tableSlot: slot)
        while prefix >= 0 {
            let code = shortcut ? tables.answers[Int(prefix)] : PrefixAnswer.dependsOnQuery
            if code >= 0 { return .found(index: Int(code)) }
            if code == PrefixAnswer.threw { return .miss(threw: true) }
            if code == PrefixAnswer.dependsOnQuery {
                let selection = RouteSelection(snapshot: snapshot, linkdown: linkdown, family: family)
                switch selection.select(tables.index.routes(of: prefix), query: query, recorder: &recorder) {
                case .found(let index): return .found(index: index)
                case .threw: return .miss(threw: true)
                case .none: break
                }
            }
            prefix = tables.index.parents[Int(prefix)]
        }
        return .miss(threw: false)
    }

    /// fib4_rule_suppress / fib6_rule_suppress.
    private func suppressed(_ index: Int, prefixLength: UInt8, by rule: Rule) -> Bool {
        if let limit = rule.suppressPrefixLength, UInt32(prefixLength) <= limit { return true }
        if let group = rule.suppressInterfaceGroup, let device = snapshot.routes[index].hops.first?.device,
           snapshot.link(device)?.group == group { return true }
        return false
    }
}

/// Codes of `FamilyTables.answers` besides a route index.
enum PrefixAnswer {
    /// No route of the prefix is usable: fall back to the parent prefix (as a range's resolved
    /// answer: no prefix of the table answers).
    static let noneUsable: Int32 = -1
    /// A throw route answers: the table has no answer.
    static let threw: Int32 = -2
    /// The answer depends on the query (source-specific routes): run the selection.
    static let dependsOnQuery: Int32 = -3
}
