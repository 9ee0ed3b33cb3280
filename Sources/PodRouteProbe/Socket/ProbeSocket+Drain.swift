extension ProbeSocket {
    /// Reads every datagram queued now (receive queue, or error queue) and hands each to `handle`.
    ///
    /// A read can fail once with an error left by an earlier ICMP message (the kernel reports a
    /// pending socket error on the next call and clears it); that failure is skipped. Two in a
    /// row are real: thrown for the receive queue, and for the error queue the drain just stops.
    func drain(errorQueue: Bool, buffer: inout [UInt8], _ handle: (Received) -> Void) throws(ProbeError) {
        var failuresInARow = 0
        while true {
            switch receive(into: &buffer, errorQueue: errorQueue) {
            case .success(nil):
                return
            case .success(let received?):
                failuresInARow = 0
                handle(received)
            case .failure(let errno):
                failuresInARow += 1
                if failuresInARow < 2 { continue }
                if errorQueue { return }
                throw ProbeError.system(.receive, errno)
            }
        }
    }
}
