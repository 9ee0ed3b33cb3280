import Glibc

/// The address family byte of `rtmsg`, `ifaddrmsg`, `ifinfomsg`, `fib_rule_hdr`... (`AF_*`).
/// Dump routes per family: `.unspec` also returns multicast (ipmr/ip6mr) and MPLS tables.
public struct AddressFamily: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    private init(_ value: Int32) { self.rawValue = UInt8(value) }

    public static let unspec = AddressFamily(AF_UNSPEC)    // AF_UNSPEC = 0
    public static let inet = AddressFamily(AF_INET)        // AF_INET = 2
    public static let bridge = AddressFamily(AF_BRIDGE)    // AF_BRIDGE = 7
    public static let inet6 = AddressFamily(AF_INET6)      // AF_INET6 = 10
    public static let mpls = AddressFamily(AF_MPLS)        // AF_MPLS = 28

    public var description: String {
        switch self {
        case .unspec: "AF_UNSPEC"
        case .inet: "AF_INET"
        case .bridge: "AF_BRIDGE"
        case .inet6: "AF_INET6"
        case .mpls: "AF_MPLS"
        default: "family \(rawValue)"
        }
    }
}
