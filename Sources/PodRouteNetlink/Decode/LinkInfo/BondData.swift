import CNetlink

/// `IFLA_INFO_DATA` of a bond (`IFLA_BOND_*`): the head of iproute2 6.1's `bond_print_opt`
/// (ip/iplink_bond.c) — mode, active slave, link monitoring and hashing. The 802.3ad details,
/// ARP targets and the rest are not decoded. Best effort: not creatable on the build machine.
enum BondData {
    static let modes = ["balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"]
    static let hashPolicies = ["layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"]

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_BOND_MAX) + 8)
        var data = KindData()
        if let mode = table[Int(IFLA_BOND_MODE)]?.uint8, Int(mode) < modes.count { data.string("mode", modes[Int(mode)]) }
        if let slave = table[Int(IFLA_BOND_ACTIVE_SLAVE)]?.uint32, slave != 0 { data.device("active_slave", slave) }
        let fields: [KindDataField] = [
            .init(Int(IFLA_BOND_MIIMON), "miimon", .u32),
            .init(Int(IFLA_BOND_PEER_NOTIF_DELAY), "peer_notify_delay", .u32),
            .init(Int(IFLA_BOND_UPDELAY), "updelay", .u32),
            .init(Int(IFLA_BOND_DOWNDELAY), "downdelay", .u32),
            .init(Int(IFLA_BOND_USE_CARRIER), "use_carrier", .u8),
            .init(Int(IFLA_BOND_ARP_INTERVAL), "arp_interval", .u32),
        ]
        data.apply(fields, from: table)
        if let slave = table[Int(IFLA_BOND_PRIMARY)]?.uint32, slave != 0 { data.device("primary", slave) }
        if let policy = table[Int(IFLA_BOND_XMIT_HASH_POLICY)]?.uint8, Int(policy) < hashPolicies.count {
            data.string("xmit_hash_policy", hashPolicies[Int(policy)])
        }
        data.apply([.init(Int(IFLA_BOND_MIN_LINKS), "min_links", .u32)], from: table)
        return data
    }
}
