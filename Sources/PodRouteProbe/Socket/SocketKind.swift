import Glibc
import PodRouteCore
import PodRouteErrno

/// One kind of probe socket: family plus transport. Opening it is the only place the engine
/// chooses between privileged and unprivileged sockets.
struct SocketKind: Hashable, Sendable {
    enum Transport: Hashable, Sendable {
        /// `SOCK_RAW`, `IPPROTO_ICMP`/`IPPROTO_ICMPV6`: needs CAP_NET_RAW.
        case rawICMP
        /// `SOCK_DGRAM`, `IPPROTO_ICMP`/`IPPROTO_ICMPV6`: needs `net.ipv4.ping_group_range`.
        case datagramICMP
        /// `SOCK_DGRAM`, `IPPROTO_UDP`.
        case udp
        /// `SOCK_STREAM`, `IPPROTO_TCP`.
        case tcp
    }

    var family: AddressFamily
    var transport: Transport

    /// For messages: `raw ICMP/IPv4`, `UDP/IPv6`...
    var label: String {
        let protocolName = switch transport {
        case .rawICMP: "raw ICMP"
        case .datagramICMP: "ICMP datagram"
        case .udp: "UDP"
        case .tcp: "TCP"
        }
        return "\(protocolName)/\(family == .inet ? "IPv4" : "IPv6")"
    }

    /// socket(2) in the calling thread's network namespace; non-blocking (answers are read after
    /// poll, TCP probes connect without waiting) and close-on-exec.
    func open() -> Result<Int32, ProbeErrno> {
        let domain = family == .inet ? AF_INET : AF_INET6
        let icmp = Int32(family == .inet ? IPPROTO_ICMP : IPPROTO_ICMPV6)
        let (type, proto): (Int32, Int32) = switch transport {
        case .rawICMP: (Int32(SOCK_RAW.rawValue), icmp)
        case .datagramICMP: (Int32(SOCK_DGRAM.rawValue), icmp)
        case .udp: (Int32(SOCK_DGRAM.rawValue), Int32(IPPROTO_UDP))
        case .tcp: (Int32(SOCK_STREAM.rawValue), Int32(IPPROTO_TCP))
        }
        let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        return syscall { socket(domain, type | flags, proto) }
    }
}
