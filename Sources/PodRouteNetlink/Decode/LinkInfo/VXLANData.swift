import CNetlink

/// `IFLA_INFO_DATA` of a vxlan device (`IFLA_VXLAN_*`), as iproute2 6.1's `vxlan_print_opt`
/// (ip/iplink_vxlan.c) prints it in JSON. Zero addresses and zero options are left out, `ttl` and
/// `learning` are always printed, `link` is the underlying device's name.
enum VXLANData {
    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_VXLAN_MAX) + 16)
        var data = KindData()
        // iproute2 6.1 prints `external` and then the other options too (later versions stop there).
        if let external = table[Int(IFLA_VXLAN_COLLECT_METADATA)]?.uint8, external != 0 {
            data.bool("external", true)
        }
        guard let vni = table[Int(IFLA_VXLAN_ID)]?.uint32 else { return data }
        data.number("id", UInt64(vni))

        if let group = table[Int(IFLA_VXLAN_GROUP)]?.ipAddress(.inet) {
            if !group.isUnspecified { data.string(group.isMulticast ? "group" : "remote", group.description) }
        } else if let group = table[Int(IFLA_VXLAN_GROUP6)]?.ipAddress(.inet6), !group.isUnspecified {
            data.string(group.isMulticast ? "group6" : "remote6", group.description)
        }
        if let local = table[Int(IFLA_VXLAN_LOCAL)]?.ipAddress(.inet) {
            if !local.isUnspecified { data.string("local", local.description) }
        } else if let local = table[Int(IFLA_VXLAN_LOCAL6)]?.ipAddress(.inet6), !local.isUnspecified {
            data.string("local6", local.description)
        }
        if let link = table[Int(IFLA_VXLAN_LINK)]?.uint32, link != 0 { data.device("link", link) }
        // struct ifla_vxlan_port_range { __be16 low, high; }
        if let range = table[Int(IFLA_VXLAN_PORT_RANGE)]?.payload, range.count >= 4 {
            data.object("port_range") { range_ in
                range_.number("low", UInt64(UInt16(bigEndian: range.loadUnaligned(fromByteOffset: 0, as: UInt16.self))))
                range_.number("high", UInt64(UInt16(bigEndian: range.loadUnaligned(fromByteOffset: 2, as: UInt16.self))))
            }
        }
        if let port = table[Int(IFLA_VXLAN_PORT)]?.uint16BigEndian { data.number("port", UInt64(port)) }
        if let learning = table[Int(IFLA_VXLAN_LEARNING)]?.uint8 { data.bool("learning", learning != 0) }
        for (attribute, key) in [(IFLA_VXLAN_PROXY, "proxy"), (IFLA_VXLAN_RSC, "rsc"),
                                 (IFLA_VXLAN_L2MISS, "l2miss"), (IFLA_VXLAN_L3MISS, "l3miss")] {
            if let value = table[Int(attribute)]?.uint8, value != 0 { data.bool(key, true) }
        }
        if let tos = table[Int(IFLA_VXLAN_TOS)]?.uint8, tos != 0 { data.hex("tos", UInt64(tos)) }
        data.number("ttl", UInt64(table[Int(IFLA_VXLAN_TTL)]?.uint8 ?? 0))
        // IFLA_VXLAN_DF: enum ifla_vxlan_df { UNSET, SET, INHERIT }.
        if let df = table[Int(IFLA_VXLAN_DF)]?.uint8 {
            switch df {
            case 0: data.string("df", "unset")
            case 1: data.string("df", "set")
            case 2: data.string("df", "inherit")
            default: break
            }
        }
        if let label = table[Int(IFLA_VXLAN_LABEL)]?.uint32BigEndian, label != 0 { data.hex("label", UInt64(label)) }
        if let ageing = table[Int(IFLA_VXLAN_AGEING)]?.uint32 { data.number("ageing", UInt64(ageing)) }
        if let limit = table[Int(IFLA_VXLAN_LIMIT)]?.uint32, limit != 0 { data.number("limit", UInt64(limit)) }
        for (attribute, key) in [(IFLA_VXLAN_UDP_CSUM, "udp_csum"), (IFLA_VXLAN_UDP_ZERO_CSUM6_TX, "udp_zero_csum6_tx"),
                                 (IFLA_VXLAN_UDP_ZERO_CSUM6_RX, "udp_zero_csum6_rx")] {
            if let value = table[Int(attribute)]?.uint8 { data.bool(key, value != 0) }
        }
        for (attribute, key) in [(IFLA_VXLAN_REMCSUM_TX, "remcsum_tx"), (IFLA_VXLAN_REMCSUM_RX, "remcsum_rx")] {
            if let value = table[Int(attribute)]?.uint8, value != 0 { data.bool(key, true) }
        }
        // Flag attributes: present means on.
        if table[Int(IFLA_VXLAN_GBP)] != nil { data.bool("gbp", true) }
        if table[Int(IFLA_VXLAN_GPE)] != nil { data.bool("gpe", true) }
        return data
    }
}

import PodRouteCore

extension IPAddress {
    /// 224.0.0.0/4 or ff00::/8 (`IN_MULTICAST`, `IN6_IS_ADDR_MULTICAST`).
    var isMulticast: Bool {
        switch self {
        case .v4(let address): address.value >> 28 == 0xe
        case .v6(let address): address.high >> 56 == 0xff
        }
    }
}
