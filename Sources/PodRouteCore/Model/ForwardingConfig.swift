/// The per-interface settings that decide forwarding (`ip netconf`, `RTM_NEWNETCONF`; the
/// sysctls net.ipv4.conf.*.forwarding / rp_filter / proxy_arp and net.ipv6.conf.*.forwarding).
public struct ForwardingConfig: Hashable, Sendable {
    public var family: AddressFamily
    public var scope: Scope
    public var forwarding: Bool?
    public var reversePathFilter: ReversePathFilter?
    public var multicastForwarding: Bool?
    /// `proxy_arp` (IPv4) or `proxy_ndp` (IPv6).
    public var proxyNeighbour: Bool?
    public var ignoreRoutesWithLinkdown: Bool?

    public init(family: AddressFamily, scope: Scope, forwarding: Bool? = nil,
                reversePathFilter: ReversePathFilter? = nil, multicastForwarding: Bool? = nil,
                proxyNeighbour: Bool? = nil, ignoreRoutesWithLinkdown: Bool? = nil) {
        self.family = family
        self.scope = scope
        self.forwarding = forwarding
        self.reversePathFilter = reversePathFilter
        self.multicastForwarding = multicastForwarding
        self.proxyNeighbour = proxyNeighbour
        self.ignoreRoutesWithLinkdown = ignoreRoutesWithLinkdown
    }

    /// Which `conf` directory the values come from.
    public enum Scope: Hashable, Sendable {
        /// `conf/all` (`NETCONFA_IFINDEX_ALL`).
        case all
        /// `conf/default`, inherited by new interfaces (`NETCONFA_IFINDEX_DEFAULT`).
        case defaults
        case interface(InterfaceIndex)
    }
}

/// `rp_filter`: 0 off, 1 strict, 2 loose. The kernel applies max(all, interface).
public enum ReversePathFilter: UInt8, Hashable, Sendable, Comparable {
    case off = 0
    case strict = 1
    case loose = 2

    /// The name `ip netconf` prints.
    public var name: String {
        switch self {
        case .off: "off"
        case .strict: "strict"
        case .loose: "loose"
        }
    }

    public init?(name: some StringProtocol) {
        switch name {
        case "off", "0": self = .off
        case "strict", "1": self = .strict
        case "loose", "2": self = .loose
        default: return nil
        }
    }

    /// Ordered by number, because the kernel's effective value is max(all, interface).
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
