import CNetlink
import PodRouteCore

/// `IFLA_INFO_DATA` of an 802.1Q/802.1ad device (`IFLA_VLAN_*`), as iproute2 6.1's
/// `vlan_print_opt` (ip/iplink_vlan.c) prints it. Not verifiable on the build machine (no 8021q).
enum VLANData {
    /// `VLAN_FLAG_*` in iproute2's print order.
    static let flagNames: [(UInt32, String)] = [
        (0x1, "REORDER_HDR"), (0x2, "GVRP"), (0x4, "LOOSE_BINDING"), (0x8, "MVRP"), (0x10, "BRIDGE_BINDING"),
    ]

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_VLAN_MAX) + 8)
        var data = KindData()
        guard let id = table[Int(IFLA_VLAN_ID)]?.uint16 else { return data }
        let proto = table[Int(IFLA_VLAN_PROTOCOL)]?.uint16BigEndian
        data.string("protocol", proto.map(protocolName) ?? "802.1q")
        data.number("id", UInt64(id))
        // struct ifla_vlan_flags { u32 flags; u32 mask; }
        if let payload = table[Int(IFLA_VLAN_FLAGS)]?.payload, payload.count >= 8 {
            var flags = payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
            var names: [JSONValue] = []
            for (bit, name) in flagNames where flags & bit != 0 {
                names.append(.string(name))
                flags &= ~bit
            }
            if flags != 0 { names.append(.string(String(flags, radix: 16))) }
            data.array("flags", names)
        }
        for (attribute, key) in [(IFLA_VLAN_INGRESS_QOS, "ingress_qos"), (IFLA_VLAN_EGRESS_QOS, "egress_qos")] {
            guard let maps = table[Int(attribute)] else { continue }
            // Each IFLA_VLAN_QOS_MAPPING is struct ifla_vlan_qos_mapping { u32 from; u32 to; }.
            let entries: [JSONValue] = maps.nested.compactMap { mapping in
                guard mapping.payload.count >= 8 else { return nil }
                return .object(JSONObject([
                    ("from", .int(Int64(mapping.payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))),
                    ("to", .int(Int64(mapping.payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))),
                ]))
            }
            data.array(key, entries)
        }
        return data
    }

    /// `ll_proto_n2a` for the VLAN ethertypes; others as iproute2 prints unknown ones.
    static func protocolName(_ ethertype: UInt16) -> String {
        switch ethertype {
        case 0x8100: "802.1Q"
        case 0x88a8: "802.1ad"
        default: "[\(ethertype)]"
        }
    }
}
