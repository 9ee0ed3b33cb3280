import CNetlink
import PodRouteCore

/// `RTM_NEWNETCONF` -> `ForwardingConfig`: `struct netconfmsg` (the family, padded to 4) plus
/// `NETCONFA_*` (each an s32). This is `ip netconf`: net.ipv4.ip_forward, net.ipv6.conf.*.forwarding,
/// rp_filter and proxy_arp / proxy_ndp, read over netlink in any namespace, without /proc.
public enum NetconfDecoder {
    /// Decodes one netconf message; nil for other types, families other than IPv4/IPv6, or a
    /// message without `NETCONFA_IFINDEX`.
    public static func decode(_ message: borrowing NetlinkMessage) throws(NetlinkError) -> ForwardingConfig? {
        guard message.type == .newNetconf else { return nil }
        guard let familyByte = message.header(as: UInt8.self) else {
            throw .malformed("RTM_NEWNETCONF without a netconfmsg")
        }
        guard let family = AddressFamily(rawValue: familyByte) else { return nil }
        var scope: ForwardingConfig.Scope?
        var config = ForwardingConfig(family: family, scope: .all)
        // netconfmsg is one byte; the attributes start at NLMSG_ALIGN(1) = 4.
        for attribute in message.attributes(afterHeaderBytes: MemoryLayout<netconfmsg>.size) {
            guard let value = attribute.int32 else { continue }
            switch Int(attribute.type) {
            case Int(NETCONFA_IFINDEX):
                switch value {
                case NETCONFA_IFINDEX_ALL: scope = .all
                case NETCONFA_IFINDEX_DEFAULT: scope = .defaults
                default: scope = .interface(InterfaceIndex(value))
                }
            case Int(NETCONFA_FORWARDING): config.forwarding = value != 0
            case Int(NETCONFA_RP_FILTER): config.reversePathFilter = ReversePathFilter(rawValue: UInt8(clamping: value))
            case Int(NETCONFA_MC_FORWARDING): config.multicastForwarding = value != 0
            case Int(NETCONFA_PROXY_NEIGH): config.proxyNeighbour = value != 0
            case Int(NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN): config.ignoreRoutesWithLinkdown = value != 0
            default: continue
            }
        }
        guard let scope else { return nil }
        config.scope = scope
        return config
    }
}
