import PodRouteCore

/// What the state trace predicts for the probes of one TTL: which host they die at, the address
/// it answers from, and how it answers.
public struct PredictedHop: Hashable, Sendable {
    /// How the predicted host answers a probe whose TTL runs out there.
    public enum Answer: Hashable, Sendable {
        /// It forwards: ICMP time exceeded.
        case timeExceeded
        /// The destination itself answers (echo reply, port unreachable, SYN-ACK or reset).
        case destination
        /// It cannot route the packet and says so (no route: `!N`; an unreachable route: `!H`;
        /// a prohibit route: `!X`); nil when the state cannot tell which code.
        case unreachable(UnreachableReason?)
        /// It drops the packet without a word (forwarding off, rp_filter, a blackhole).
        case silent
    }

    /// The address expected to answer (for a silent drop: the one it would answer from); nil
    /// when the state cannot find the host's route back to the prober.
    public var address: IPAddress?
    /// The host's other addresses: an answer from one of them is the right host answering from
    /// an address the state does not predict (its route back to the prober differs).
    public var otherAddresses: Set<IPAddress>
    /// The site host's name (`node1`), or nil for the destination beyond the hosts (a pod).
    public var host: String?
    public var answer: Answer

    public init(_ address: IPAddress?, answer: Answer = .timeExceeded, host: String? = nil,
                otherAddresses: Set<IPAddress> = []) {
        self.address = address
        self.answer = answer
        self.host = host
        self.otherAddresses = otherAddresses.subtracting(address.map { [$0] } ?? [])
    }

    /// `10.20.1.22 (node1)`, `node1`, or just the address.
    public var label: String {
        switch (address, host) {
        case (let address?, let host?): "\(address) (\(host))"
        case (let address?, nil): address.description
        case (nil, let host?): host
        case (nil, nil): "an unknown host"
        }
    }
}
