import PodRouteCore

/// What the probes of one TTL found: one row of the mtr-style table. Every figure derives from
/// `samples`, so counts, loss and round trips cannot disagree with each other.
public struct ProbeHop: Hashable, Sendable {
    /// The TTL (hop limit), counting from 1.
    public var hop: Int
    /// Every probe sent with this TTL, in the order sent.
    public var samples: [ProbeSample]
    /// True when an answer at this hop came from the destination: the last row.
    public var reachedDestination: Bool

    public init(hop: Int, samples: [ProbeSample], reachedDestination: Bool) {
        self.hop = hop
        self.samples = samples
        self.reachedDestination = reachedDestination
    }

    public var sent: Int { samples.count }
    public var received: Int { samples.count { $0.answer != nil } }

    /// Lost probes as a percentage of those sent (0 when none were sent).
    public var lossPercent: Double {
        sent == 0 ? 0 : Double(sent - received) * 100 / Double(sent)
    }

    /// No probe of this hop was answered: the router drops them or does not send ICMP errors.
    public var isSilent: Bool { received == 0 }

    /// Every address that answered, in the order first seen; several when load balancing (ECMP)
    /// sends probes of one TTL through different routers.
    public var responders: [IPAddress] {
        var seen: [IPAddress] = []
        for case let answer? in samples.map(\.answer) where !seen.contains(answer.from) {
            seen.append(answer.from)
        }
        return seen
    }

    /// Round trips of the answered probes; nil for a silent hop.
    public var roundTrips: RoundTripTimes? {
        RoundTripTimes(samples.compactMap { $0.answer?.roundTrip })
    }

    /// The distinct unreachable annotations seen at this hop (`!H`, `!X`...), in order.
    public var marks: [String] {
        var seen: [String] = []
        for case let answer? in samples.map(\.answer) where !answer.kind.mark.isEmpty && !seen.contains(answer.kind.mark) {
            seen.append(answer.kind.mark)
        }
        return seen
    }
}
