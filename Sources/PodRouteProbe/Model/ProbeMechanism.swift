/// The kind of socket a run used: what a user needs to know about privileges and about what the
/// kernel filtered for us. Reported with every result ("say which method ran").
public enum ProbeMechanism: Hashable, Sendable {
    /// `SOCK_RAW`/`IPPROTO_ICMP(V6)`: sees every ICMP message of the namespace; needs CAP_NET_RAW.
    case rawICMP
    /// `SOCK_DGRAM`/`IPPROTO_ICMP(V6)` ("ping sockets"): no capability, but the process's group
    /// must be inside `net.ipv4.ping_group_range`; errors arrive on the socket's error queue.
    case datagramICMP
    /// One UDP socket per probe with `IP_RECVERR`/`IPV6_RECVERR`: ICMP errors arrive on that
    /// socket's error queue, so no privileges are needed (tracepath's way).
    case udpErrorQueue
    /// One non-blocking TCP `connect` per probe with the TTL set and `IP_RECVERR`: the kernel
    /// sends the SYN; SYN-ACK or reset ends the connect, ICMP errors land on the error queue.
    /// No privileges needed (mtr's and traceroute's `tcpconn` way).
    case tcpConnect

    /// Short name for columns and JSON: `raw-icmp`, `datagram-icmp`, `udp`, `tcp-connect`.
    public var name: String {
        switch self {
        case .rawICMP: "raw-icmp"
        case .datagramICMP: "datagram-icmp"
        case .udpErrorQueue: "udp"
        case .tcpConnect: "tcp-connect"
        }
    }

    /// Whether this mechanism needs CAP_NET_RAW.
    public var needsRawSockets: Bool { self == .rawICMP }
}

extension ProbeMechanism: CustomStringConvertible {
    public var description: String {
        switch self {
        case .rawICMP: "ICMP echo over a raw socket (CAP_NET_RAW)"
        case .datagramICMP: "ICMP echo over an unprivileged ICMP socket (net.ipv4.ping_group_range)"
        case .udpErrorQueue: "UDP, ICMP errors read from the socket's error queue (no privileges needed)"
        case .tcpConnect: "TCP connect, ICMP errors read from the socket's error queue (no privileges needed)"
        }
    }
}
