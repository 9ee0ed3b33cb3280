/// Dumps: the one loop that reads multi-part answers.
extension RTNetlinkSocket {
    /// How many times a dump is restarted after `NLM_F_DUMP_INTR` before giving up.
    public static let defaultDumpRestarts = 5

    /// Sends `request` with `NLM_F_REQUEST | NLM_F_DUMP` and calls `body` with every message of the
    /// answer until `NLMSG_DONE`. Messages are views into the receive buffer, valid only during `body`.
    ///
    /// **Restarts.** When the kernel flags a message with `NLM_F_DUMP_INTR` (the table changed while
    /// it was being dumped, so the answer is inconsistent), the dump is read to its end, `onRestart`
    /// is called, and the request is sent again, up to `maxRestarts` times; then it throws
    /// `.dumpInterrupted`. Everything `body` received before an `onRestart` must be discarded.
    /// Prefer `dump(_:into:_:)`, which does that for you.
    ///
    /// **Errors.** A refused dump (`NLMSG_ERROR`, or a negative error in `NLMSG_DONE`, how strict-check
    /// failures arrive) throws `NetlinkError` with the kernel's extended-ACK text. An error thrown by
    /// `body` stops delivery; the rest of the dump is read and dropped (so the socket stays usable),
    /// then that error is rethrown as is.
    public mutating func dump(
        _ request: NetlinkRequest,
        maxRestarts: Int = defaultDumpRestarts,
        onRestart: () throws -> Void,
        _ body: (borrowing NetlinkMessage) throws -> Void
    ) throws {
        var attempts = 0
        while true {
            attempts += 1
            if try dumpOnce(request, body) == .complete { return }
            guard attempts <= maxRestarts else {
                throw NetlinkError(.dump(request.type), .dumpInterrupted(attempts: attempts))
            }
            try onRestart()
        }
    }

    /// Dumps into an accumulator: each attempt starts from a fresh copy of `initial`, so a restart
    /// after `NLM_F_DUMP_INTR` is invisible; the result is from one consistent dump.
    ///
    ///     let names = try socket.dump(.linkDump(), into: [String]()) { names, message in
    ///         names.append(…)
    ///     }
    public mutating func dump<Partial>(
        _ request: NetlinkRequest,
        into initial: Partial,
        maxRestarts: Int = defaultDumpRestarts,
        _ accumulate: (inout Partial, borrowing NetlinkMessage) throws -> Void
    ) throws -> Partial {
        var partial = initial
        try dump(request, maxRestarts: maxRestarts, onRestart: { partial = initial }) { message in
            try accumulate(&partial, message)
        }
        return partial
    }

    private enum DumpOutcome { case complete, interrupted }

    /// One attempt: send, then read datagrams until `NLMSG_DONE` (or an `NLMSG_ERROR`) for our sequence.
    private mutating func dumpOnce(
        _ request: NetlinkRequest,
        _ body: (borrowing NetlinkMessage) throws -> Void
    ) throws -> DumpOutcome {
        let operation = NetlinkOperation.dump(request.type)
        let sequence = try send(request, adding: [.request, .dump], for: operation)
        var interrupted = false
        var bodyError: (any Error)?
        var finished: Result<Void, NetlinkError>?
        do {
            while finished == nil {
                guard let datagram = try receive(for: operation) else { continue }
                try NetlinkMessage.visit(datagram, for: operation) { message in
                    guard finished == nil, message.sequence == sequence else { return }
                    if message.flags.contains(.dumpInterrupted) { interrupted = true }
                    switch message.type {
                    case .done, .error:
                        finished = message.completion(for: operation)
                    case .noop:
                        return
                    default:
                        guard !interrupted, bodyError == nil else { return }
                        do { try body(message) } catch { bodyError = error }
                    }
                }
            }
        } catch {
            // A truncated or garbled datagram leaves the kernel mid-dump; a new request would get EBUSY.
            discardRestOfDump(sequence)
            throw error
        }
        if let bodyError { throw bodyError }
        try finished?.get()
        return interrupted ? .interrupted : .complete
    }

    /// Reads and drops what is left of dump `sequence`, without blocking: the kernel queues the next
    /// part of a dump during each `recvmsg`, so parts keep coming until `NLMSG_DONE`; `EAGAIN` or
    /// any error means there is nothing more to read. Best effort, errors are not reported.
    private mutating func discardRestOfDump(_ sequence: UInt32) {
        var done = false
        while !done {
            guard let datagram = try? receive(for: .dump(.done), wait: false, acceptTruncated: true) else { return }
            // A truncated datagram may end mid-message: the messages before the cut are still read.
            try? NetlinkMessage.visit(datagram, for: .dump(.done)) { message in
                if message.sequence == sequence, message.type == .done || message.type == .error { done = true }
            }
        }
    }
}

extension NetlinkMessage {
    /// For `NLMSG_DONE`/`NLMSG_ERROR`: success for 0, the kernel's error with its extended ACK otherwise.
    func completion(for operation: NetlinkOperation) -> Result<Void, NetlinkError> {
        guard let code = errorCode else {
            if type == .done { return .success(()) }  // old kernels may send an empty NLMSG_DONE
            return .failure(NetlinkError(operation, .malformedReply("NLMSG_ERROR of \(payload.count) bytes")))
        }
        if code == 0 { return .success(()) }
        // The kernel sends -errno.
        return .failure(NetlinkError(operation, .kernel(Errno(rawValue: Int32(clamping: code.magnitude)), extendedAck)))
    }
}
