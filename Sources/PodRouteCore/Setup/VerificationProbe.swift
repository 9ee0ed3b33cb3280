import FoundationEssentials

/// The probe that lets the operator confirm a change on evidence: from the gateway to a pod IP,
/// before apply (expected to fail) and after (expected to answer).
public struct VerificationProbe: Hashable, Sendable {
    public enum Method: Hashable, Sendable {
        /// ICMP echo (ping).
        case icmp
        /// A TCP connect to a port the operator names: a SYN-ACK or a reset both prove the path.
        case tcp(port: UInt16)

        /// `icmp`, `tcp 8080`.
        public var name: String {
            switch self {
            case .icmp: "icmp"
            case .tcp(let port): "tcp \(port)"
            }
        }
    }

    public var target: IPAddress
    public var method: Method
    /// The `ip netns` name of the gateway it is sent from; nil: this host.
    public var namespace: String?

    public init(target: IPAddress, method: Method = .icmp, namespace: String? = nil) {
        self.target = target
        self.method = method
        self.namespace = namespace
    }

    /// `ping 10.21.69.212`, `tcp 10.21.69.212 port 8080`: short, so the banner keeps its keys at 120 columns.
    public var label: String {
        switch method {
        case .icmp: "ping \(target)"
        case .tcp(let port): "tcp \(target) port \(port)"
        }
    }

    /// Reads `ADDRESS [icmp | tcp PORT]`, or `icmp` / `tcp PORT` alone to keep `current`'s address.
    public static func parse(_ words: [String], current: VerificationProbe?) throws(VerificationParseError) -> VerificationProbe {
        var words = words[...]
        var target = current?.target
        if let first = words.first, let address = IPAddress(first) {
            target = address
            words = words.dropFirst()
        }
        var method = current?.method ?? .icmp
        switch (words.first, words.count) {
        case (nil, _): break
        case ("icmp"?, 1): method = .icmp
        case ("tcp"?, 2):
            guard let port = UInt16(words.last!), port > 0 else { throw .badPort(words.last!) }
            method = .tcp(port: port)
        default: throw .usage
        }
        guard let target else { throw .noAddress }
        return VerificationProbe(target: target, method: method, namespace: current?.namespace)
    }
}

public enum VerificationParseError: Error, Hashable, Sendable, CustomStringConvertible {
    case usage
    case noAddress
    case badPort(String)

    public var description: String {
        switch self {
        case .usage: "usage: probe POD-IP [icmp | tcp PORT]"
        case .noAddress: "probe what? give a pod IP: probe 10.21.69.212 [tcp 8080]"
        case .badPort(let text): "'\(Sanitizer.printable(text))' is not a TCP port (1 to 65535)"
        }
    }
}

/// What one verification probe found.
public enum VerificationOutcome: Hashable, Sendable {
    /// The pod answered (echo reply, SYN-ACK).
    case answered(roundTrip: Duration)
    /// TCP: the pod refused the port (a reset): the path works, nothing listens there.
    case refused(roundTrip: Duration)
    /// Sent, nothing came back in time.
    case noReply
    /// The gateway has no route there (the send failed with ENETUNREACH/EHOSTUNREACH).
    case noRoute
    /// A router answered "unreachable" (`!H`, `!N`, `!X`...).
    case unreachable(mark: String)
    /// The probe could not run (privileges, namespace): one sentence.
    case failed(String)

    /// The path reaches the pod.
    public var isOK: Bool {
        switch self {
        case .answered, .refused: true
        case .noReply, .noRoute, .unreachable, .failed: false
        }
    }

    /// `ok 0.4 ms`, `ok 0.6 ms (port closed)`, `no reply`, `no route`.
    public var text: String {
        switch self {
        case .answered(let time): "ok \(Self.milliseconds(time))"
        case .refused(let time): "ok \(Self.milliseconds(time)) (port closed: reset)"
        case .noReply: "no reply"
        case .noRoute: "no route"
        case .unreachable(let mark): "unreachable \(mark)"
        case .failed(let why): "cannot probe: \(Sanitizer.printable(why))"
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        let tenths = Int((ms * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }
}

/// The probe and what it found before and after the change: the banner's evidence.
public struct Verification: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        case before
        case after
    }

    public var probe: VerificationProbe
    public var before: VerificationOutcome?
    public var after: VerificationOutcome?
    /// A probe is on its way (its phase).
    public var running: Phase?
    /// When the last probe finished (the banner repeats it every few seconds).
    public var finishedAt: Date?

    public init(probe: VerificationProbe) {
        self.probe = probe
    }

    /// `ping 10.21.69.212: ok 0.4 ms (before: no route)`.
    public var text: String {
        let now: String = switch (after, running) {
        case (let after?, _): after.text
        case (nil, .after?): "probing…"
        case (nil, _): before.map { "before: \($0.text)" } ?? (running == .before ? "probing…" : "not run")
        }
        let was = after != nil || running == .after ? before.map { " (before: \($0.text))" } ?? "" : ""
        return "\(probe.label): \(now)\(was)"
    }

    /// Records a finished probe of `phase` (a result for another probe is stale: dropped).
    public mutating func record(_ outcome: VerificationOutcome, phase: Phase, for probe: VerificationProbe, at time: Date) {
        guard probe == self.probe else { return }
        switch phase {
        case .before: before = outcome
        case .after: after = outcome
        }
        if running == phase { running = nil }
        finishedAt = time
    }
}
