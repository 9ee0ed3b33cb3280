/// An address on an interface (`ip addr`, `RTM_NEWADDR`).
public struct InterfaceAddress: Hashable, Sendable {
    public var interface: InterfaceIndex
    /// `IFA_LOCAL` (for IPv4; IPv6 reports only `IFA_ADDRESS`, which is then the local address).
    public var local: IPAddress
    /// `IFA_ADDRESS` when it differs from the local one: the peer of a point-to-point address.
    public var peer: IPAddress?
    public var prefixLength: UInt8
    public var scope: RouteScope
    /// `IFA_LABEL` (IPv4 only; `eth0:1` style aliases).
    public var label: String?
    public var flags: AddressFlags
    public var broadcast: IPAddress?
    public var anycast: IPAddress?
    /// Seconds; `UInt32.max` is "forever".
    public var validLifetime: UInt32
    public var preferredLifetime: UInt32
    /// `IFA_RT_PRIORITY`: the metric of the prefix route the kernel adds for this address
    /// (`ip addr add ... metric N`); iproute2 prints it as `metric`.
    public var metric: UInt32?

    public init(interface: InterfaceIndex, local: IPAddress, peer: IPAddress? = nil, prefixLength: UInt8,
                scope: RouteScope = .universe, label: String? = nil, flags: AddressFlags = [],
                broadcast: IPAddress? = nil, anycast: IPAddress? = nil,
                validLifetime: UInt32 = .max, preferredLifetime: UInt32 = .max, metric: UInt32? = nil) {
        self.interface = interface
        self.local = local
        self.peer = peer
        self.prefixLength = prefixLength
        self.scope = scope
        self.label = label
        self.flags = flags
        self.broadcast = broadcast
        self.anycast = anycast
        self.validLifetime = validLifetime
        self.preferredLifetime = preferredLifetime
        self.metric = metric
    }

    public var family: AddressFamily { local.family }

    /// The connected subnet this address puts on its interface (the peer's for point-to-point).
    public var subnet: IPPrefix { IPPrefix(containing: peer ?? local, length: prefixLength) }
}

/// `ifa_flags` / `IFA_FLAGS` (`IFA_F_*`).
public struct AddressFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let secondary = Self(rawValue: 0x01)
    public static let nodad = Self(rawValue: 0x02)
    public static let optimistic = Self(rawValue: 0x04)
    public static let dadfailed = Self(rawValue: 0x08)
    public static let homeaddress = Self(rawValue: 0x10)
    public static let deprecated = Self(rawValue: 0x20)
    public static let tentative = Self(rawValue: 0x40)
    public static let permanent = Self(rawValue: 0x80)
    public static let managetempaddr = Self(rawValue: 0x100)
    public static let noprefixroute = Self(rawValue: 0x200)
    public static let mcautojoin = Self(rawValue: 0x400)
    public static let stablePrivacy = Self(rawValue: 0x800)

    /// The flags in the order iproute2 prints them (ip/ipaddress.c `ifa_flag_names`); an IPv6
    /// secondary address is printed as `temporary`. `permanent` is printed inverted, as `dynamic`.
    public static let printed: [(AddressFlags, String)] = [
        (.secondary, "secondary"), (.nodad, "nodad"), (.optimistic, "optimistic"), (.dadfailed, "dadfailed"),
        (.homeaddress, "home"), (.deprecated, "deprecated"), (.tentative, "tentative"),
        (.managetempaddr, "mngtmpaddr"), (.noprefixroute, "noprefixroute"), (.mcautojoin, "autojoin"),
        (.stablePrivacy, "stable-privacy"),
    ]
}
