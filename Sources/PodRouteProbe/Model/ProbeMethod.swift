/// Which packets a probe run sends. Each hop is found by sending with a rising TTL (hop limit)
/// and reading who answers when it runs out.
public enum ProbeMethod: Hashable, Sendable {
    /// ICMP echo when this process may send it (an ICMP datagram socket, else a raw socket), UDP
    /// otherwise: `--probe` without a method. A result never carries `.automatic`; it says which
    /// method ran, and `ProbeResult.fallback` why ICMP did not.
    case automatic
    /// ICMP echo requests (ping), identified by a per-run identifier and sequence numbers.
    case icmpEcho
    /// UDP datagrams to `port`, one more for each probe when `rising` (traceroute's 33434 and up,
    /// which nothing usually listens on, so the destination answers "port unreachable").
    case udp(port: UInt16 = 33434, rising: Bool = true)
    /// TCP SYNs to `port` (443, a pod's service port): the answer from the destination is a
    /// SYN-ACK (open) or a reset (closed), and firewalls that drop ICMP and UDP often pass it.
    case tcp(port: UInt16)

    /// The UDP ports traceroute uses by default.
    public static let traceroute = ProbeMethod.udp()

    /// Short name for columns and JSON: `icmp`, `udp`, `tcp`, `auto`.
    public var name: String {
        switch self {
        case .automatic: "auto"
        case .icmpEcho: "icmp"
        case .udp: "udp"
        case .tcp: "tcp"
        }
    }
}

extension ProbeMethod: CustomStringConvertible {
    public var description: String {
        switch self {
        case .automatic: "ICMP echo, else UDP"
        case .icmpEcho: "ICMP echo"
        case .udp(let port, let rising): rising ? "UDP to port \(port) and up" : "UDP to port \(port)"
        case .tcp(let port): "TCP SYN to port \(port)"
        }
    }
}
