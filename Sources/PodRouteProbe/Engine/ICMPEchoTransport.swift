import Glibc
import PodRouteCore
import PodRouteErrno

/// ICMP echo probes over one socket, raw or datagram, matched by sequence number.
///
/// Raw sockets see every ICMP message of the namespace: replies count only with this run's
/// identifier, errors only when they quote an echo request of this run to this destination.
/// Datagram ("ping") sockets get only their own traffic (the kernel demultiplexes by the
/// identifier it assigns), errors on the error queue with the quoted echo header as payload.
final class ICMPEchoTransport: ProbeTransport {
    let mechanism: ProbeMechanism
    var method: ProbeMethod { .icmpEcho }

    private let socket: ProbeSocket
    private let destination: SocketAddress
    private let family: AddressFamily
    /// The echo identifier of this run (raw sockets; a datagram socket's kernel picks its own).
    private let identifier: UInt16
    private let firstSequence: UInt16
    private var outstanding: [UInt16: Int] = [:]
    private var buffer = [UInt8](repeating: 0, count: 2048)
    /// 32 bytes after the header, as a small recognisable payload ("podroute" repeated).
    private static let payload = Array(String(repeating: "podroute", count: 4).utf8)

    init(socket: ProbeSocket, destination: IPAddress, options: ProbeOptions, identifier: UInt16,
         firstSequence: UInt16) throws(ProbeError) {
        self.socket = socket
        self.destination = SocketAddress(destination)
        family = destination.family
        mechanism = socket.kind.transport == .rawICMP ? .rawICMP : .datagramICMP
        self.identifier = identifier
        self.firstSequence = firstSequence
        if mechanism == .datagramICMP { try socket.receiveErrors() }
        if let device = options.device { try socket.bind(toDevice: device) }
        if let source = options.source { try socket.bind(toSource: source) }
    }

    private func sequence(of index: Int) -> UInt16 { firstSequence &+ UInt16(truncatingIfNeeded: index) }

    func send(_ ticket: ProbeTicket) throws(ProbeError) {
        let sequence = sequence(of: ticket.index)
        try socket.setHopLimit(ticket.hop)
        let message = EchoMessage.request(family: family, identifier: identifier, sequence: sequence, payload: Self.payload)
        outstanding[sequence] = ticket.index
        // An ICMP error for an earlier probe can leave a pending socket error that fails the next
        // send once (sock_error); a second failure is real.
        if case .failure = socket.send(message, to: destination),
           case .failure(let errno) = socket.send(message, to: destination) {
            outstanding[sequence] = nil
            throw ProbeError.system(.send(destination.address), errno)
        }
    }

    func finish(_ index: Int) {
        outstanding[sequence(of: index)] = nil
    }

    func receive(until deadline: ContinuousClock.Instant) throws(ProbeError) -> [TransportAnswer] {
        var descriptor = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
        let timeout = deadline.pollTimeout(now: .now)
        if case .failure(let errno) = syscall({ poll(&descriptor, 1, timeout) }) {
            throw ProbeError.system(.receive, errno)
        }
        guard descriptor.revents != 0 else { return [] }
        var answers: [TransportAnswer] = []
        for errorQueue in [false, true] {
            try socket.drain(errorQueue: errorQueue, buffer: &buffer) { received in
                let at = ContinuousClock.now
                let match = errorQueue ? matchError(received) : matchMessage(received)
                if let match, let index = outstanding[match.sequence] {
                    answers.append(TransportAnswer(index: index, from: match.from, kind: match.kind, receivedAt: at))
                }
            }
        }
        return answers
    }

    private typealias Match = (sequence: UInt16, from: IPAddress, kind: ProbeAnswerKind)

    /// A message from the receive queue: a whole IPv4 datagram on a raw IPv4 socket, the bare
    /// ICMPv6 or ICMP message otherwise.
    private func matchMessage(_ received: ProbeSocket.Received) -> Match? {
        let source: IPAddress
        let message: ByteView
        if mechanism == .rawICMP, family == .inet {
            guard let split = ICMPReading.splitIPv4Datagram(ByteView(received.bytes)) else { return nil }
            (source, message) = split
        } else {
            guard let sender = received.sender?.address else { return nil }
            (source, message) = (sender, ByteView(received.bytes))
        }
        switch ICMPReading.parse(message, family: family) {
        case .echoReply(let identifier, let sequence)?:
            guard mechanism == .datagramICMP || identifier == self.identifier else { return nil }
            return (sequence, source, .echoReply)
        case .error(let kind, let quoted)?:
            guard quoted.destination == destination.address, let echo = quoted.echoRequest(family: family),
                  mechanism == .datagramICMP || echo.identifier == identifier else { return nil }
            return (echo.sequence, source, kind)
        case nil:
            return nil
        }
    }

    /// An entry of a datagram socket's error queue: `sock_extended_err` names the ICMP error and
    /// its sender; the payload is the echo request header it quoted.
    private func matchError(_ received: ProbeSocket.Received) -> Match? {
        guard let error = received.control.lazy.compactMap({ ExtendedError.parse($0.data) }).first,
              let kind = error.answerKind, let from = error.offender,
              let echo = EchoMessage.fields(of: ByteView(received.bytes), type: ICMPType.echoRequest(family)) else {
            return nil
        }
        return (echo.sequence, from, kind)
    }
}
