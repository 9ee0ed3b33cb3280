import PodRouteCore

/// One probe the run asks a transport to send.
struct ProbeTicket: Hashable {
    /// Position in send order: the key answers are reported under.
    var index: Int
    var hop: Int
    var round: Int
}

/// An answer a transport matched to the probe that caused it.
struct TransportAnswer: Hashable {
    var index: Int
    var from: IPAddress
    var kind: ProbeAnswerKind
    /// When it was read, to compute the round trip against the send time.
    var receivedAt: ContinuousClock.Instant
}

/// Sends probes of one method and matches what comes back to them. Used by one thread only.
protocol ProbeTransport: AnyObject {
    var mechanism: ProbeMechanism { get }
    /// The method as it ran (`.udp(port:rising:)` with the port used...).
    var method: ProbeMethod { get }
    /// Sends probe `ticket` with TTL `ticket.hop`. Answers that the local stack already knows
    /// (a TCP connect refused at once) come back from the next `receive`.
    func send(_ ticket: ProbeTicket) throws(ProbeError)
    /// Waits until `deadline` at most for answers and returns those read (possibly none).
    func receive(until deadline: ContinuousClock.Instant) throws(ProbeError) -> [TransportAnswer]
    /// The probe was answered, timed out or is no longer wanted: forget it, release its socket.
    func finish(_ index: Int)
}

extension ContinuousClock.Instant {
    /// Milliseconds from now until `self` for poll(2): rounded up, so a wait never ends before
    /// the deadline; 0 when it has passed; at most about 24 days.
    func pollTimeout(now: ContinuousClock.Instant) -> Int32 {
        guard self > now else { return 0 }
        let milliseconds = (now.duration(to: self)).milliseconds.rounded(.up)
        return Int32(min(milliseconds, Double(Int32.max)))
    }
}
