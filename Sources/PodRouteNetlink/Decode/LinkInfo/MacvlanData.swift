import CNetlink

/// `IFLA_INFO_DATA` of a macvlan/macvtap device (`IFLA_MACVLAN_*`), as iproute2 6.1's
/// `macvlan_print_opt` (ip/iplink_macvlan.c) prints it.
enum MacvlanData {
    /// `enum macvlan_mode` bits.
    static let modeNames: [UInt32: String] = [1: "private", 2: "vepa", 4: "bridge", 8: "passthru", 16: "source"]

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: Int(__IFLA_MACVLAN_MAX) + 16)
        var data = KindData()
        guard let mode = table[Int(IFLA_MACVLAN_MODE)]?.uint32 else { return data }
        data.string("mode", modeNames[mode] ?? "unknown")
        let flags = table[Int(IFLA_MACVLAN_FLAGS)]?.uint16 ?? 0
        if flags & UInt16(MACVLAN_FLAG_NOPROMISC) != 0 { data.bool("nopromisc", true) }
        if flags & 2 != 0 { data.bool("nodst", true) }  // MACVLAN_FLAG_NODST
        if let length = table[Int(IFLA_MACVLAN_BC_QUEUE_LEN)]?.uint32 { data.number("bcqueuelen", UInt64(length)) }
        if let used = table[Int(IFLA_MACVLAN_BC_QUEUE_LEN_USED)]?.uint32 { data.number("usedbcqueuelen", UInt64(used)) }
        // Source mode lists the allowed source MACs.
        guard mode == 16, let count = table[Int(IFLA_MACVLAN_MACADDR_COUNT)]?.uint32 else { return data }
        data.number("macaddr_count", UInt64(count))
        if let list = table[Int(IFLA_MACVLAN_MACADDR_DATA)] {
            let addresses = list.nested.filter { Int($0.type) == Int(IFLA_MACVLAN_MACADDR) && $0.payload.count == 6 }
                .map { JSONValue.string(KindData.hardwareAddress($0.payload)) }
            data.array("macaddr_data", addresses)
        }
        return data
    }
}

import PodRouteCore
