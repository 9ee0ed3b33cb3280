// Typed wrappers for the kernel's route numbers. Each keeps unknown values (a kernel or a
// routing daemon may use numbers podroute has never heard of) and names the known ones the
// way iproute2 6.1 does; /etc/iproute2 overrides arrive through `IPNames`.

/// `rtm_type`: what a route does with a packet (`RTN_*`).
public struct RouteType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let unspec = Self(rawValue: 0)
    public static let unicast = Self(rawValue: 1)
    public static let local = Self(rawValue: 2)
    public static let broadcast = Self(rawValue: 3)
    public static let anycast = Self(rawValue: 4)
    public static let multicast = Self(rawValue: 5)
    public static let blackhole = Self(rawValue: 6)
    public static let unreachable = Self(rawValue: 7)
    public static let prohibit = Self(rawValue: 8)
    public static let `throw` = Self(rawValue: 9)
    public static let nat = Self(rawValue: 10)
    public static let xresolve = Self(rawValue: 11)

    static let names = ["unspec", "unicast", "local", "broadcast", "anycast", "multicast",
                        "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"]

    /// iproute2's name, or the number for a type it does not know.
    public var name: String { Int(rawValue) < Self.names.count ? Self.names[Int(rawValue)] : String(rawValue) }

    public init?(name: String) {
        if let index = Self.names.firstIndex(of: name) { self.init(rawValue: UInt8(index)) }
        else if let number = UInt8(name) { self.init(rawValue: number) }
        else { return nil }
    }

    /// Types that drop the packet instead of forwarding it.
    public var discards: Bool { self == .blackhole || self == .unreachable || self == .prohibit }
}

/// `rtm_protocol`: who installed a route (`RTPROT_*`).
public struct RouteProtocol: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let unspec = Self(rawValue: 0)
    public static let redirect = Self(rawValue: 1)
    public static let kernel = Self(rawValue: 2)
    public static let boot = Self(rawValue: 3)
    public static let `static` = Self(rawValue: 4)
    public static let bird = Self(rawValue: 12)
    public static let dhcp = Self(rawValue: 16)
    /// Calico Felix's routes (`proto 80`, unnamed in iproute2).
    public static let felix = Self(rawValue: 80)
    public static let bgp = Self(rawValue: 186)
}

/// `rtm_scope` / `ifa_scope`: how far a route or address reaches (`RT_SCOPE_*`).
public struct RouteScope: RawRepresentable, Hashable, Sendable, Comparable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let universe = Self(rawValue: 0)
    public static let site = Self(rawValue: 200)
    public static let link = Self(rawValue: 253)
    public static let host = Self(rawValue: 254)
    public static let nowhere = Self(rawValue: 255)

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A routing table id (`RTA_TABLE`, 32 bits: tables above 255 are common with policy routing).
public struct RouteTableID: RawRepresentable, Hashable, Sendable, Comparable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }

    public static let unspec = Self(0)
    /// `RT_TABLE_COMPAT`: what the 8-bit `rtm_table` says for tables above 255.
    public static let compat = Self(252)
    public static let `default` = Self(253)
    public static let main = Self(254)
    public static let local = Self(255)

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// IPv6 router preference (`RTA_PREF`, RFC 4191).
public struct RoutePreference: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let medium = Self(rawValue: 0)
    public static let high = Self(rawValue: 1)
    public static let low = Self(rawValue: 3)

    /// iproute2's name (`ICMPV6_ROUTER_PREF_*`).
    public var name: String {
        switch rawValue {
        case 0: "medium"
        case 1: "high"
        case 3: "low"
        default: String(rawValue)
        }
    }

    public init?(name: String) {
        switch name {
        case "medium": self = .medium
        case "high": self = .high
        case "low": self = .low
        default:
            guard let number = UInt8(name) else { return nil }
            self.init(rawValue: number)
        }
    }
}

/// An interface index (`ifi_index`, `RTA_OIF`). Zero means "none".
public struct InterfaceIndex: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ value: Int32) { rawValue = value }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { String(rawValue) }
}
