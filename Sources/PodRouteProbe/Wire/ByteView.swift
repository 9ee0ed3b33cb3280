/// Bounds-checked reads from received bytes: every accessor returns nil past the end, so a short
/// or garbled packet is ignored instead of trapping. Offsets count from the view's start.
struct ByteView {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    var count: Int { bytes.count }

    func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < bytes.count else { return nil }
        return bytes[bytes.startIndex + offset]
    }

    /// A big-endian (network order) 16-bit field.
    func uint16(at offset: Int) -> UInt16? {
        guard let high = uint8(at: offset), let low = uint8(at: offset + 1) else { return nil }
        return UInt16(high) << 8 | UInt16(low)
    }

    /// `length` bytes from `offset`, or nil when they are not all there.
    func slice(at offset: Int, length: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else { return nil }
        let start = bytes.startIndex + offset
        return bytes[start..<(start + length)]
    }

    /// Everything from `offset` on (empty at the end), or nil past it.
    func suffix(from offset: Int) -> ByteView? {
        guard offset >= 0, offset <= bytes.count else { return nil }
        return ByteView(bytes[(bytes.startIndex + offset)...])
    }
}
