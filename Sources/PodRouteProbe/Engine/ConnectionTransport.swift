import Glibc
import PodRouteCore
import PodRouteErrno

/// UDP or TCP probes, one socket per probe, ICMP errors read from each socket's error queue
/// (`IP_RECVERR`). The kernel matches an ICMP error to the socket whose packet it quotes, so the
/// socket itself says which probe was answered, and no privilege is needed.
///
/// UDP: a datagram to the port; time exceeded from routers, port unreachable (or a UDP reply)
/// from the destination. TCP: a non-blocking connect, so the kernel sends the SYN with the TTL
/// set; the SYN-ACK completes it (open), a reset refuses it (closed), ICMP errors abort it and
/// land on the error queue.
final class ConnectionTransport: ProbeTransport {
    enum Flavour { case udp(firstPort: UInt16, rising: Bool), tcp(port: UInt16) }

    let mechanism: ProbeMechanism
    let method: ProbeMethod

    private let proto: Flavour
    private let destination: IPAddress
    private let options: ProbeOptions
    private let opener: any SocketOpening
    /// Opened ahead, in batches: each batch is one trip into the namespace, not one per probe.
    private var spare: [ProbeSocket] = []
    private var inFlight: [Int: ProbeSocket] = [:]
    /// In flight but finished without an answer (an error that names no sender): no longer
    /// polled, so a socket stuck in a ready state cannot spin the loop; it times out as lost.
    private var exhausted: Set<Int> = []
    /// Answers the local stack gave while sending (a connect refused at once), for the next receive.
    private var immediate: [TransportAnswer] = []
    private var buffer = [UInt8](repeating: 0, count: 2048)
    private static let payload = Array("podroute probe".utf8)

    init(protocol proto: Flavour, destination: IPAddress, options: ProbeOptions, opener: any SocketOpening) {
        self.proto = proto
        self.destination = destination
        self.options = options
        self.opener = opener
        switch proto {
        case .udp(let port, let rising):
            mechanism = .udpErrorQueue
            method = .udp(port: port, rising: rising)
        case .tcp(let port):
            mechanism = .tcpConnect
            method = .tcp(port: port)
        }
    }

    private var kind: SocketKind {
        switch proto {
        case .udp: SocketKind(family: destination.family, transport: .udp)
        case .tcp: SocketKind(family: destination.family, transport: .tcp)
        }
    }

    /// A fresh socket configured for `hop`: error queue on, TTL, device and source as asked.
    private func socket(forHop hop: Int) throws(ProbeError) -> ProbeSocket {
        if spare.isEmpty {
            for result in try opener.open(Array(repeating: kind, count: options.maxInFlight)) {
                switch result {
                case .success(let socket): spare.append(socket)
                case .failure(let errno): throw ProbeError.system(.openSocket(kind.label), errno)
                }
            }
        }
        let socket = spare.removeLast()
        try socket.receiveErrors()
        try socket.setHopLimit(hop)
        if let device = options.device { try socket.bind(toDevice: device) }
        if let source = options.source { try socket.bind(toSource: source) }
        return socket
    }

    func send(_ ticket: ProbeTicket) throws(ProbeError) {
        let socket = try socket(forHop: ticket.hop)
        switch proto {
        case .udp(let firstPort, let rising):
            let port = rising ? firstPort &+ UInt16(truncatingIfNeeded: ticket.index) : firstPort
            if case .failure(let errno) = socket.send(Self.payload, to: SocketAddress(destination, port: port)) {
                throw ProbeError.system(.send(destination), errno)
            }
        case .tcp(let port):
            switch socket.startConnect(to: SocketAddress(destination, port: port)) {
            case .success:
                break
            case .failure(.ECONNREFUSED):
                immediate.append(TransportAnswer(index: ticket.index, from: destination, kind: .tcpReset, receivedAt: .now))
            case .failure(let errno):
                throw ProbeError.system(.send(destination), errno)
            }
        }
        inFlight[ticket.index] = socket
    }

    func finish(_ index: Int) {
        inFlight[index] = nil
        exhausted.remove(index)
    }

    func receive(until deadline: ContinuousClock.Instant) throws(ProbeError) -> [TransportAnswer] {
        if !immediate.isEmpty {
            defer { immediate.removeAll() }
            return immediate
        }
        let probes = inFlight.filter { !exhausted.contains($0.key) }.sorted { $0.key < $1.key }
        guard !probes.isEmpty else {
            // Nothing to wait on: sleep until the deadline so the caller's pacing still holds.
            _ = poll(nil, 0, deadline.pollTimeout(now: .now))
            return []
        }
        let wanted = Int16(POLLIN) | (isTCP ? Int16(POLLOUT) : 0)
        var descriptors = probes.map { pollfd(fd: $0.value.fd, events: wanted, revents: 0) }
        let timeout = deadline.pollTimeout(now: .now)
        if case .failure(let errno) = syscall({ poll(&descriptors, nfds_t(descriptors.count), timeout) }) {
            throw ProbeError.system(.receive, errno)
        }
        var answers: [TransportAnswer] = []
        for (probe, descriptor) in zip(probes, descriptors) where descriptor.revents != 0 {
            switch try outcome(of: probe.value, events: descriptor.revents) {
            case .answered(let from, let kind):
                answers.append(TransportAnswer(index: probe.key, from: from, kind: kind, receivedAt: .now))
            case .exhausted:
                exhausted.insert(probe.key)
            case .waiting:
                break
            }
        }
        return answers
    }

    private var isTCP: Bool {
        if case .tcp = proto { true } else { false }
    }

    private enum Outcome {
        case answered(IPAddress, ProbeAnswerKind)
        /// The socket is done but named nobody: stop polling it.
        case exhausted
        /// Nothing yet (a spurious wake-up, a stale error skipped).
        case waiting
    }

    /// What a ready socket says: an ICMP error from its error queue first; then, for TCP, the
    /// connect's outcome; for UDP, a datagram back from the destination.
    private func outcome(of socket: ProbeSocket, events: Int16) throws(ProbeError) -> Outcome {
        var fromQueue: (from: IPAddress, kind: ProbeAnswerKind)?
        try socket.drain(errorQueue: true, buffer: &buffer) { received in
            guard fromQueue == nil,
                  let error = received.control.lazy.compactMap({ ExtendedError.parse($0.data) }).first,
                  let kind = error.answerKind, let from = error.offender else { return }
            fromQueue = (from, kind)
        }
        if let fromQueue { return .answered(fromQueue.from, fromQueue.kind) }
        switch proto {
        case .tcp:
            // A reset sets ECONNREFUSED without an error-queue entry; a SYN-ACK leaves no error
            // and makes the socket writable. Any other error ends the attempt without a sender.
            if let pending = socket.takePendingError() {
                return pending == .ECONNREFUSED ? .answered(destination, .tcpReset) : .exhausted
            }
            if events & Int16(POLLOUT) != 0 { return .answered(destination, .tcpSynAck) }
            return events & Int16(POLLHUP) != 0 ? .exhausted : .waiting
        case .udp:
            var reply: IPAddress?
            try socket.drain(errorQueue: false, buffer: &buffer) { received in
                if reply == nil { reply = received.sender?.address }
            }
            return reply.map { .answered($0, .udpReply) } ?? .waiting
        }
    }
}
