import Glibc

/// A C `errno` value from a probe socket call, with its C name for messages. Kept apart from
/// PodRouteNetlink's `Errno` so this module depends on PodRouteCore only (which, being pure,
/// cannot hold a type that calls strerror).
public struct ProbeErrno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The C name (`EPERM`), or `errno N` for values not in the table below.
    public var name: String { Self.names[rawValue] ?? "errno \(rawValue)" }

    /// The C library's text (`Operation not permitted`), first letter lowered for mid-sentence use.
    public var message: String {
        // glibc's strerror returns static strings for known values (thread-safe since 2.32).
        let text = String(cString: strerror(rawValue))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    public var description: String { name }

    /// The calling thread's current `errno`.
    static var current: ProbeErrno { ProbeErrno(rawValue: errno) }

    /// Failures that mean "not allowed" rather than "not possible": what socket(2) returns
    /// without CAP_NET_RAW (EPERM) or outside `net.ipv4.ping_group_range` (EACCES).
    public var isPermissionDenied: Bool { self == .EPERM || self == .EACCES }
}

extension ProbeErrno {
    public static let EPERM = ProbeErrno(rawValue: Glibc.EPERM)
    public static let ENOENT = ProbeErrno(rawValue: Glibc.ENOENT)
    public static let EINTR = ProbeErrno(rawValue: Glibc.EINTR)
    public static let EAGAIN = ProbeErrno(rawValue: Glibc.EAGAIN)
    public static let EACCES = ProbeErrno(rawValue: Glibc.EACCES)
    public static let EINVAL = ProbeErrno(rawValue: Glibc.EINVAL)
    public static let ENODEV = ProbeErrno(rawValue: Glibc.ENODEV)
    public static let EMSGSIZE = ProbeErrno(rawValue: Glibc.EMSGSIZE)
    public static let EPROTONOSUPPORT = ProbeErrno(rawValue: Glibc.EPROTONOSUPPORT)
    public static let EAFNOSUPPORT = ProbeErrno(rawValue: Glibc.EAFNOSUPPORT)
    public static let EADDRNOTAVAIL = ProbeErrno(rawValue: Glibc.EADDRNOTAVAIL)
    public static let ENETUNREACH = ProbeErrno(rawValue: Glibc.ENETUNREACH)
    public static let EHOSTUNREACH = ProbeErrno(rawValue: Glibc.EHOSTUNREACH)
    public static let ECONNREFUSED = ProbeErrno(rawValue: Glibc.ECONNREFUSED)
    public static let EINPROGRESS = ProbeErrno(rawValue: Glibc.EINPROGRESS)
    public static let EMFILE = ProbeErrno(rawValue: Glibc.EMFILE)

    /// Names for the values the probe calls produce; others print as `errno N`.
    /// Aliases (EWOULDBLOCK, ENOTSUP) are left out: duplicate keys would trap.
    private static let names: [Int32: String] = [
        Glibc.EPERM: "EPERM", Glibc.ENOENT: "ENOENT", Glibc.EINTR: "EINTR", Glibc.EBADF: "EBADF",
        Glibc.EAGAIN: "EAGAIN", Glibc.ENOMEM: "ENOMEM", Glibc.EACCES: "EACCES", Glibc.EFAULT: "EFAULT",
        Glibc.ENODEV: "ENODEV", Glibc.EINVAL: "EINVAL", Glibc.ENFILE: "ENFILE", Glibc.EMFILE: "EMFILE",
        Glibc.ENOSYS: "ENOSYS", Glibc.ENOTSOCK: "ENOTSOCK", Glibc.EMSGSIZE: "EMSGSIZE",
        Glibc.EPROTONOSUPPORT: "EPROTONOSUPPORT", Glibc.EOPNOTSUPP: "EOPNOTSUPP",
        Glibc.EAFNOSUPPORT: "EAFNOSUPPORT", Glibc.EADDRINUSE: "EADDRINUSE", Glibc.EADDRNOTAVAIL: "EADDRNOTAVAIL",
        Glibc.ENETDOWN: "ENETDOWN", Glibc.ENETUNREACH: "ENETUNREACH", Glibc.ENOBUFS: "ENOBUFS",
        Glibc.ECONNREFUSED: "ECONNREFUSED", Glibc.EHOSTUNREACH: "EHOSTUNREACH", Glibc.ETIMEDOUT: "ETIMEDOUT",
        Glibc.EALREADY: "EALREADY", Glibc.EINPROGRESS: "EINPROGRESS", Glibc.EPROTO: "EPROTO",
        Glibc.ENONET: "ENONET", Glibc.ECONNRESET: "ECONNRESET",
    ]
}
