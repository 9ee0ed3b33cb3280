import CNetlink

/// A table-driven printer: one row per attribute, in the order iproute2 prints them, with the JSON
/// key and the value format of its `print_*` call. Rows whose attribute is absent print nothing.
struct KindDataField: Sendable {
    enum Format: Sendable {
        /// `print_uint` of a u8 / u16 / u32 / u64 attribute.
        case u8, u16, u32, u64
        /// `print_int` of an unsigned attribute (bridge port `priority`, `cost`).
        case int16, int32
        /// `print_bool` of a u8 (`_print_onoff` in JSON).
        case bool8
        /// `print_0xhex` of a u16.
        case hex16
        /// Clock ticks printed as seconds with two decimals (`_print_timer`).
        case timer
        /// `struct ifla_bridge_id` as `br_dump_bridge_id` prints it (`8000.f2:93:c:6a:7e:ba`).
        case bridgeID
        /// A hardware address as `ll_addr_n2a` prints it (`01:80:c2:00:00:00`).
        case hardwareAddress
        /// An ifindex printed as the device's name.
        case device
    }

    let attribute: Int
    let key: String
    let format: Format

    init(_ attribute: Int, _ key: String, _ format: Format) {
        self.attribute = attribute
        self.key = key
        self.format = format
    }
}

extension KindData {
    /// Prints the rows of `fields` present in `table`; a payload too short for its format is skipped.
    mutating func apply(_ fields: [KindDataField], from table: AttributeTable) {
        for field in fields {
            guard let attribute = table[field.attribute] else { continue }
            apply(field, attribute)
        }
    }

    mutating func apply(_ field: KindDataField, _ attribute: NetlinkAttribute) {
        let key = field.key
        switch field.format {
        case .u8: if let value = attribute.uint8 { number(key, UInt64(value)) }
        case .u16: if let value = attribute.uint16 { number(key, UInt64(value)) }
        case .u32: if let value = attribute.uint32 { number(key, UInt64(value)) }
        case .u64: if let value = attribute.uint64 { number(key, value) }
        case .int16: if let value = attribute.uint16 { signed(key, Int64(value)) }
        case .int32: if let value = attribute.uint32 { signed(key, Int64(Int32(bitPattern: value))) }
        case .bool8: if let value = attribute.uint8 { bool(key, value != 0) }
        case .hex16: if let value = attribute.uint16 { hex(key, UInt64(value)) }
        case .timer: if let value = attribute.uint64 { timer(key, value) }
        case .bridgeID: if let text = Self.bridgeID(attribute) { string(key, text) }
        case .hardwareAddress: string(key, Self.hardwareAddress(attribute.payload))
        case .device: if let value = attribute.uint32 { device(key, value) }
        }
    }

    /// `br_dump_bridge_id`: two priority bytes as `%.2x%.2x`, a dot, then the MAC as glibc's
    /// `ether_ntoa_r` prints it: `%x` per byte, without zero padding.
    static func bridgeID(_ attribute: NetlinkAttribute) -> String? {
        let bytes = attribute.payload
        guard bytes.count >= 8 else { return nil }
        let priority = twoDigitHex(bytes[0]) + twoDigitHex(bytes[1])
        return priority + "." + bytes[2..<8].map { String($0, radix: 16) }.joined(separator: ":")
    }

    /// `ll_addr_n2a` for Ethernet: two hex digits per byte, colon-separated.
    static func hardwareAddress(_ bytes: UnsafeRawBufferPointer) -> String {
        bytes.map(twoDigitHex).joined(separator: ":")
    }

    static func twoDigitHex(_ byte: UInt8) -> String {
        byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
}
