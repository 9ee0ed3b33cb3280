import CNetlink

/// `IFLA_INFO_DATA` of a geneve device (`IFLA_GENEVE_*`), as iproute2 6.1's `geneve_print_opt`
/// (ip/iplink_geneve.c) prints it. Best effort: not creatable on the build machine.
enum GeneveData {
    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_GENEVE_MAX) + 8)
        var data = KindData()
        if table[Int(IFLA_GENEVE_COLLECT_METADATA)] != nil {
            data.bool("external", true)
            return data
        }
        guard let vni = table[Int(IFLA_GENEVE_ID)]?.uint32 else { return data }
        data.number("id", UInt64(vni))
        if let remote = table[Int(IFLA_GENEVE_REMOTE)]?.ipAddress(.inet) {
            if !remote.isUnspecified { data.string("remote", remote.description) }
        } else if let remote = table[Int(IFLA_GENEVE_REMOTE6)]?.ipAddress(.inet6),
                  !remote.isUnspecified, !remote.isMulticast {
            data.string("remote6", remote.description)
        }
        let inheritsTTL = (table[Int(IFLA_GENEVE_TTL_INHERIT)]?.uint8 ?? 0) != 0
        if !inheritsTTL, let ttl = table[Int(IFLA_GENEVE_TTL)]?.uint8 { data.number("ttl", UInt64(ttl)) }
        if let tos = table[Int(IFLA_GENEVE_TOS)]?.uint8, tos != 0 { data.hex("tos", UInt64(tos)) }
        if let df = table[Int(IFLA_GENEVE_DF)]?.uint8 {
            switch df {
            case 0: data.string("df", "unset")
            case 1: data.string("df", "set")
            case 2: data.string("df", "inherit")
            default: break
            }
        }
        if let label = table[Int(IFLA_GENEVE_LABEL)]?.uint32BigEndian, label != 0 { data.hex("label", UInt64(label)) }
        if let port = table[Int(IFLA_GENEVE_PORT)]?.uint16BigEndian { data.number("port", UInt64(port)) }
        for (attribute, key) in [(IFLA_GENEVE_UDP_CSUM, "udp_csum"), (IFLA_GENEVE_UDP_ZERO_CSUM6_TX, "udp_zero_csum6_tx"),
                                 (IFLA_GENEVE_UDP_ZERO_CSUM6_RX, "udp_zero_csum6_rx")] {
            if let value = table[Int(attribute)]?.uint8 { data.bool(key, value != 0) }
        }
        if table[Int(IFLA_GENEVE_INNER_PROTO_INHERIT)] != nil { data.bool("inner_proto_inherit", true) }
        return data
    }
}
