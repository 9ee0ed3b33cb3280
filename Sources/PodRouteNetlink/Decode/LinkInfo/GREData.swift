/// `IFLA_INFO_DATA` of gre/gretap tunnels (`IFLA_GRE_*`, <linux/if_tunnel.h>), as iproute2 6.1's
/// `gre_print_opt` (ip/link_gre.c) prints it, without the ERSPAN fields. Best effort: this kernel
/// cannot create GRE devices, so it is checked against the source only.
enum GREData {
    static let link = 1, inputFlags = 2, outputFlags = 3, inputKey = 4, outputKey = 5, local = 6, remote = 7
    static let ttl = 8, tos = 9, pmtudisc = 10, encapType = 14, encapFlags = 15, encapSourcePort = 16
    static let encapDestinationPort = 17, collectMetadata = 18, ignoreDF = 19, fwmark = 20

    /// `GRE_CSUM`, `GRE_KEY`, `GRE_SEQ` (big-endian flag words).
    static let checksumFlag: UInt16 = 0x8000, keyFlag: UInt16 = 0x2000, sequenceFlag: UInt16 = 0x1000

    static let decode: KindDataDecoder = { attributes in
        let table = AttributeTable(attributes, maximumType: 32)
        var data = KindData()
        if table[collectMetadata] != nil {
            data.bool("external", true)
            return data
        }
        let iflags = table[inputFlags]?.uint16BigEndian ?? 0
        let oflags = table[outputFlags]?.uint16BigEndian ?? 0
        data.endpoint("remote", table[remote], family: .inet)
        data.endpoint("local", table[local], family: .inet)
        if let index = table[link]?.uint32, index != 0 { data.device("link", index) }
        data.number("ttl", UInt64(table[ttl]?.uint8 ?? 0))
        if let value = table[tos]?.uint8, value != 0 { data.hex("tos", UInt64(value)) }
        if let value = table[pmtudisc]?.uint8 { data.bool("pmtudisc", value != 0) }
        if let value = table[ignoreDF]?.uint8, value != 0 { data.bool("ignore_df", true) }
        // Keys print as dotted quads (inet_ntop of the raw 4 bytes).
        if iflags & keyFlag != 0, let key = table[inputKey], key.uint32 ?? 0 != 0, let text = KindData.ipv4Text(key) {
            data.string("ikey", text)
        }
        if oflags & keyFlag != 0, let key = table[outputKey], key.uint32 ?? 0 != 0, let text = KindData.ipv4Text(key) {
            data.string("okey", text)
        }
        if iflags & sequenceFlag != 0 { data.bool("iseq", true) }
        if oflags & sequenceFlag != 0 { data.bool("oseq", true) }
        if iflags & checksumFlag != 0 { data.bool("icsum", true) }
        if oflags & checksumFlag != 0 { data.bool("ocsum", true) }
        if let mark = table[fwmark]?.uint32, mark != 0 { data.hex("fwmark", UInt64(mark)) }
        data.encapsulation(table, type: encapType, flags: encapFlags, sourcePort: encapSourcePort,
                           destinationPort: encapDestinationPort)
        return data
    }
}
