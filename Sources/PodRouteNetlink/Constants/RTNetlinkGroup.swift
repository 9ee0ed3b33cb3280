import CNetlink

/// rtnetlink multicast groups (`enum rtnetlink_groups`, `RTNLGRP_*`), joined one by one with
/// `NETLINK_ADD_MEMBERSHIP` (the legacy `RTMGRP_*` bind mask only reaches the first 32 groups).
public enum RTNetlinkGroup: CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case link           // RTNLGRP_LINK: RTM_NEWLINK/RTM_DELLINK
    case ipv4Address    // RTNLGRP_IPV4_IFADDR: RTM_NEWADDR/RTM_DELADDR, AF_INET
    case ipv6Address    // RTNLGRP_IPV6_IFADDR: RTM_NEWADDR/RTM_DELADDR, AF_INET6
    case ipv4Route      // RTNLGRP_IPV4_ROUTE: RTM_NEWROUTE/RTM_DELROUTE, AF_INET
    case ipv6Route      // RTNLGRP_IPV6_ROUTE: RTM_NEWROUTE/RTM_DELROUTE, AF_INET6
    case ipv4Rule       // RTNLGRP_IPV4_RULE: RTM_NEWRULE/RTM_DELRULE, AF_INET
    case ipv6Rule       // RTNLGRP_IPV6_RULE: RTM_NEWRULE/RTM_DELRULE, AF_INET6
    case neighbour      // RTNLGRP_NEIGH: RTM_NEWNEIGH/RTM_DELNEIGH
    case nexthop        // RTNLGRP_NEXTHOP: RTM_NEWNEXTHOP/RTM_DELNEXTHOP
    case ipv4Netconf    // RTNLGRP_IPV4_NETCONF: RTM_NEWNETCONF (forwarding, rp_filter, proxy_arp)
    case ipv6Netconf    // RTNLGRP_IPV6_NETCONF

    /// The group number passed to `NETLINK_ADD_MEMBERSHIP`.
    var number: UInt32 {
        switch self {
        case .link: RTNLGRP_LINK.rawValue
        case .ipv4Address: RTNLGRP_IPV4_IFADDR.rawValue
        case .ipv6Address: RTNLGRP_IPV6_IFADDR.rawValue
        case .ipv4Route: RTNLGRP_IPV4_ROUTE.rawValue
        case .ipv6Route: RTNLGRP_IPV6_ROUTE.rawValue
        case .ipv4Rule: RTNLGRP_IPV4_RULE.rawValue
        case .ipv6Rule: RTNLGRP_IPV6_RULE.rawValue
        case .neighbour: RTNLGRP_NEIGH.rawValue
        case .nexthop: RTNLGRP_NEXTHOP.rawValue
        case .ipv4Netconf: RTNLGRP_IPV4_NETCONF.rawValue
        case .ipv6Netconf: RTNLGRP_IPV6_NETCONF.rawValue
        }
    }

    /// The groups a live view of interfaces, addresses, routes, rules, neighbours and FDB entries
    /// needs (RTNLGRP_NEIGH carries both: the kernel announces AF_BRIDGE FDB changes there too).
    public static let networkState: Set<RTNetlinkGroup> = [
        .link, .ipv4Address, .ipv6Address, .ipv4Route, .ipv6Route, .ipv4Rule, .ipv6Rule, .ipv4Netconf, .ipv6Netconf,
        .neighbour,
    ]

    /// The C name (`RTNLGRP_LINK`).
    public var description: String {
        switch self {
        case .link: "RTNLGRP_LINK"
        case .ipv4Address: "RTNLGRP_IPV4_IFADDR"
        case .ipv6Address: "RTNLGRP_IPV6_IFADDR"
        case .ipv4Route: "RTNLGRP_IPV4_ROUTE"
        case .ipv6Route: "RTNLGRP_IPV6_ROUTE"
        case .ipv4Rule: "RTNLGRP_IPV4_RULE"
        case .ipv6Rule: "RTNLGRP_IPV6_RULE"
        case .neighbour: "RTNLGRP_NEIGH"
        case .nexthop: "RTNLGRP_NEXTHOP"
        case .ipv4Netconf: "RTNLGRP_IPV4_NETCONF"
        case .ipv6Netconf: "RTNLGRP_IPV6_NETCONF"
        }
    }
}
