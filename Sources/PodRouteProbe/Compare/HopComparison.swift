import PodRouteCore

/// How one probed hop compares with the state trace's prediction.
public enum HopAgreement: Hashable, Sendable {
    /// The predicted address answered, the way the state predicts (or the hop was silent where
    /// the state predicts a silent drop).
    case agrees
    /// Answers came from addresses the state does not predict for this hop; when
    /// `predictedAlsoAnswered`, the predicted address answered some probes too (ECMP the state
    /// does not show).
    case differs(answeredBy: [IPAddress], predictedAlsoAnswered: Bool)
    /// The predicted host answered, from another of its addresses: its route back to the
    /// prober is not the one the state shows.
    case otherAddressOfHost(answeredBy: [IPAddress])
    /// The hop answered "destination unreachable" where the state predicts it passes the packet on.
    case stopsHere(UnreachableReason)
    /// The hop passed the packet on (time exceeded) where the state predicts it drops it.
    case passesHere
    /// A hop the state predicts silent (a drop) answered.
    case answersWherePredictedSilent
    /// No probe of this hop was answered where the state predicts an answer: unconfirmed
    /// (ICMP filtered or rate-limited, or the packet dies here).
    case silent
    /// A probed hop with no predicted counterpart (a router the state does not know).
    case extraHop
    /// A probed hop past the last host the state knows (verdict `forwarded`): nothing to compare.
    case beyondKnownHosts
    /// A predicted hop no probed hop stands for (a shorter path, or the probes stopped short).
    case missingHop

    /// Everything but agreement and hops past the known hosts is marked: even a silent hop
    /// leaves the prediction unconfirmed.
    public var isDisagreement: Bool { self != .agrees && self != .beyondKnownHosts }

    /// Short code for columns and JSON.
    public var code: String {
        switch self {
        case .agrees: "agrees"
        case .differs: "other-address"
        case .otherAddressOfHost: "other-address-of-host"
        case .stopsHere: "stops-here"
        case .passesHere: "passes-here"
        case .answersWherePredictedSilent: "answers"
        case .silent: "silent"
        case .extraHop: "extra-hop"
        case .beyondKnownHosts: "beyond-known-hosts"
        case .missingHop: "missing-hop"
        }
    }
}

/// One line of the comparison: a probed hop, a predicted hop, or both, and a sentence about them.
public struct HopComparison: Hashable, Sendable {
    /// The TTL of the probed hop; nil for a missing hop.
    public var hop: Int?
    public var predicted: PredictedHop?
    public var observed: ProbeHop?
    public var agreement: HopAgreement
    /// One line for the report or the TUI's status column.
    public var description: String

    public init(hop: Int?, predicted: PredictedHop?, observed: ProbeHop?, agreement: HopAgreement, description: String) {
        self.hop = hop
        self.predicted = predicted
        self.observed = observed
        self.agreement = agreement
        self.description = description
    }
}

/// Whether the probes end where the state says the packet ends.
public enum VerdictAgreement: Hashable, Sendable {
    case agrees
    /// The probes reached the destination; the state says it is unreachable.
    case reachedWhereStateSaysUnreachable
    /// The state says reachable; the probes ended at `hop` (nil: no hop answered at all).
    case endedWhereStateSaysReachable(hop: Int?)
    /// The state cannot say (`unknown`), or the packet leaves the known hosts (`forwarded`).
    case notComparable

    public var isDisagreement: Bool {
        switch self {
        case .agrees, .notComparable: false
        case .reachedWhereStateSaysUnreachable, .endedWhereStateSaysReachable: true
        }
    }
}
