/// Single-answer exchanges: changes acknowledged by the kernel, and queries with one reply.
extension RTNetlinkSocket {
    /// Sends a change with `NLM_F_REQUEST | NLM_F_ACK` (plus `request.flags`, e.g. `NLM_F_CREATE |
    /// NLM_F_EXCL` for `ip route add`, `NLM_F_CREATE | NLM_F_REPLACE` for `ip route replace`, none for
    /// `ip route del`) and waits for the kernel's ACK. Returns on success; throws the kernel's errno
    /// and extended-ACK text (e.g. "Nexthop device is not up") otherwise.
    public mutating func execute(_ request: NetlinkRequest) throws(NetlinkError) {
        let operation = NetlinkOperation.request(request.type)
        let sequence = try send(request, adding: [.request, .ack], for: operation)
        var finished: Result<Void, NetlinkError>?
        while finished == nil {
            guard let datagram = try receive(for: operation) else { continue }
            try NetlinkMessage.visit(datagram, for: operation) { message in
                // Anything else with our sequence (an NLM_F_ECHO copy) comes before the ACK.
                guard finished == nil, message.sequence == sequence, message.type == .error else { return }
                finished = message.completion(for: operation)
            }
        }
        try finished?.get()
    }

    /// Sends `request` with `NLM_F_REQUEST` only and returns a copy of the one message that answers
    /// it; `RTM_GETROUTE` with a destination is `ip route get`. Throws the kernel's error (e.g.
    /// `ENETUNREACH`, "Network is unreachable") when it answers with `NLMSG_ERROR`.
    public mutating func query(_ request: NetlinkRequest) throws(NetlinkError) -> NetlinkReply {
        let operation = NetlinkOperation.query(request.type)
        let sequence = try send(request, adding: [.request], for: operation)
        var answer: Result<NetlinkReply, NetlinkError>?
        while answer == nil {
            guard let datagram = try receive(for: operation) else { continue }
            try NetlinkMessage.visit(datagram, for: operation) { message in
                guard answer == nil, message.sequence == sequence else { return }
                switch message.type {
                case .noop:
                    return
                case .error, .done:
                    let type = message.type
                    answer = message.completion(for: operation).flatMap {
                        .failure(NetlinkError(operation, .malformedReply("\(type) without an answer")))
                    }
                default:
                    answer = .success(NetlinkReply(copying: message))
                }
            }
        }
        guard let answer else { throw NetlinkError(operation, .endOfStream) }
        return try answer.get()
    }
}
