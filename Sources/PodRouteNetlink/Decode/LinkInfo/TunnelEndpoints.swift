import PodRouteCore

extension KindData {
    /// `tnl_print_endpoint`: the address, or "any" when absent or all zero.
    mutating func endpoint(_ key: String, _ attribute: NetlinkAttribute?, family: AddressFamily) {
        guard let attribute else { return string(key, "any") }
        guard let address = attribute.ipAddress(family) else { return string(key, "unknown") }
        string(key, address.isUnspecified ? "any" : address.description)
    }

    /// `tnl_print_encap`: the FOU/GUE encapsulation, when there is one. Attribute numbers are
    /// the tunnel's own (`IFLA_IPTUN_ENCAP_*` or `IFLA_GRE_ENCAP_*`).
    mutating func encapsulation(_ table: AttributeTable, type: Int, flags: Int, sourcePort: Int, destinationPort: Int) {
        guard let encapType = table[type]?.uint16, encapType != 0 else { return }  // TUNNEL_ENCAP_NONE
        let encapFlags = table[flags]?.uint16 ?? 0
        object("encap") { encap in
            encap.string("type", encapType == 1 ? "fou" : encapType == 2 ? "gue" : "unknown")
            encap.number("sport", UInt64(table[sourcePort]?.uint16BigEndian ?? 0))
            encap.number("dport", UInt64(table[destinationPort]?.uint16BigEndian ?? 0))
            encap.bool("csum", encapFlags & 1 != 0)       // TUNNEL_ENCAP_FLAG_CSUM
            encap.bool("csum6", encapFlags & 2 != 0)      // TUNNEL_ENCAP_FLAG_CSUM6
            encap.bool("remcsum", encapFlags & 4 != 0)    // TUNNEL_ENCAP_FLAG_REMCSUM
        }
    }
}
