import Glibc

/// The address family byte on the wire of `rtmsg`, `ifaddrmsg`, `ifinfomsg`, `fib_rule_hdr`... (`AF_*`).
/// Dump routes per family: `.unspec` also returns multicast (ipmr/ip6mr) and MPLS tables.
public struct NetlinkFamily: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    private init(_ value: Int32) { self.rawValue = UInt8(value) }

    public static let unspec = NetlinkFamily(AF_UNSPEC)    // AF_UNSPEC = 0
    public static let inet = NetlinkFamily(AF_INET)        // AF_INET = 2
    public static let bridge = NetlinkFamily(AF_BRIDGE)    // AF_BRIDGE = 7
    public static let inet6 = NetlinkFamily(AF_INET6)      // AF_INET6 = 10
    public static let mpls = NetlinkFamily(AF_MPLS)        // AF_MPLS = 28

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

import PodRouteCore

extension NetlinkFamily {
    /// The wire value of one of the model's families.
    public init(_ family: PodRouteCore.AddressFamily) { self.init(rawValue: family.rawValue) }
}
