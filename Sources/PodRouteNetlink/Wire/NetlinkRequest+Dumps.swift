import CNetlink
import PodRouteCore

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

extension NetlinkRequest {
    /// `RTM_GETNEIGH` with a zeroed `ndmsg` holding the family: `.inet`/`.inet6` dump the neighbour
    /// tables (`ip -4|-6 neigh show nud all`), `.bridge` the forwarding databases of every device
    /// (`bridge fdb show`). `ndm_flags` stays 0: `NTF_PROXY` would dump proxy entries instead.
    /// With `device`, `NDA_IFINDEX` makes the kernel filter (strict checking): `ip neigh show dev
    /// DEV`, `bridge fdb show brport DEV`.
    public static func neighbourDump(family: NetlinkFamily, device: InterfaceIndex? = nil) -> NetlinkRequest {
        var header = ndmsg()
        header.ndm_family = family.rawValue
        var request = NetlinkRequest(.getNeighbour, header: header)
        if let device { request.append(UInt16(NDA_IFINDEX), UInt32(bitPattern: device.rawValue)) }
        return request
    }
}
