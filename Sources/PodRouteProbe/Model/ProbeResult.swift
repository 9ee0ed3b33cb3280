import PodRouteCore

/// A finished (or cancelled) probe run: the hops in TTL order and why it stopped.
public struct ProbeResult: Hashable, Sendable {
    public var destination: IPAddress
    /// The method that ran (never `.automatic`).
    public var method: ProbeMethod
    /// The socket kind that ran, which says what privileges it needed.
    public var mechanism: ProbeMechanism
    /// When `.automatic` fell back to UDP: why ICMP echo could not run.
    public var fallback: ProbeError?
    /// The `ip netns` name the probes were sent from, nil for the caller's own namespace.
    public var namespace: String?
    /// One row per TTL from the first hop probed to the last, silent hops included; nothing
    /// after the hop that reached the destination.
    public var hops: [ProbeHop]
    public var stop: ProbeStop

    public init(destination: IPAddress, method: ProbeMethod, mechanism: ProbeMechanism, fallback: ProbeError?,
                namespace: String?, hops: [ProbeHop], stop: ProbeStop) {
        self.destination = destination
        self.method = method
        self.mechanism = mechanism
        self.fallback = fallback
        self.namespace = namespace
        self.hops = hops
        self.stop = stop
    }

    /// True when some probe got an answer from the destination itself.
    public var reachedDestination: Bool { hops.contains(where: \.reachedDestination) }
}

/// Why a probe run ended.
public enum ProbeStop: Hashable, Sendable, CustomStringConvertible {
    /// The destination answered at this hop; higher TTLs were not probed (or were dropped).
    case reachedDestination(hop: Int)
    /// A router at this hop answered "destination unreachable": no probe can get further.
    case unreachable(hop: Int, from: IPAddress, reason: UnreachableReason)
    /// `count` hops in a row after `lastAnswered` gave no answer (mtr's `--max-unknown`).
    case silentHops(lastAnswered: Int?, count: Int)
    /// Every TTL up to the maximum was probed without reaching the destination.
    case maxHops(Int)
    /// The caller cancelled the run; the hops hold what was measured until then.
    case cancelled
    /// A progress snapshot: the run is still going.
    case inProgress

    public var description: String {
        switch self {
        case .reachedDestination(let hop):
            "reached the destination at hop \(hop)"
        case .unreachable(let hop, let from, let reason):
            "hop \(hop) (\(from)) answered destination unreachable\(reason.mark.isEmpty ? "" : " \(reason.mark)")"
        case .silentHops(let lastAnswered, let count):
            if let lastAnswered {
                "no answer from \(count) hops in a row after hop \(lastAnswered)"
            } else {
                "no answer from the first \(count) hops"
            }
        case .maxHops(let hops):
            "did not reach the destination within \(hops) hops"
        case .cancelled:
            "cancelled"
        case .inProgress:
            "probing"
        }
    }
}
