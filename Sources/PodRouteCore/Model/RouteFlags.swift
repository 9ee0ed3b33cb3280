/// `rtm_flags` and `rtnh_flags`: the kernel shares the low byte (`RTNH_F_*`) between a route
/// and each of its next hops; the higher bits (`RTM_F_*`) belong to the route.
public struct RouteFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `RTNH_F_DEAD`: the next hop is dead (its device went down).
    public static let dead = Self(rawValue: 0x1)
    /// `RTNH_F_PERVASIVE`: do recursive gateway lookup.
    public static let pervasive = Self(rawValue: 0x2)
    /// `RTNH_F_ONLINK`: the gateway is on the link even though no connected route says so.
    public static let onlink = Self(rawValue: 0x4)
    /// `RTNH_F_OFFLOAD`: offloaded to hardware.
    public static let offload = Self(rawValue: 0x8)
    /// `RTNH_F_LINKDOWN`: the carrier of the next hop's device is down.
    public static let linkdown = Self(rawValue: 0x10)
    /// `RTNH_F_UNRESOLVED`: the next hop's neighbour is not resolved.
    public static let unresolved = Self(rawValue: 0x20)
    /// `RTNH_F_TRAP`: trapped by hardware.
    public static let trap = Self(rawValue: 0x40)
    /// `RTM_F_NOTIFY`.
    public static let notify = Self(rawValue: 0x100)
    /// `RTM_F_CLONED`: a cache entry, not a FIB route.
    public static let cloned = Self(rawValue: 0x200)
    /// `RTM_F_OFFLOAD`, `RTM_F_TRAP`, `RTM_F_OFFLOAD_FAILED`: hardware offload state of the route.
    public static let routeOffload = Self(rawValue: 0x4000)
    public static let routeTrap = Self(rawValue: 0x8000)
    public static let routeOffloadFailed = Self(rawValue: 0x2000_0000)

    /// The flags in the order iproute2 prints them, with its names (ip/iproute.c print_rt_flags).
    public static let printed: [(RouteFlags, String)] = [
        (.dead, "dead"), (.onlink, "onlink"), (.pervasive, "pervasive"), (.offload, "offload"),
        (.trap, "trap"), (.notify, "notify"), (.linkdown, "linkdown"), (.unresolved, "unresolved"),
        (.routeOffload, "rt_offload"), (.routeTrap, "rt_trap"), (.routeOffloadFailed, "rt_offload_failed"),
    ]

    public var names: [String] { Self.printed.filter { contains($0.0) }.map(\.1) }

    public init?(name: some StringProtocol) {
        guard let match = Self.printed.first(where: { $0.1 == name }) else { return nil }
        self = match.0
    }
}
