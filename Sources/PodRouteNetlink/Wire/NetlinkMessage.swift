import CNetlink

/// A zero-copy view of one received netlink message (`struct nlmsghdr` + payload).
///
/// The bytes belong to the socket's receive buffer: the view is only valid inside the callback that
/// received it (it is `~Copyable` so it cannot be stored; do not keep `payload` either). Copy out
/// what you need, or use `RTNetlinkSocket.query`, which returns an owned `NetlinkReply`.
public struct NetlinkMessage: ~Copyable {
    /// The whole message, header included (`nlmsg_len` bytes).
    public let bytes: UnsafeRawBufferPointer

    /// Reads a message whose `nlmsg_len` was already checked to equal `bytes.count`.
    init(unchecked bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// `nlmsg_type`.
    public var type: NetlinkMessageType {
        NetlinkMessageType(rawValue: bytes.loadUnaligned(fromByteOffset: 4, as: UInt16.self))
    }

    /// `nlmsg_flags`.
    public var flags: NetlinkMessageFlags {
        NetlinkMessageFlags(rawValue: bytes.loadUnaligned(fromByteOffset: 6, as: UInt16.self))
    }

    /// `nlmsg_seq`: the request's sequence number for replies; the originator's for notifications.
    public var sequence: UInt32 { bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }

    /// `nlmsg_pid`: the port id of the requesting socket in replies (not the sender's).
    public var portID: UInt32 { bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self) }

    /// Everything after the 16-byte `nlmsghdr`: the fixed family header (`rtmsg`...) and attributes.
    public var payload: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[Int(cnl_nlmsg_hdrlen())...])
    }

    /// The fixed family header at the start of the payload (`rtmsg`, `ifinfomsg`...), or nil when
    /// the payload is shorter. An unaligned copy, so any layout is safe.
    public func header<Header: BitwiseCopyable>(as type: Header.Type) -> Header? {
        let payload = payload
        guard payload.count >= MemoryLayout<Header>.size else { return nil }
        return payload.loadUnaligned(fromByteOffset: 0, as: Header.self)
    }

    /// The attributes after a fixed header of `Header`'s size, padded to 4 (`RTM_RTA`, `IFLA_RTA`...).
    public func attributes<Header: BitwiseCopyable>(after type: Header.Type) -> NetlinkAttributes {
        attributes(afterHeaderBytes: MemoryLayout<Header>.size)
    }

    /// The attributes after a fixed header of `count` bytes, padded to 4. Empty if the payload is shorter.
    public func attributes(afterHeaderBytes count: Int) -> NetlinkAttributes {
        let payload = payload
        let start = Int(cnl_nlmsg_align(UInt32(count)))
        guard start <= payload.count else { return NetlinkAttributes(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return NetlinkAttributes(UnsafeRawBufferPointer(rebasing: payload[start...]))
    }

    /// For `NLMSG_ERROR` and `NLMSG_DONE`: the error code as the kernel sent it (0 = ACK/success,
    /// negative errno on failure), or nil when the payload is too short to hold it.
    public var errorCode: Int32? {
        guard type == .error || type == .done, payload.count >= MemoryLayout<Int32>.size else { return nil }
        return payload.loadUnaligned(fromByteOffset: 0, as: Int32.self)
    }

    /// For `NLMSG_ERROR`/`NLMSG_DONE` with `NLM_F_ACK_TLVS`: the extended ACK attributes.
    ///
    /// `NLMSG_ERROR` is `struct nlmsgerr { int error; struct nlmsghdr msg; }` followed by the rest of
    /// the echoed request unless `NLM_F_CAPPED` is set, then the TLVs. `NLMSG_DONE` is an `int`, then TLVs.
    public var extendedAck: ExtendedAck {
        guard flags.contains(.ackTLVs) else { return ExtendedAck() }
        let payload = payload
        var offset = MemoryLayout<Int32>.size
        if type == .error {
            let echoedHeader = Int(cnl_nlmsg_hdrlen())
            guard payload.count >= offset + echoedHeader else { return ExtendedAck() }
            let echoedLength = Int(payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += flags.contains(.capped) ? echoedHeader : Int(cnl_nlmsg_align(UInt32(clamping: echoedLength)))
        }
        guard offset <= payload.count else { return ExtendedAck() }
        return ExtendedAck(attributes: NetlinkAttributes(UnsafeRawBufferPointer(rebasing: payload[offset...])))
    }

    /// Calls `body` for each message in `bytes` (a datagram, or a capture of several), in order.
    /// Throws `NetlinkError(.decode, .malformedReply)` when a length field is inconsistent.
    public static func forEach(
        in bytes: UnsafeRawBufferPointer,
        _ body: (borrowing NetlinkMessage) throws -> Void
    ) throws {
        var offset = 0
        while let range = try nextMessage(in: bytes, at: &offset, for: .decode) {
            try body(NetlinkMessage(unchecked: UnsafeRawBufferPointer(rebasing: bytes[range])))
        }
    }

    /// `forEach` for the socket: a non-throwing visitor, malformed datagrams reported for `operation`.
    static func visit(
        _ bytes: UnsafeRawBufferPointer,
        for operation: NetlinkOperation,
        _ visitor: (borrowing NetlinkMessage) -> Void
    ) throws(NetlinkError) {
        var offset = 0
        while let range = try nextMessage(in: bytes, at: &offset, for: operation) {
            visitor(NetlinkMessage(unchecked: UnsafeRawBufferPointer(rebasing: bytes[range])))
        }
    }

    /// The byte range of the message at `offset` (`NLMSG_OK`), advancing `offset` past its padding
    /// (`NLMSG_NEXT`); nil at the end.
    private static func nextMessage(
        in bytes: UnsafeRawBufferPointer,
        at offset: inout Int,
        for operation: NetlinkOperation
    ) throws(NetlinkError) -> Range<Int>? {
        let headerLength = Int(cnl_nlmsg_hdrlen())
        guard bytes.count - offset >= headerLength else { return nil }
        let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        guard length >= headerLength, length <= bytes.count - offset else {
            throw NetlinkError(operation, .malformedReply(
                "nlmsg_len \(length) at byte \(offset) of a \(bytes.count)-byte datagram"))
        }
        let range = offset..<(offset + length)
        offset = min(bytes.count, offset + Int(cnl_nlmsg_align(UInt32(length))))
        return range
    }
}

/// An owned copy of one message, e.g. the answer to `RTNetlinkSocket.query` (`ip route get`).
public struct NetlinkReply: Hashable, Sendable {
    /// The whole message, header included.
    public let bytes: [UInt8]

    /// Copies a message out of the receive buffer.
    init(copying message: borrowing NetlinkMessage) { self.bytes = Array(message.bytes) }

    /// Wraps one message read from elsewhere (a capture); nil unless `nlmsg_len` equals the byte count.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Int(cnl_nlmsg_hdrlen()) else { return nil }
        let length = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt32.self) }
        guard Int(length) == bytes.count else { return nil }
        self.bytes = bytes
    }

    public var type: NetlinkMessageType { withMessage { $0.type } }

    /// Lends the reply as a `NetlinkMessage` view for decoding.
    public func withMessage<Result>(_ body: (borrowing NetlinkMessage) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { try body(NetlinkMessage(unchecked: $0)) }
    }
}
