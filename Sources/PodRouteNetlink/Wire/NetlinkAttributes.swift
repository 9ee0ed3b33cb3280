import CNetlink

/// One attribute (`struct nlattr`/`struct rtattr`: u16 length, u16 type, payload, padding to 4).
/// The payload points into the receive buffer: valid only as long as the message it came from.
public struct NetlinkAttribute {
    /// The attribute type with `NLA_F_NESTED` and `NLA_F_NET_BYTEORDER` masked off (`NLA_TYPE_MASK`).
    public let type: UInt16
    /// `NLA_F_NESTED` was set (many kernel nests do not set it; do not rely on it).
    public let isNested: Bool
    /// `NLA_F_NET_BYTEORDER` was set: integers are big-endian.
    public let isNetworkByteOrder: Bool
    /// The bytes after the 4-byte attribute header, without trailing padding.
    public let payload: UnsafeRawBufferPointer

    /// The payload as `T` (host byte order), or nil when it is shorter than `T`. Always an unaligned
    /// load: x86_64 does not pad 64-bit attributes to 8 bytes.
    public func load<T: BitwiseCopyable>(as type: T.Type = T.self) -> T? {
        guard payload.count >= MemoryLayout<T>.size else { return nil }
        return payload.loadUnaligned(fromByteOffset: 0, as: T.self)
    }

    public var uint8: UInt8? { load() }
    public var uint16: UInt16? { load() }
    public var uint32: UInt32? { load() }
    public var uint64: UInt64? { load() }
    public var int32: Int32? { load() }

    /// A NUL-terminated string (`IFLA_IFNAME`, `IFLA_INFO_KIND`, `NLMSGERR_ATTR_MSG`); the whole
    /// payload if there is no NUL. Invalid UTF-8 is repaired.
    public var string: String {
        let bytes = payload.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The payload read as attributes (`IFLA_LINKINFO`, `IFLA_AF_SPEC`...).
    public var nested: NetlinkAttributes { NetlinkAttributes(payload) }
}

/// The attributes in a byte range, in wire order. Iteration stops at the first attribute whose length
/// is below 4 or runs past the range, like `RTA_OK`; `isTruncated` tells whether that happened.
public struct NetlinkAttributes: Sequence {
    public let bytes: UnsafeRawBufferPointer

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    /// The first attribute of the given (masked) type.
    public func first(_ type: UInt16) -> NetlinkAttribute? {
        first { $0.type == type }
    }

    /// True when a length field ran past the end: the kernel never sends that, a corrupt capture might.
    public var isTruncated: Bool {
        var iterator = makeIterator()
        while iterator.next() != nil {}
        return iterator.offset < bytes.count
    }

    public struct Iterator: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        private(set) var offset = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        public mutating func next() -> NetlinkAttribute? {
            let headerLength = Int(cnl_nla_hdrlen())
            guard bytes.count - offset >= headerLength else {
                offset = bytes.count  // trailing padding shorter than a header is not an error
                return nil
            }
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            let rawType = bytes.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self)
            guard length >= headerLength, length <= bytes.count - offset else { return nil }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + headerLength)..<(offset + length)])
            offset = Swift.min(bytes.count, offset + Int(cnl_rta_align(UInt32(length))))
            return NetlinkAttribute(
                type: rawType & cnl_nla_type_mask(),
                isNested: rawType & cnl_nla_f_nested() != 0,
                isNetworkByteOrder: rawType & cnl_nla_f_net_byteorder() != 0,
                payload: payload
            )
        }
    }
}
