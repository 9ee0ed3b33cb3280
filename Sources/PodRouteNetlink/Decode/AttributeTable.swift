/// The attributes of one nest indexed by type, like iproute2's `parse_rtattr(tb, MAX, ...)`: the
/// kind-data printers look attributes up in their own fixed order, whatever order the kernel sent.
/// A later duplicate replaces an earlier one, as in iproute2.
struct AttributeTable {
    private var slots: [UnsafeRawBufferPointer?]

    init(_ attributes: NetlinkAttributes, maximumType: Int) {
        slots = Array(repeating: nil, count: maximumType + 1)
        for attribute in attributes where Int(attribute.type) <= maximumType {
            slots[Int(attribute.type)] = attribute.payload
        }
    }

    subscript(type: Int) -> NetlinkAttribute? {
        guard type >= 0, type < slots.count, let payload = slots[type] else { return nil }
        return NetlinkAttribute(type: UInt16(type), isNested: false, isNetworkByteOrder: false, payload: payload)
    }
}
