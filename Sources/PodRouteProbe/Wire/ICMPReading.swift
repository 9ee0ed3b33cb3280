import PodRouteCore

/// What one received ICMP or ICMPv6 message says, as far as probes care. Built only by
/// `ICMPReading.parse`, which returns nil for anything short, garbled or unrelated.
enum ICMPReading: Equatable {
    /// An echo reply with its identifier and sequence number.
    case echoReply(identifier: UInt16, sequence: UInt16)
    /// Time exceeded or destination unreachable, quoting the packet that caused it.
    case error(ProbeAnswerKind, quoted: QuotedPacket)

    /// Parses an ICMP (`family == .inet`) or ICMPv6 message starting at its type byte. The 8-byte
    /// header of an error is followed by the start of the offending packet (RFC 792, RFC 4443).
    static func parse(_ message: ByteView, family: AddressFamily) -> ICMPReading? {
        guard let type = message.uint8(at: 0), let code = message.uint8(at: 1) else { return nil }
        if let echo = EchoMessage.fields(of: message, type: ICMPType.echoReply(family)) {
            return .echoReply(identifier: echo.identifier, sequence: echo.sequence)
        }
        guard let kind = ICMPType.errorKind(family: family, type: type, code: code),
              let inner = message.suffix(from: 8),
              let quoted = QuotedPacket.parse(inner, family: family) else { return nil }
        return .error(kind, quoted: quoted)
    }

    /// Splits an IPv4 datagram as a raw `IPPROTO_ICMP` socket returns it (header included) into
    /// its source and ICMP message; nil unless it is a well-formed IPv4 datagram carrying ICMP.
    static func splitIPv4Datagram(_ datagram: ByteView) -> (source: IPAddress, message: ByteView)? {
        guard let header = IPv4Header.parse(datagram), header.protocolNumber == IPProtocolNumber.icmp,
              let source = header.source,
              let message = datagram.slice(at: header.headerLength, length: header.payloadLength(in: datagram)) else {
            return nil
        }
        return (source, ByteView(message))
    }
}

/// The start of the packet an ICMP error quotes: whose it was (destination, protocol) and the
/// transport header bytes that identify the probe.
struct QuotedPacket: Equatable {
    var destination: IPAddress
    var protocolNumber: UInt8
    /// The quoted transport header and whatever followed it (at least 8 bytes on a conforming router).
    var transport: ArraySlice<UInt8>

    static func parse(_ view: ByteView, family: AddressFamily) -> QuotedPacket? {
        switch family {
        case .inet:
            guard let header = IPv4Header.parse(view), let destination = header.destination,
                  let transport = view.suffix(from: header.headerLength) else { return nil }
            return QuotedPacket(destination: destination, protocolNumber: header.protocolNumber, transport: transport.bytes)
        case .inet6:
            // Extension headers are not followed: probes never carry them.
            guard view.uint8(at: 0).map({ $0 >> 4 }) == 6, let next = view.uint8(at: 6),
                  let destinationBytes = view.slice(at: 24, length: 16),
                  let destination = IPAddress(networkBytes: destinationBytes),
                  let transport = view.suffix(from: 40) else { return nil }
            return QuotedPacket(destination: destination, protocolNumber: next, transport: transport.bytes)
        }
    }

    /// Identifier and sequence when the quoted packet is an echo request of `family`'s ICMP.
    func echoRequest(family: AddressFamily) -> (identifier: UInt16, sequence: UInt16)? {
        guard protocolNumber == IPProtocolNumber.icmp(family) else { return nil }
        return EchoMessage.fields(of: ByteView(transport), type: ICMPType.echoRequest(family))
    }
}

/// The IPv4 header fields the parsers need, validated against the bytes actually present.
struct IPv4Header: Equatable {
    var headerLength: Int
    var totalLength: Int
    var protocolNumber: UInt8
    var source: IPAddress?
    var destination: IPAddress?

    static func parse(_ view: ByteView) -> IPv4Header? {
        guard let first = view.uint8(at: 0), first >> 4 == 4 else { return nil }
        let headerLength = Int(first & 0x0f) * 4
        guard headerLength >= 20, headerLength <= view.count,
              let totalLength = view.uint16(at: 2), let protocolNumber = view.uint8(at: 9),
              let source = view.slice(at: 12, length: 4), let destination = view.slice(at: 16, length: 4) else {
            return nil
        }
        return IPv4Header(headerLength: headerLength, totalLength: Int(totalLength), protocolNumber: protocolNumber,
                          source: IPAddress(networkBytes: source), destination: IPAddress(networkBytes: destination))
    }

    /// The payload length: the header's total length when it fits the bytes received, else what
    /// was received (a quoted packet is cut short on purpose; its total length is the original's).
    func payloadLength(in view: ByteView) -> Int {
        let available = view.count - headerLength
        return totalLength >= headerLength ? min(totalLength - headerLength, available) : available
    }
}
