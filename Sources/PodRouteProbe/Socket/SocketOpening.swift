import PodRouteCore

/// Where probe sockets come from. The engine asks this instead of calling socket(2), so the
/// privilege decisions can be tested with refusals injected (`EPERM`, `EACCES`) and so every
/// socket is created in the right namespace.
protocol SocketOpening {
    /// Opens one socket per entry of `kinds`; each gets its own result so one refusal does not
    /// hide the others. Throws only when the namespace itself cannot be entered.
    func open(_ kinds: [SocketKind]) throws(ProbeError) -> [Result<ProbeSocket, ProbeErrno>]
}

/// The real opener: socket(2) on the caller's thread, or on a short-lived thread inside the
/// named namespace (`NamespaceThread`).
struct SystemSocketOpener: SocketOpening {
    var namespace: String?

    func open(_ kinds: [SocketKind]) throws(ProbeError) -> [Result<ProbeSocket, ProbeErrno>] {
        let descriptors = try NamespaceThread.run(in: namespace) { kinds.map { $0.open() } }
        return zip(kinds, descriptors).map { kind, result in
            result.map { ProbeSocket(adopting: $0, kind: kind) }
        }
    }
}
