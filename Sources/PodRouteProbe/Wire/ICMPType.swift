import PodRouteCore

/// The ICMP and ICMPv6 type numbers the engine sends or reads (RFC 792, RFC 4443).
enum ICMPType {
    /// `ICMP_ECHO` (8) / `ICMP6_ECHO_REQUEST` (128).
    static func echoRequest(_ family: AddressFamily) -> UInt8 { family == .inet ? 8 : 128 }
    /// `ICMP_ECHOREPLY` (0) / `ICMP6_ECHO_REPLY` (129).
    static func echoReply(_ family: AddressFamily) -> UInt8 { family == .inet ? 0 : 129 }
    /// `ICMP_DEST_UNREACH` (3) / `ICMP6_DST_UNREACH` (1).
    static func destinationUnreachable(_ family: AddressFamily) -> UInt8 { family == .inet ? 3 : 1 }
    /// `ICMP_TIME_EXCEEDED` (11) / `ICMP6_TIME_EXCEEDED` (3).
    static func timeExceeded(_ family: AddressFamily) -> UInt8 { family == .inet ? 11 : 3 }

    /// The answer an error message of this type and code means, or nil for types a probe does
    /// not cause (redirects, parameter problems, packet too big...).
    static func errorKind(family: AddressFamily, type: UInt8, code: UInt8) -> ProbeAnswerKind? {
        switch type {
        case timeExceeded(family): .timeExceeded
        case destinationUnreachable(family): .unreachable(UnreachableReason(family: family, code: code))
        default: nil
        }
    }
}

/// IP protocol numbers of the probes (`IPPROTO_*`).
enum IPProtocolNumber {
    static let icmp: UInt8 = 1
    static let tcp: UInt8 = 6
    static let udp: UInt8 = 17
    static let icmpv6: UInt8 = 58

    static func icmp(_ family: AddressFamily) -> UInt8 { family == .inet ? icmp : icmpv6 }
}
