/// The RFC 1071 one's-complement checksum ICMPv4 needs in its header. (The kernel fills in the
/// ICMPv6 checksum itself, since it covers a pseudo-header only the kernel knows for sure.)
enum InternetChecksum {
    static func compute<Bytes: Collection>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var sum: UInt32 = 0
        var iterator = bytes.makeIterator()
        while let high = iterator.next() {
            let low = iterator.next() ?? 0
            sum += UInt32(high) << 8 | UInt32(low)
        }
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        return ~UInt16(sum)
    }
}
