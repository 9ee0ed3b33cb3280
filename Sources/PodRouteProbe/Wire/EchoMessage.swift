import PodRouteCore

/// Builds ICMP echo requests and reads the identifier and sequence of echo messages.
enum EchoMessage {
    /// Header (type, code, checksum, identifier, sequence) and `payload`. The v4 checksum is
    /// computed here; the kernel computes the v6 one and, on datagram sockets, rewrites the
    /// identifier with the socket's own.
    static func request(family: AddressFamily, identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [
            ICMPType.echoRequest(family), 0, 0, 0,
            UInt8(identifier >> 8), UInt8(identifier & 0xff),
            UInt8(sequence >> 8), UInt8(sequence & 0xff),
        ]
        bytes += payload
        if family == .inet {
            let checksum = InternetChecksum.compute(bytes)
            bytes[2] = UInt8(checksum >> 8)
            bytes[3] = UInt8(checksum & 0xff)
        }
        return bytes
    }

    /// Identifier and sequence of an echo message of `type` at the start of `view`, or nil when
    /// it is another type or shorter than the 8-byte header.
    static func fields(of view: ByteView, type: UInt8) -> (identifier: UInt16, sequence: UInt16)? {
        guard view.uint8(at: 0) == type, let identifier = view.uint16(at: 4), let sequence = view.uint16(at: 6) else {
            return nil
        }
        return (identifier, sequence)
    }
}
