import PodRouteCore

// Typed reads of attribute payloads. Every read checks the payload length and loads unaligned:
// the kernel pads attributes to 4 bytes only, so a u64 or an in6_addr may sit at any 4-byte offset.
extension NetlinkAttribute {
    /// An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order (`RTA_DST`, `IFA_LOCAL`...);
    /// nil for any other length.
    var ipAddress: IPAddress? {
        switch payload.count {
        case 4: .v4(IPv4Address(UInt32(bigEndian: payload.loadUnaligned(as: UInt32.self))))
        case 16: .v6(Self.ipv6(payload, at: 0))
        default: nil
        }
    }

    /// An address of `family`, nil when the payload has the other family's length.
    func ipAddress(_ family: AddressFamily) -> IPAddress? {
        guard let address = ipAddress, address.family == family else { return nil }
        return address
    }

    /// A big-endian 16-bit value (`IFLA_VXLAN_PORT`, `FRA_SPORT_RANGE` is host order, ports in tunnels are not).
    var uint16BigEndian: UInt16? { uint16.map { UInt16(bigEndian: $0) } }

    /// A big-endian 32-bit value (`IFLA_VXLAN_LABEL`, GRE keys).
    var uint32BigEndian: UInt32? { uint32.map { UInt32(bigEndian: $0) } }

    /// The payload bytes, copied (hardware addresses: rare enough to allocate).
    var bytes: [UInt8] { Array(payload) }

    /// The payload as a hardware address; nil when empty.
    var linkLayerAddress: LinkLayerAddress? {
        payload.isEmpty ? nil : LinkLayerAddress(bytes: bytes)
    }

    /// Reads an in6_addr at `offset` of `bytes` (the caller checked the length).
    static func ipv6(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> IPv6Address {
        IPv6Address(high: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                    low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
    }
}

extension NetlinkError {
    /// A message that cannot be what its type says: too short for its fixed header, for instance.
    static func malformed(_ detail: String) -> NetlinkError {
        NetlinkError(.decode, .malformedReply(detail))
    }
}
