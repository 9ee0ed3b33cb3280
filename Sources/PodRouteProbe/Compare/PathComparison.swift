import PodRouteCore

/// Lines up the hops the state trace predicts with the hops the probes found and says, hop by
/// hop, where they agree and where not, then whether the probes end where the state says the
/// packet ends. Pure: both sides are values.
///
///     let trace = PathTracer(site: site).trace(to: destination, from: "office")
///     let probed = try Prober(destination: destination, method: .icmpEcho).run()
///     let comparison = PathComparison(predicted: trace, site: site, probed: probed)
///     for line in comparison.lines where line.agreement.isDisagreement { print(line.description) }
///
/// The two lists are aligned, not zipped: one unexpected router early in the path would
/// otherwise shift every later hop into a "differs". The alignment is the cheapest edit script
/// (Needleman-Wunsch): pairing an agreeing hop costs 0; the right host answering from another
/// address or in another way 0.25; a silent one 0.5; a differing one 1; leaving a probed hop
/// unpaired (extra) costs 1, or 0.6 when it was silent; leaving a predicted hop unpaired
/// (missing) costs 1 (in twentieths, as integers). Silent hops after the last answer that pair with nothing are left out:
/// they are where the probes gave up, not a claim.
public struct PathComparison: Hashable, Sendable {
    public var predicted: PredictedPath
    public var probed: ProbeResult
    public var lines: [HopComparison]
    public var verdict: VerdictAgreement

    /// Compares the probes with a state trace of `site` started on the host the probes left from.
    public init(predicted trace: TraceResult, site: Site, probed: ProbeResult) {
        self.init(predicted: PredictedPath(trace: trace, site: site), probed: probed)
    }

    public init(predicted: PredictedPath, probed: ProbeResult) {
        self.predicted = predicted
        self.probed = probed
        var pastPredicted = predicted.hops.isEmpty
        var lines: [HopComparison] = []
        for step in Self.align(predicted.hops, probed.hops) {
            // Past the last predicted hop of a path that leaves the known hosts, nothing is predicted.
            let beyond = pastPredicted && predicted.verdict == .forwarded
            lines.append(Self.line(for: step, predicted: predicted, result: probed, beyondKnownHosts: beyond))
            switch step {
            case .pair(let index, _), .missing(let index): pastPredicted = pastPredicted || index == predicted.hops.count - 1
            case .extra: break
            }
        }
        while let last = lines.last, last.agreement == .extraHop, last.observed?.isSilent == true {
            lines.removeLast()
        }
        self.lines = lines
        verdict = Self.verdict(predicted.verdict, probed)
    }

    /// True when nothing is marked.
    public var agrees: Bool { !verdict.isDisagreement && !lines.contains { $0.agreement.isDisagreement } }

    /// The marked lines, then the verdict's sentence when it disagrees.
    public var disagreements: [String] {
        lines.filter(\.agreement.isDisagreement).map(\.description) + (verdictSentence.map { [$0] } ?? [])
    }

    /// One sentence when the probes and the state disagree on where the packet ends.
    public var verdictSentence: String? {
        switch verdict {
        case .agrees, .notComparable:
            return nil
        case .reachedWhereStateSaysUnreachable:
            return "the probes reached \(probed.destination), but the state says it is unreachable: the snapshots are stale or miss a host"
        case .endedWhereStateSaysReachable(let hop):
            let place = hop.map { "at hop \($0)" } ?? "before any hop answered"
            return "the state says \(probed.destination) is reachable, but the probes ended \(place) (\(probed.stop))"
        }
    }

    private static func verdict(_ state: TraceVerdict, _ probed: ProbeResult) -> VerdictAgreement {
        switch (state, probed.reachedDestination) {
        case (.reachable, true), (.unreachable, false): return .agrees
        case (.unreachable, true): return .reachedWhereStateSaysUnreachable
        case (.reachable, false): return .endedWhereStateSaysReachable(hop: probed.hops.last { !$0.isSilent }?.hop)
        default: return .notComparable
        }
    }

    enum Step: Equatable {
        case pair(predicted: Int, observed: Int)
        case extra(observed: Int)
        case missing(predicted: Int)
    }

    static func align(_ predicted: [PredictedHop], _ observed: [ProbeHop]) -> [Step] {
        let rows = predicted.count, columns = observed.count
        // cost[i][j]: best cost of aligning the first i predicted with the first j observed hops.
        var cost = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for i in 0...rows {
            for j in 0...columns where i > 0 || j > 0 {
                var best = Int.max
                if i > 0, j > 0 { best = min(best, cost[i - 1][j - 1] + pairCost(predicted[i - 1], observed[j - 1])) }
                if j > 0 { best = min(best, cost[i][j - 1] + extraCost(observed[j - 1])) }
                if i > 0 { best = min(best, cost[i - 1][j] + Cost.missing) }
                cost[i][j] = best
            }
        }
        var steps: [Step] = []
        var i = rows, j = columns
        while i > 0 || j > 0 {
            let viaPair = i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + pairCost(predicted[i - 1], observed[j - 1])
            let viaExtra = j > 0 && cost[i][j] == cost[i][j - 1] + extraCost(observed[j - 1])
            // On a tie a silent probed hop is left over at the end (where the probes gave up)
            // rather than in the middle, so the hops before it keep their TTLs.
            if viaExtra, observed[j - 1].isSilent || !viaPair {
                steps.append(.extra(observed: j - 1))
                j -= 1
            } else if viaPair {
                steps.append(.pair(predicted: i - 1, observed: j - 1))
                i -= 1; j -= 1
            } else {
                steps.append(.missing(predicted: i - 1))
                i -= 1
            }
        }
        return steps.reversed()
    }

    /// Costs in twentieths, so sums are exact and ties are real ties.
    private enum Cost {
        static let partly = 5, silent = 10, silentExtra = 12, full = 20, missing = 20
    }

    private static func pairCost(_ predicted: PredictedHop, _ observed: ProbeHop) -> Int {
        switch agreement(predicted, observed) {
        case .agrees: 0
        case .differs(_, true), .otherAddressOfHost, .stopsHere, .passesHere, .answersWherePredictedSilent: Cost.partly
        case .silent: Cost.silent
        default: Cost.full
        }
    }

    private static func extraCost(_ observed: ProbeHop) -> Int { observed.isSilent ? Cost.silentExtra : Cost.full }

    static func agreement(_ predicted: PredictedHop, _ observed: ProbeHop) -> HopAgreement {
        if observed.isSilent { return predicted.answer == .silent ? .agrees : .silent }
        let responders = observed.responders
        let expected = predicted.address.map { [$0] } ?? []
        let unexpected = responders.filter { !expected.contains($0) }
        if predicted.answer == .silent {
            // The host the state says drops the packet answered after all.
            return predicted.otherAddresses.isSuperset(of: unexpected) ? .answersWherePredictedSilent
                : .differs(answeredBy: unexpected, predictedAlsoAnswered: false)
        }
        if !unexpected.isEmpty {
            if predicted.otherAddresses.isSuperset(of: unexpected) { return .otherAddressOfHost(answeredBy: unexpected) }
            return .differs(answeredBy: unexpected, predictedAlsoAnswered: unexpected.count < responders.count)
        }
        let answers = observed.samples.compactMap(\.answer)
        switch predicted.answer {
        case .timeExceeded, .destination:
            let stop = answers.lazy.compactMap { answer -> UnreachableReason? in
                if case .unreachable(let reason) = answer.kind, !observed.reachedDestination { return reason }
                return nil
            }.first
            return stop.map(HopAgreement.stopsHere) ?? .agrees
        case .unreachable:
            return answers.contains { $0.kind == .timeExceeded } ? .passesHere : .agrees
        case .silent:
            return .agrees
        }
    }

    private static func line(for step: Step, predicted path: PredictedPath, result: ProbeResult,
                             beyondKnownHosts beyond: Bool) -> HopComparison {
        switch step {
        case .pair(let p, let o):
            let expected = path.hops[p], hop = result.hops[o]
            let agreement = agreement(expected, hop)
            return HopComparison(hop: hop.hop, predicted: expected, observed: hop, agreement: agreement,
                                 description: "hop \(hop.hop): " + sentence(agreement, expected, hop))
        case .extra(let o):
            let hop = result.hops[o]
            let who = hop.isSilent ? "no answer" : "\(list(hop.responders)) answered"
            if beyond {
                return HopComparison(hop: hop.hop, predicted: nil, observed: hop, agreement: .beyondKnownHosts,
                                     description: "hop \(hop.hop): \(who), past the hosts the state knows")
            }
            return HopComparison(hop: hop.hop, predicted: nil, observed: hop, agreement: .extraHop,
                                 description: "hop \(hop.hop): \(who), a hop the state does not predict")
        case .missing(let p):
            let expected = path.hops[p]
            return HopComparison(hop: nil, predicted: expected, observed: nil, agreement: .missingHop,
                                 description: "\(expected.label) is predicted but no probed hop stands for it: \(ending(result))")
        }
    }

    private static func sentence(_ agreement: HopAgreement, _ expected: PredictedHop, _ hop: ProbeHop) -> String {
        switch agreement {
        case .agrees:
            return hop.isSilent ? "no answer, as the state predicts (\(expected.label) drops the packet)"
                : "\(list(hop.responders)) answered, as the state predicts"
        case .differs(let others, true):
            return "\(list(others)) answered besides \(expected.label), which the state predicts alone"
        case .differs(let others, false):
            return "\(list(others)) answered where the state predicts \(expected.label)"
        case .otherAddressOfHost(let others):
            return "\(expected.host ?? "the host") answered from \(list(others)), not \(expected.address.map(String.init(describing:)) ?? "?"): its route back to the prober is not the one the state shows"
        case .stopsHere(let reason):
            return "\(list(hop.responders)) answered destination unreachable\(reason.mark.isEmpty ? "" : " \(reason.mark)") where the state predicts it passes the packet on"
        case .passesHere:
            return "\(list(hop.responders)) passed the packet on where the state predicts \(expected.label) cannot route it"
        case .answersWherePredictedSilent:
            return "\(list(hop.responders)) answered where the state predicts \(expected.label) drops the packet silently"
        case .silent:
            return "no answer where the state predicts \(expected.label) (ICMP filtered or rate-limited, or the packet dies here)"
        case .extraHop, .beyondKnownHosts, .missingHop:
            return "\(list(hop.responders))"
        }
    }

    /// Why a predicted hop had no probed counterpart, from how the run ended.
    private static func ending(_ result: ProbeResult) -> String {
        switch result.stop {
        case .inProgress: "the probes are still running"
        default: "the probes ended: \(result.stop)"
        }
    }

    private static func list(_ addresses: [IPAddress]) -> String {
        addresses.map(\.description).joined(separator: ", ")
    }
}
