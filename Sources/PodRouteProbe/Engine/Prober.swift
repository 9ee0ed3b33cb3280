import PodRouteCore

/// Sends mtr-style probes toward a destination from this host (or from inside a named network
/// namespace) and reports, hop by hop, who answered, the loss and the round trips.
///
///     let prober = Prober(destination: .v4(IPv4Address(10, 21, 69, 212)), method: .tcp(port: 443))
///     let result = try prober.run()
///     for hop in result.hops { print(hop.hop, hop.responders, hop.lossPercent, hop.roundTrips?.average) }
///
/// ICMP echo needs a raw socket (CAP_NET_RAW) unless `net.ipv4.ping_group_range` admits the
/// process's group; UDP and TCP never need privileges (errors come from the socket's error queue).
/// A run blocks its thread for seconds: call `run()` off the main thread, or use the async form.
public struct Prober: Sendable {
    public var destination: IPAddress
    public var method: ProbeMethod
    public var options: ProbeOptions
    /// An `ip netns` name (/run/netns/NAME) to probe from, nil for this process's namespace.
    /// Entering one needs CAP_SYS_ADMIN.
    public var namespace: String?

    public init(destination: IPAddress, method: ProbeMethod = .automatic, options: ProbeOptions = ProbeOptions(),
                namespace: String? = nil) {
        self.destination = destination
        self.method = method
        self.options = options
        self.namespace = namespace
    }

    /// Runs the probes on the calling thread and returns when they are done or `isCancelled`
    /// says so (checked at least every 100 ms; the result then holds what was measured, with
    /// stop `.cancelled`). `progress` gets a snapshot (stop `.inProgress`) whenever a probe settles.
    public func run(progress: ((ProbeResult) -> Void)? = nil, isCancelled: () -> Bool = { false })
        throws(ProbeError) -> ProbeResult {
        try run(opener: SystemSocketOpener(namespace: namespace), progress: progress, isCancelled: isCancelled)
    }

    /// Runs the probes on a dedicated thread (they block in poll(2), which must not happen on
    /// the shared cooperative pool). Cancelling the task ends the run early with stop `.cancelled`.
    public func run(progress: (@Sendable (ProbeResult) -> Void)? = nil) async throws(ProbeError) -> ProbeResult {
        let flag = CancellationFlag()
        let outcome: Result<ProbeResult, ProbeError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let status = DetachedThread.start {
                    let result = Result { () throws(ProbeError) -> ProbeResult in
                        try self.run(progress: progress, isCancelled: { flag.isSet })
                    }
                    continuation.resume(returning: result)
                }
                if status != 0 {
                    continuation.resume(returning: .failure(.system(.startThread, ProbeErrno(rawValue: status))))
                }
            }
        } onCancel: {
            flag.set()
        }
        return try outcome.get()
    }

    /// The run with its socket source injected: the tests refuse sockets through it.
    func run(opener: some SocketOpening, progress: ((ProbeResult) -> Void)? = nil,
             isCancelled: () -> Bool = { false }) throws(ProbeError) -> ProbeResult {
        if let problem = options.problem(for: destination) { throw ProbeError.invalidOptions(problem) }
        let chosen = try ProbeSetup.transport(for: method, destination: destination, options: options, opener: opener)
        let transport = chosen.transport
        let run = ProbeRun(destination: destination, options: options, transport: transport) { [self] hops, stop in
            ProbeResult(destination: destination, method: transport.method, mechanism: transport.mechanism,
                        fallback: chosen.fallback, namespace: namespace, hops: hops, stop: stop)
        }
        return try run.run(progress: progress, isCancelled: isCancelled)
    }
}
