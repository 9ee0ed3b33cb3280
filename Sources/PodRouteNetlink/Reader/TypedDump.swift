extension RTNetlinkSocket {
    /// `dump(_:into:_:)` with a typed error: the accumulator throws only `NetlinkError`, and so does
    /// the socket, so nothing else can come out. Restarts after `NLM_F_DUMP_INTR` start again from
    /// `initial`, so the result comes from one consistent dump.
    mutating func collect<Partial>(
        _ request: NetlinkRequest,
        into initial: Partial,
        _ accumulate: (inout Partial, borrowing NetlinkMessage) throws(NetlinkError) -> Void
    ) throws(NetlinkError) -> Partial {
        do {
            return try dump(request, into: initial) { partial, message in try accumulate(&partial, message) }
        } catch let error as NetlinkError {
            throw error
        } catch {
            throw NetlinkError(.dump(request.type), .malformedReply("unexpected error \(error)"))
        }
    }

    /// Opens a socket in `namespace`, or in the caller's own namespace for nil.
    static func open(in namespace: String?) throws(NetlinkError) -> RTNetlinkSocket {
        if let namespace { try RTNetlinkSocket(namespace: namespace) } else { try RTNetlinkSocket() }
    }
}
