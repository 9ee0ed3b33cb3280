import Glibc
import PodRouteCore

/// One `struct sock_extended_err` from a socket's error queue (`IP_RECVERR`), followed by the
/// offender address (`SO_EE_OFFENDER`): the router or host whose ICMP error it was.
struct ExtendedError: Equatable {
    /// `ee_origin`: who produced the error.
    enum Origin: Equatable {
        /// `SO_EE_ORIGIN_LOCAL` (1): this host's own stack (EMSGSIZE, local unreachable...).
        case local
        /// `SO_EE_ORIGIN_ICMP` (2).
        case icmp
        /// `SO_EE_ORIGIN_ICMP6` (3).
        case icmp6
        case other(UInt8)

        init(_ value: UInt8) {
            switch value {
            case 1: self = .local
            case 2: self = .icmp
            case 3: self = .icmp6
            default: self = .other(value)
            }
        }
    }

    var errno: ProbeErrno
    var origin: Origin
    /// `ee_type`/`ee_code`: the ICMP type and code for the ICMP origins.
    var type: UInt8
    var code: UInt8
    /// Nil when the kernel gave no offender (`AF_UNSPEC`), as for local errors.
    var offender: IPAddress?

    /// `sizeof(struct sock_extended_err)`: u32 errno; u8 origin, type, code, pad; u32 info, data.
    static let size = 16

    /// Parses `IP_RECVERR`/`IPV6_RECVERR` control data; nil when it is shorter than the struct.
    static func parse(_ data: ArraySlice<UInt8>) -> ExtendedError? {
        let view = ByteView(data)
        guard let errno = view.native(UInt32.self, at: 0), let origin = view.uint8(at: 4),
              let type = view.uint8(at: 5), let code = view.uint8(at: 6) else { return nil }
        let offender = view.suffix(from: size).flatMap(SocketAddress.parse)?.address
        return ExtendedError(errno: ProbeErrno(rawValue: Int32(bitPattern: errno)), origin: Origin(origin),
                             type: type, code: code, offender: offender)
    }

    /// The answer this error means, or nil when it is not an ICMP error a probe causes.
    var answerKind: ProbeAnswerKind? {
        switch origin {
        case .icmp: ICMPType.errorKind(family: .inet, type: type, code: code)
        case .icmp6: ICMPType.errorKind(family: .inet6, type: type, code: code)
        case .local, .other: nil
        }
    }
}
