import CNetlink

/// `IFLA_INFO_SLAVE_DATA` of a bridge port (`IFLA_BRPORT_*`), as iproute2 6.1's
/// `bridge_slave_print_opt` (ip/iplink_bridge_slave.c) prints it in JSON: on/off options are
/// booleans named after the command-line keyword (`hairpin` for `IFLA_BRPORT_MODE`).
enum BridgeSlaveData {
    static let portStates = ["disabled", "listening", "learning", "forwarding", "blocking"]

    static let fields: [KindDataField] = [
        .init(Int(IFLA_BRPORT_PRIORITY), "priority", .int16),
        .init(Int(IFLA_BRPORT_COST), "cost", .int32),
        .init(Int(IFLA_BRPORT_MODE), "hairpin", .bool8),
        .init(Int(IFLA_BRPORT_GUARD), "guard", .bool8),
        .init(Int(IFLA_BRPORT_PROTECT), "root_block", .bool8),
        .init(Int(IFLA_BRPORT_FAST_LEAVE), "fastleave", .bool8),
        .init(Int(IFLA_BRPORT_LEARNING), "learning", .bool8),
        .init(Int(IFLA_BRPORT_UNICAST_FLOOD), "flood", .bool8),
        .init(Int(IFLA_BRPORT_ID), "id", .hex16),
        .init(Int(IFLA_BRPORT_NO), "no", .hex16),
        .init(Int(IFLA_BRPORT_DESIGNATED_PORT), "designated_port", .u16),
        // A u32 in the kernel, read as u16 by iproute2 (the same value below 65536).
        .init(Int(IFLA_BRPORT_DESIGNATED_COST), "designated_cost", .u16),
        .init(Int(IFLA_BRPORT_BRIDGE_ID), "bridge_id", .bridgeID),
        .init(Int(IFLA_BRPORT_ROOT_ID), "root_id", .bridgeID),
        .init(Int(IFLA_BRPORT_HOLD_TIMER), "hold_timer", .timer),
        .init(Int(IFLA_BRPORT_MESSAGE_AGE_TIMER), "message_age_timer", .timer),
        .init(Int(IFLA_BRPORT_FORWARD_DELAY_TIMER), "forward_delay_timer", .timer),
        .init(Int(IFLA_BRPORT_TOPOLOGY_CHANGE_ACK), "topology_change_ack", .u8),
        .init(Int(IFLA_BRPORT_CONFIG_PENDING), "config_pending", .u8),
        .init(Int(IFLA_BRPORT_PROXYARP), "proxy_arp", .bool8),
        .init(Int(IFLA_BRPORT_PROXYARP_WIFI), "proxy_arp_wifi", .bool8),
        .init(Int(IFLA_BRPORT_MULTICAST_ROUTER), "multicast_router", .u8),
        .init(Int(IFLA_BRPORT_MCAST_FLOOD), "mcast_flood", .bool8),
        .init(Int(IFLA_BRPORT_BCAST_FLOOD), "bcast_flood", .bool8),
        .init(Int(IFLA_BRPORT_MCAST_TO_UCAST), "mcast_to_unicast", .bool8),
        .init(Int(IFLA_BRPORT_NEIGH_SUPPRESS), "neigh_suppress", .bool8),
    ]

    static let tailFields: [KindDataField] = [
        .init(Int(IFLA_BRPORT_VLAN_TUNNEL), "vlan_tunnel", .bool8),
        .init(Int(IFLA_BRPORT_ISOLATED), "isolated", .bool8),
        .init(Int(IFLA_BRPORT_BACKUP_PORT), "backup_port", .device),
        .init(Int(IFLA_BRPORT_LOCKED), "locked", .bool8),
    ]

    /// Bits of the group forward mask with names (`fwd_mask_tbl`): 0 stp, 2 lacp, 14 lldp.
    static let forwardMaskNames: [Int: String] = [0: "stp", 2: "lacp", 14: "lldp"]

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_BRPORT_MAX) + 16)
        var data = KindData()
        if let state = table[Int(IFLA_BRPORT_STATE)]?.uint8 {
            if Int(state) < portStates.count { data.string("state", portStates[Int(state)]) }
            else { data.signed("state_index", Int64(state)) }
        }
        data.apply(fields, from: table)
        if let mask = table[Int(IFLA_BRPORT_GROUP_FWD_MASK)]?.uint16 {
            data.hex("group_fwd_mask", UInt64(mask))
            data.string("group_fwd_mask_str", forwardMaskText(mask))
        }
        data.apply(tailFields, from: table)
        return data
    }

    /// `_bitmask2str`: named bits, others as `0x..`, comma-separated; `0x0` when empty.
    static func forwardMaskText(_ mask: UInt16) -> String {
        var parts: [String] = []
        for bit in 0..<16 where mask & (1 << bit) != 0 {
            parts.append(forwardMaskNames[bit] ?? "0x" + String(1 << bit, radix: 16))
        }
        return parts.isEmpty ? "0x0" : parts.joined(separator: ",")
    }
}
