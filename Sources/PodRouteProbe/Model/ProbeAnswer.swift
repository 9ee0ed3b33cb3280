import PodRouteCore

/// One answer to one probe: who sent it, what it was, and how long it took.
public struct ProbeAnswer: Hashable, Sendable {
    /// The address the answer came from (the ICMP error's source, or the destination itself).
    public var from: IPAddress
    public var kind: ProbeAnswerKind
    /// From just before the probe was sent to just after the answer was read.
    public var roundTrip: Duration

    public init(from: IPAddress, kind: ProbeAnswerKind, roundTrip: Duration) {
        self.from = from
        self.kind = kind
        self.roundTrip = roundTrip
    }
}

/// What answered a probe. Unknown ICMP types never get here: the parsers ignore them.
public enum ProbeAnswerKind: Hashable, Sendable {
    /// ICMP time exceeded (TTL / hop limit ran out at a router): an intermediate hop.
    case timeExceeded
    /// ICMP destination unreachable, with the reason (port unreachable from the destination is
    /// how UDP probes know they arrived).
    case unreachable(UnreachableReason)
    /// ICMP echo reply from the destination.
    case echoReply
    /// A UDP datagram back from the destination (something listens on the probed port).
    case udpReply
    /// SYN-ACK: the destination accepted the TCP connection (port open).
    case tcpSynAck
    /// Reset: the destination refused the TCP connection (port closed); it still arrived.
    case tcpReset

    /// True when only the destination's own stack sends this, so the probe arrived there.
    /// Port and protocol unreachable count only when they come from the destination (see
    /// `ProbeAnswer.reaches(_:)`).
    var isFromDestinationStack: Bool {
        switch self {
        case .echoReply, .udpReply, .tcpSynAck, .tcpReset: true
        case .timeExceeded, .unreachable: false
        }
    }

    /// mtr's and traceroute's annotation: `!H`, `!N`, `!X`...; empty for ordinary answers.
    public var mark: String {
        if case .unreachable(let reason) = self { reason.mark } else { "" }
    }
}

extension ProbeAnswer {
    /// True when this answer proves the probe reached `destination`.
    public func reaches(_ destination: IPAddress) -> Bool {
        if kind.isFromDestinationStack { return true }
        if case .unreachable(let reason) = kind, reason == .port || reason == .protocolUnreachable {
            return from == destination
        }
        return false
    }

    /// True when no probe with a higher TTL can get further: the destination answered, or a
    /// router said it cannot deliver (host, network, prohibited...).
    public func endsPath(to destination: IPAddress) -> Bool {
        if reaches(destination) { return true }
        if case .unreachable = kind { return true }
        return false
    }
}

/// Why a host said "destination unreachable", for both ICMPv4 (type 3) and ICMPv6 (type 1).
public enum UnreachableReason: Hashable, Sendable {
    /// v4 code 0 (net unreachable) or v6 code 0 (no route to destination).
    case network
    /// v4 code 1 (host unreachable) or v6 code 3 (address unreachable: no neighbour answered).
    case host
    /// v4 code 2: the destination does not speak the protocol.
    case protocolUnreachable
    /// v4 code 3 or v6 code 4: nothing listens on the UDP port (the usual end of a UDP trace).
    case port
    /// v4 code 4: the packet needs fragmenting but has DF set.
    case fragmentationNeeded
    /// v4 codes 9, 10, 13 or v6 codes 1, 5, 6: a filter or reject route refused it.
    case prohibited
    /// Any other code, kept with its family so nothing is lost.
    case other(family: AddressFamily, code: UInt8)

    /// Maps a destination-unreachable code of `family`'s ICMP.
    public init(family: AddressFamily, code: UInt8) {
        switch (family, code) {
        case (.inet, 0), (.inet, 6), (.inet6, 0): self = .network
        case (.inet, 1), (.inet, 7), (.inet6, 3): self = .host
        case (.inet, 2): self = .protocolUnreachable
        case (.inet, 3), (.inet6, 4): self = .port
        case (.inet, 4): self = .fragmentationNeeded
        case (.inet, 9), (.inet, 10), (.inet, 13), (.inet6, 1), (.inet6, 5), (.inet6, 6): self = .prohibited
        default: self = .other(family: family, code: code)
        }
    }

    /// traceroute's annotations (`!N`, `!H`, `!P`, `!F`, `!X`, `!<code>`); port unreachable has none.
    public var mark: String {
        switch self {
        case .network: "!N"
        case .host: "!H"
        case .protocolUnreachable: "!P"
        case .port: ""
        case .fragmentationNeeded: "!F"
        case .prohibited: "!X"
        case .other(_, let code): "!\(code)"
        }
    }
}
