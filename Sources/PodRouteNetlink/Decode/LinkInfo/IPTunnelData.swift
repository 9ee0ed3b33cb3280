/// `IFLA_INFO_DATA` of ipip and sit tunnels (`IFLA_IPTUN_*`, <linux/if_tunnel.h>), as iproute2
/// 6.1's `iptunnel_print_opt` (ip/link_iptnl.c) prints it. Calico's `tunl0` is an ipip device.
/// Best effort: this kernel cannot create ipip/sit devices, so it is checked against the source only.
enum IPTunnelData {
    // <linux/if_tunnel.h> is not imported (it includes <linux/if.h>, which breaks glibc's IFF_*).
    static let link = 1, local = 2, remote = 3, ttl = 4, tos = 5, flags = 8, proto = 9, pmtudisc = 10
    static let sixrdPrefix = 11, sixrdRelayPrefix = 12, sixrdPrefixLength = 13, sixrdRelayPrefixLength = 14
    static let encapType = 15, encapFlags = 16, encapSourcePort = 17, encapDestinationPort = 18
    static let collectMetadata = 19, fwmark = 20

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: 32)
        var data = KindData()
        if table[collectMetadata] != nil { data.bool("external", true) }
        if let value = table[proto]?.uint8 {
            // IPPROTO_IPIP 4, IPPROTO_IPV6 41, IPPROTO_MPLS 137, 0 any.
            switch value {
            case 4: data.string("proto", "ipip")
            case 41: data.string("proto", "ip6ip")
            case 137: data.string("proto", "mplsip")
            case 0: data.string("proto", "any")
            default: break
            }
        }
        data.endpoint("remote", table[remote], family: .inet)
        data.endpoint("local", table[local], family: .inet)
        if let index = table[link]?.uint32, index != 0 { data.device("link", index) }
        data.number("ttl", UInt64(table[ttl]?.uint8 ?? 0))
        if let value = table[tos]?.uint8, value != 0 { data.hex("tos", UInt64(value)) }
        data.bool("pmtudisc", (table[pmtudisc]?.uint8 ?? 0) != 0)
        if let value = table[flags]?.uint16, value & 0x0001 != 0 { data.bool("isatap", true) }  // SIT_ISATAP
        if let length = table[sixrdPrefixLength]?.uint16, length != 0,
           let prefix = table[sixrdPrefix]?.ipAddress(.inet6) {
            data.string("6rd_prefix", prefix.description)
            data.number("6rd_prefixlen", UInt64(length))
            let relayLength = table[sixrdRelayPrefixLength]?.uint16 ?? 0
            if relayLength != 0, let relay = table[sixrdRelayPrefix]?.ipAddress(.inet) {
                data.string("6rd_relay_prefix", relay.description)
                data.number("6rd_relay_prefixlen", UInt64(relayLength))
            }
        }
        if let mark = table[fwmark]?.uint32, mark != 0 { data.hex("fwmark", UInt64(mark)) }
        data.encapsulation(table, type: encapType, flags: encapFlags, sourcePort: encapSourcePort,
                           destinationPort: encapDestinationPort)
        return data
    }
}
