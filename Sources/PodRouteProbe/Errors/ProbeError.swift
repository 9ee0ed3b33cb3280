import PodRouteCore

/// Why a probe run could not start or go on. `description` is one sentence for an ops engineer,
/// shown where the probe columns would be; the state trace beside it runs regardless.
public enum ProbeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// ICMP echo was asked for, a raw socket was refused (no CAP_NET_RAW) and so was the
    /// unprivileged ICMP datagram socket (the group is outside `net.ipv4.ping_group_range`), or
    /// the caller limited the choice to one of them. The errnos are what socket(2) returned for
    /// each kind tried (nil: not tried).
    case needsRawSockets(raw: ProbeErrno?, datagram: ProbeErrno?)
    /// The name is not one `ip netns` makes (empty, `.`, `..`, containing `/` or NUL).
    case invalidNamespaceName(String)
    /// /run/netns/NAME could not be opened or entered (ENOENT: no such namespace; EPERM: entering
    /// needs CAP_SYS_ADMIN).
    case cannotEnterNamespace(String, ProbeErrno)
    /// A system call failed at `step`.
    case system(ProbeStep, ProbeErrno)
    /// Options that cannot work together, such as an IPv6 source for an IPv4 destination.
    case invalidOptions(String)

    /// The sentence the CLI and the TUI show for a missing CAP_NET_RAW.
    public static let rawSocketSentence =
        "ICMP probes need raw sockets (CAP_NET_RAW): run as root, give podroute cap_net_raw, admit your group in net.ipv4.ping_group_range, or probe with UDP or TCP, which need no privileges"

    /// The errno behind the error, when a system call produced one.
    public var errno: ProbeErrno? {
        switch self {
        case .needsRawSockets(let raw, let datagram): raw ?? datagram
        case .cannotEnterNamespace(_, let errno), .system(_, let errno): errno
        case .invalidNamespaceName: .EINVAL
        case .invalidOptions: nil
        }
    }

    /// True when more privileges (not a different network) would make the probe work.
    public var isPrivilegeProblem: Bool {
        switch self {
        case .needsRawSockets: true
        case .cannotEnterNamespace(_, let errno): errno.isPermissionDenied
        case .system(.openSocket, let errno), .system(.bindDevice, let errno): errno.isPermissionDenied
        default: false
        }
    }

    public var description: String {
        switch self {
        case .needsRawSockets:
            Self.rawSocketSentence
        case .invalidNamespaceName(let name):
            "cannot enter network namespace '\(name)': not a name as `ip netns list` shows them (empty, '.', '..' or containing '/')"
        case .cannotEnterNamespace(let name, let errno):
            "cannot enter network namespace '\(name)': \(Self.namespaceReason(errno)) (/run/netns/\(name): \(errno.name))"
        case .system(let step, let errno):
            "cannot \(step.action): \(step.explain(errno)) (\(step.call): \(errno.name))"
        case .invalidOptions(let detail):
            "cannot probe: \(detail)"
        }
    }

    private static func namespaceReason(_ errno: ProbeErrno) -> String {
        switch errno {
        case .ENOENT: "it does not exist"
        case .EPERM, .EACCES: "permission denied (entering a network namespace needs CAP_SYS_ADMIN)"
        default: errno.messageInSentence
        }
    }
}

/// What the probe engine was doing when a system call failed: the first half of the sentence.
public enum ProbeStep: Hashable, Sendable {
    /// socket(2) for the named kind (`UDP/IPv4`, `ICMP datagram/IPv6`...).
    case openSocket(String)
    /// setsockopt(2) for the named option (`IP_RECVERR`, `IP_TTL`...).
    case setOption(String)
    /// bind(2) to the `--src` address.
    case bindSource(IPAddress)
    /// `SO_BINDTODEVICE` to the output device.
    case bindDevice(String)
    /// sendto(2) or connect(2) of a probe.
    case send(IPAddress)
    /// recvmsg(2) or poll(2) while waiting for answers.
    case receive
    /// pthread_create for the thread that enters the namespace or runs an async probe.
    case startThread

    var action: String {
        switch self {
        case .openSocket(let kind): "open a \(kind) probe socket"
        case .setOption(let name): "set \(name) on a probe socket"
        case .bindSource(let address): "send probes from \(address)"
        case .bindDevice(let device): "send probes out of \(device)"
        case .send(let destination): "send probes to \(destination)"
        case .receive: "read probe answers"
        case .startThread: "start the probe thread"
        }
    }

    var call: String {
        switch self {
        case .openSocket: "socket"
        case .setOption(let name): "setsockopt \(name)"
        case .bindSource: "bind"
        case .bindDevice: "setsockopt SO_BINDTODEVICE"
        case .send: "sendto"
        case .receive: "recvmsg"
        case .startThread: "pthread_create"
        }
    }

    /// The errno in words, specialised where the C text would mislead.
    func explain(_ errno: ProbeErrno) -> String {
        switch (self, errno) {
        case (.bindSource, .EADDRNOTAVAIL): "it is not an address of this host"
        case (.bindDevice, .ENODEV): "there is no such device"
        case (.send, .ENETUNREACH), (.send, .EHOSTUNREACH): "this host has no route there"
        case (.openSocket, .EMFILE): "too many open files (raise `ulimit -n` or lower the probes in flight)"
        default: errno.messageInSentence
        }
    }
}
