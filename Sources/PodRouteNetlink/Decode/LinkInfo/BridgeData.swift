import CNetlink

/// `IFLA_INFO_DATA` of a bridge (`IFLA_BR_*`), as iproute2 6.1's `bridge_print_opt`
/// (ip/iplink_bridge.c) prints it. Timers (`*_timer`) are clock ticks shown as seconds; the
/// `mcast_*_intvl` values stay in clock ticks, as iproute2 prints them.
enum BridgeData {
    static let fields: [KindDataField] = [
        .init(Int(IFLA_BR_FORWARD_DELAY), "forward_delay", .u32),
        .init(Int(IFLA_BR_HELLO_TIME), "hello_time", .u32),
        .init(Int(IFLA_BR_MAX_AGE), "max_age", .u32),
        .init(Int(IFLA_BR_AGEING_TIME), "ageing_time", .u32),
        .init(Int(IFLA_BR_STP_STATE), "stp_state", .u32),
        .init(Int(IFLA_BR_PRIORITY), "priority", .u16),
        .init(Int(IFLA_BR_VLAN_FILTERING), "vlan_filtering", .u8),
    ]

    static let identityFields: [KindDataField] = [
        .init(Int(IFLA_BR_BRIDGE_ID), "bridge_id", .bridgeID),
        .init(Int(IFLA_BR_ROOT_ID), "root_id", .bridgeID),
        .init(Int(IFLA_BR_ROOT_PORT), "root_port", .u16),
        .init(Int(IFLA_BR_ROOT_PATH_COST), "root_path_cost", .u32),
        .init(Int(IFLA_BR_TOPOLOGY_CHANGE), "topology_change", .u8),
        .init(Int(IFLA_BR_TOPOLOGY_CHANGE_DETECTED), "topology_change_detected", .u8),
        .init(Int(IFLA_BR_HELLO_TIMER), "hello_timer", .timer),
        .init(Int(IFLA_BR_TCN_TIMER), "tcn_timer", .timer),
        .init(Int(IFLA_BR_TOPOLOGY_CHANGE_TIMER), "topology_change_timer", .timer),
        .init(Int(IFLA_BR_GC_TIMER), "gc_timer", .timer),
        .init(Int(IFLA_BR_VLAN_DEFAULT_PVID), "vlan_default_pvid", .u16),
        .init(Int(IFLA_BR_VLAN_STATS_ENABLED), "vlan_stats_enabled", .u8),
        .init(Int(IFLA_BR_VLAN_STATS_PER_PORT), "vlan_stats_per_port", .u8),
        .init(Int(IFLA_BR_GROUP_FWD_MASK), "group_fwd_mask", .hex16),
        .init(Int(IFLA_BR_GROUP_ADDR), "group_addr", .hardwareAddress),
        .init(Int(IFLA_BR_MCAST_SNOOPING), "mcast_snooping", .u8),
    ]

    static let multicastFields: [KindDataField] = [
        .init(Int(IFLA_BR_MCAST_ROUTER), "mcast_router", .u8),
        .init(Int(IFLA_BR_MCAST_QUERY_USE_IFADDR), "mcast_query_use_ifaddr", .u8),
        .init(Int(IFLA_BR_MCAST_QUERIER), "mcast_querier", .u8),
        .init(Int(IFLA_BR_MCAST_HASH_ELASTICITY), "mcast_hash_elasticity", .u32),
        .init(Int(IFLA_BR_MCAST_HASH_MAX), "mcast_hash_max", .u32),
        .init(Int(IFLA_BR_MCAST_LAST_MEMBER_CNT), "mcast_last_member_cnt", .u32),
        .init(Int(IFLA_BR_MCAST_STARTUP_QUERY_CNT), "mcast_startup_query_cnt", .u32),
        .init(Int(IFLA_BR_MCAST_LAST_MEMBER_INTVL), "mcast_last_member_intvl", .u64),
        .init(Int(IFLA_BR_MCAST_MEMBERSHIP_INTVL), "mcast_membership_intvl", .u64),
        .init(Int(IFLA_BR_MCAST_QUERIER_INTVL), "mcast_querier_intvl", .u64),
        .init(Int(IFLA_BR_MCAST_QUERY_INTVL), "mcast_query_intvl", .u64),
        .init(Int(IFLA_BR_MCAST_QUERY_RESPONSE_INTVL), "mcast_query_response_intvl", .u64),
        .init(Int(IFLA_BR_MCAST_STARTUP_QUERY_INTVL), "mcast_startup_query_intvl", .u64),
        .init(Int(IFLA_BR_MCAST_STATS_ENABLED), "mcast_stats_enabled", .u8),
        .init(Int(IFLA_BR_MCAST_IGMP_VERSION), "mcast_igmp_version", .u8),
        .init(Int(IFLA_BR_MCAST_MLD_VERSION), "mcast_mld_version", .u8),
        .init(Int(IFLA_BR_NF_CALL_IPTABLES), "nf_call_iptables", .u8),
        .init(Int(IFLA_BR_NF_CALL_IP6TABLES), "nf_call_ip6tables", .u8),
        .init(Int(IFLA_BR_NF_CALL_ARPTABLES), "nf_call_arptables", .u8),
    ]

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_BR_MAX) + 16)
        var data = KindData()
        data.apply(fields, from: table)
        // IFLA_BR_VLAN_PROTOCOL: an ethertype in network order, named by `ll_proto_n2a`.
        if let proto = table[Int(IFLA_BR_VLAN_PROTOCOL)]?.uint16BigEndian {
            data.string("vlan_protocol", VLANData.protocolName(proto))
        }
        data.apply(identityFields, from: table)
        // IFLA_BR_MULTI_BOOLOPT: struct br_boolopt_multi { u32 optval; u32 optmask; }; iproute2 6.1
        // prints the two options it knows, when their bit is in the mask.
        if let payload = table[Int(IFLA_BR_MULTI_BOOLOPT)]?.payload, payload.count >= 8 {
            let value = payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
            let mask = payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            let options: [(bit: UInt32, key: String)] = [
                (1 << 0, "no_linklocal_learn"),  // BR_BOOLOPT_NO_LL_LEARN
                (1 << 1, "mcast_vlan_snooping"),  // BR_BOOLOPT_MCAST_VLAN_SNOOPING
            ]
            for option in options where mask & option.bit != 0 {
                data.number(option.key, value & option.bit != 0 ? 1 : 0)
            }
        }
        data.apply(multicastFields, from: table)
        return data
    }
}
