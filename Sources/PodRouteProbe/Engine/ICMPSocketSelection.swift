import PodRouteCore

/// Picks the ICMP socket a run may open: the unprivileged datagram ("ping") socket first when
/// allowed, a raw socket next, and the one-sentence privilege error when neither is permitted.
enum ICMPSocketSelection {
    static func open(family: AddressFamily, choice: ICMPSocketChoice, opener: some SocketOpening)
        throws(ProbeError) -> ProbeSocket {
        let order: [SocketKind.Transport] = switch choice {
        case .preferUnprivileged: [.datagramICMP, .rawICMP]
        case .rawOnly: [.rawICMP]
        case .datagramOnly: [.datagramICMP]
        }
        var refusedRaw: ProbeErrno?
        var refusedDatagram: ProbeErrno?
        for transport in order {
            let kind = SocketKind(family: family, transport: transport)
            guard let result = try opener.open([kind]).first else { continue }
            switch result {
            case .success(let socket):
                return socket
            case .failure(let errno) where transport == .rawICMP && errno.isPermissionDenied:
                refusedRaw = errno
            case .failure(let errno) where transport == .datagramICMP && isUnavailableDatagram(errno):
                refusedDatagram = errno
            case .failure(let errno):
                throw ProbeError.system(.openSocket(kind.label), errno)
            }
        }
        throw ProbeError.needsRawSockets(raw: refusedRaw, datagram: refusedDatagram)
    }

    /// EACCES: the group is outside `net.ipv4.ping_group_range` (the default "1 0" allows nobody).
    /// EPROTONOSUPPORT, EAFNOSUPPORT: a kernel without ICMP datagram sockets. Either way a raw
    /// socket may still work.
    private static func isUnavailableDatagram(_ errno: ProbeErrno) -> Bool {
        errno.isPermissionDenied || errno == .EPROTONOSUPPORT || errno == .EAFNOSUPPORT
    }
}
