import CNetlink

/// Dump requests: pass them to `RTNetlinkSocket.dump`, which sends them with
/// `NLM_F_REQUEST | NLM_F_DUMP`. Each header is zeroed except the family, as
/// `NETLINK_GET_STRICT_CHK` requires (any other non-zero field is a filter or an `EINVAL`).
extension NetlinkRequest {
    /// `RTM_GETLINK` with a zeroed `ifinfomsg`. Equivalent to `ip link show`.
    public static func linkDump(family: NetlinkFamily = .unspec) -> NetlinkRequest {
        var header = ifinfomsg()
        header.ifi_family = family.rawValue
        return NetlinkRequest(.getLink, header: header)
    }

    /// `RTM_GETADDR` with a zeroed `ifaddrmsg`. Equivalent to `ip address show` (`.unspec`: both families).
    public static func addressDump(family: NetlinkFamily = .unspec) -> NetlinkRequest {
        var header = ifaddrmsg()
        header.ifa_family = family.rawValue
        return NetlinkRequest(.getAddress, header: header)
    }

    /// `RTM_GETROUTE` with a zeroed `rtmsg`: every table (`RT_TABLE_UNSPEC`). Equivalent to
    /// `ip -4 route show table all` / `ip -6 …`. Dump `.inet` and `.inet6` separately: `.unspec` also
    /// returns ipmr/ip6mr and MPLS routes.
    public static func routeDump(family: NetlinkFamily) -> NetlinkRequest {
        var header = rtmsg()
        header.rtm_family = family.rawValue
        return NetlinkRequest(.getRoute, header: header)
    }

    /// `RTM_GETRULE` with a zeroed `fib_rule_hdr`. Equivalent to `ip -4 rule show` / `ip -6 rule show`.
    public static func ruleDump(family: NetlinkFamily) -> NetlinkRequest {
        var header = fib_rule_hdr()
        header.family = family.rawValue
        return NetlinkRequest(.getRule, header: header)
    }
}

extension NetlinkRequest {
    /// `RTM_GETNETCONF` with a `netconfmsg` holding only the family (padded to 4 bytes). Equivalent to
    /// `ip -4 netconf show` / `ip -6 netconf show`: forwarding, rp_filter, proxy_arp per interface
    /// plus `all` and `default`.
    public static func netconfDump(family: NetlinkFamily) -> NetlinkRequest {
        var header = netconfmsg()
        header.ncm_family = family.rawValue
        return NetlinkRequest(.getNetconf, header: header)
    }
}
