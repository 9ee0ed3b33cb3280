import PodRouteCore

/// Builds one `info_data` / `info_slave_data` object the way iproute2's `print_opt` callbacks do
/// in JSON mode: keys in iproute2's order, values with iproute2's JSON types.
///
/// Device references (`IFLA_VXLAN_LINK`, `IFLA_BRPORT_BACKUP_PORT`...) are printed by iproute2 as
/// names (`ll_index_to_name`), which a decoder of one message cannot know: they are recorded as
/// `references` and filled in by `UnresolvedLink.resolved(names:)` once the whole dump is read.
struct KindData {
    private(set) var object = JSONObject()
    private(set) var references: [DeviceReference] = []

    /// `print_uint` / `print_u64` / `print_luint`: a JSON number. Integers are stored as `.int`, as
    /// PodRouteCore's JSON reader stores them, so decoded and captured data compare equal.
    mutating func number(_ key: String, _ value: UInt64) {
        object[key] = value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
    }

    /// `print_int`: a signed JSON number.
    mutating func signed(_ key: String, _ value: Int64) { object[key] = .int(value) }

    /// `print_bool`: true / false.
    mutating func bool(_ key: String, _ value: Bool) { object[key] = .bool(value) }

    /// `print_string`.
    mutating func string(_ key: String, _ value: String) { object[key] = .string(value) }

    /// `print_null`.
    mutating func null(_ key: String) { object[key] = .null }

    /// `print_0xhex`: a JSON string formatted `%#llx` ("0" for zero, "0x1f" otherwise).
    mutating func hex(_ key: String, _ value: UInt64) { object[key] = .string(Self.hexText(value)) }

    /// A bridge timer (`_bridge_print_timer`): jiffies as clock ticks (1/100 s, `USER_HZ`), printed
    /// `%i.%.2i`, so a JSON number with two decimals (`0.06`, `0.00`). Stored as PodRouteCore's JSON
    /// reader stores that text: `0.06` as a double, `0.00` and `2.00` as integers (Foundation's
    /// decoder reads whole numbers as Int64 first), so live and captured snapshots compare equal.
    mutating func timer(_ key: String, _ centiseconds: UInt64) {
        if centiseconds % 100 == 0 { number(key, centiseconds / 100) }
        else { object[key] = .double(Double(centiseconds) / 100) }
    }

    /// A nested object (`port_range`).
    mutating func object(_ key: String, _ build: (inout KindData) -> Void) {
        var nested = KindData()
        build(&nested)
        object[key] = .object(nested.object)
    }

    /// A JSON array of values.
    mutating func array(_ key: String, _ values: [JSONValue]) { object[key] = .array(values) }

    /// A device printed by name; the name is filled in later, `if<N>` when the index is unknown
    /// (what `ll_index_to_name` prints).
    mutating func device(_ key: String, _ index: UInt32) {
        object[key] = .string("if\(index)")
        references.append(DeviceReference(key: key, index: InterfaceIndex(Int32(bitPattern: index))))
    }

    static func hexText(_ value: UInt64) -> String { value == 0 ? "0" : "0x" + String(value, radix: 16) }

    /// The IPv4 address a 4-byte payload holds, as `format_host` prints it without name resolution.
    static func ipv4Text(_ attribute: NetlinkAttribute) -> String? {
        attribute.ipAddress(.inet)?.description
    }
}

/// A key of a kind-data object whose value is a device name to look up after the dump.
struct DeviceReference: Hashable, Sendable {
    var key: String
    var index: InterfaceIndex
}

/// One kind's `info_data` (or `info_slave_data`) printer.
typealias KindDataDecoder = @Sendable (NetlinkAttributes) -> KindData

/// The printers podroute knows, by `IFLA_INFO_KIND` / `IFLA_INFO_SLAVE_KIND`. Kinds without one
/// (veth, wireguard, dummy, unknown kinds) get an empty object, as iproute2 prints none.
enum KindDataDecoders {
    static func data(kind: String) -> KindDataDecoder? {
        switch kind {
        case "bridge": BridgeData.decode
        case "vxlan": VXLANData.decode
        case "macvlan", "macvtap": MacvlanData.decode
        case "vlan": VLANData.decode
        case "ipip", "sit": IPTunnelData.decode
        case "gre", "gretap", "erspan": GREData.decode
        case "geneve": GeneveData.decode
        case "bond": BondData.decode
        default: nil
        }
    }

    static func slaveData(kind: String) -> KindDataDecoder? {
        switch kind {
        case "bridge": BridgeSlaveData.decode
        default: nil
        }
    }
}
