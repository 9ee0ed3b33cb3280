import PodRouteCore

/// How a run paces and bounds its probes. The defaults follow mtr and traceroute.
public struct ProbeOptions: Hashable, Sendable {
    /// The highest TTL probed (mtr `-m`, traceroute `-m`).
    public var maxHops: Int = 30
    /// The lowest TTL probed (mtr `-f`), to skip hops everyone knows.
    public var firstHop: Int = 1
    /// Probes per hop (traceroute `-q`); sent in rounds over the hops, as mtr does, so one router's
    /// answers are spread out in time and its ICMP rate limit bites less.
    public var probesPerHop: Int = 3
    /// How long an unanswered probe is waited for before it counts as lost.
    public var timeout: Duration = .seconds(1)
    /// Pause between two probes, so a burst neither trips rate limits nor overshoots the
    /// destination by many hops before its first answer is back.
    public var interval: Duration = .milliseconds(50)
    /// Probes sent and not yet answered or timed out, at most (traceroute `-N` is 16).
    public var maxInFlight: Int = 16
    /// Stop going further after this many hops in a row answered nothing (mtr `-U`).
    public var maxSilentHops: Int = 5
    /// Source address (`--src`): the probes leave from it, as the state trace assumes.
    public var source: IPAddress?
    /// Output device (`SO_BINDTODEVICE`), as `ip route get ... oif DEV`.
    public var device: String?
    /// Which ICMP socket kinds `.icmpEcho` and `.automatic` may use.
    public var icmpSockets: ICMPSocketChoice = .preferUnprivileged

    public init() {}

    /// Checks the options against each other and against `destination`; returns the first problem.
    func problem(for destination: IPAddress) -> String? {
        if !(1...255).contains(maxHops) { return "the maximum hop count must be 1 to 255 (got \(maxHops))" }
        if !(1...maxHops).contains(firstHop) { return "the first hop must be 1 to \(maxHops) (got \(firstHop))" }
        if !(1...100).contains(probesPerHop) { return "probes per hop must be 1 to 100 (got \(probesPerHop))" }
        if timeout <= .zero { return "the probe timeout must be positive" }
        if interval < .zero { return "the probe interval must not be negative" }
        if !(1...256).contains(maxInFlight) { return "probes in flight must be 1 to 256 (got \(maxInFlight))" }
        if maxSilentHops < 1 { return "the silent-hop limit must be at least 1 (got \(maxSilentHops))" }
        if let source, source.family != destination.family {
            return "the source \(source) and the destination \(destination) are of different address families"
        }
        if let device, device.isEmpty || device.utf8.count > 15 || device.contains("/") || device.utf8.contains(0) {
            return "'\(device)' is not a device name (1 to 15 bytes, no '/')"
        }
        if destination.isUnspecified { return "the destination \(destination) is the unspecified address" }
        return nil
    }
}

/// ICMP socket kinds a run may open, tried in the order given.
public enum ICMPSocketChoice: Hashable, Sendable {
    /// An ICMP datagram socket first (no capability needed), a raw socket if that is refused.
    case preferUnprivileged
    /// Only a raw socket (CAP_NET_RAW).
    case rawOnly
    /// Only an ICMP datagram socket (`net.ipv4.ping_group_range`).
    case datagramOnly
}
