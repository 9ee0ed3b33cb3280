import Glibc

/// An errno value with its C name (`EPERM`), as a system call returns it or the kernel reports it
/// in `NLMSG_ERROR`/`NLMSG_DONE` (negated there). Shared by the netlink and probe modules, which
/// both talk to the kernel through Glibc; PodRouteCore, being pure, holds no such type.
public struct Errno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The C name (`ENOENT`), or `errno N` for values not in the table below.
    public var name: String { Errno.names[rawValue] ?? "errno \(rawValue)" }

    /// The C library's text (`No such file or directory`).
    public var message: String {
        // glibc's strerror returns static strings for known values (thread-safe since 2.32).
        String(cString: strerror(rawValue))
    }

    /// The C library's text for the middle of a sentence (`no such file or directory`).
    public var messageInSentence: String {
        let text = message
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    public var description: String { name }

    /// The calling thread's current `errno`.
    public static var current: Errno { Errno(rawValue: errno) }

    /// Failures that mean "not allowed" rather than "not possible": what socket(2) returns
    /// without CAP_NET_RAW (EPERM) or outside `net.ipv4.ping_group_range` (EACCES).
    public var isPermissionDenied: Bool { self == .EPERM || self == .EACCES }
}

extension Errno {
    public static let EACCES = Errno(rawValue: Glibc.EACCES)
    public static let EADDRNOTAVAIL = Errno(rawValue: Glibc.EADDRNOTAVAIL)
    public static let EAFNOSUPPORT = Errno(rawValue: Glibc.EAFNOSUPPORT)
    public static let EAGAIN = Errno(rawValue: Glibc.EAGAIN)
    public static let EBADF = Errno(rawValue: Glibc.EBADF)
    public static let EBADMSG = Errno(rawValue: Glibc.EBADMSG)
    public static let EBUSY = Errno(rawValue: Glibc.EBUSY)
    public static let ECONNREFUSED = Errno(rawValue: Glibc.ECONNREFUSED)
    public static let EEXIST = Errno(rawValue: Glibc.EEXIST)
    public static let EHOSTUNREACH = Errno(rawValue: Glibc.EHOSTUNREACH)
    public static let EINPROGRESS = Errno(rawValue: Glibc.EINPROGRESS)
    public static let EINTR = Errno(rawValue: Glibc.EINTR)
    public static let EINVAL = Errno(rawValue: Glibc.EINVAL)
    public static let EMFILE = Errno(rawValue: Glibc.EMFILE)
    public static let EMSGSIZE = Errno(rawValue: Glibc.EMSGSIZE)
    public static let ENETUNREACH = Errno(rawValue: Glibc.ENETUNREACH)
    public static let ENOBUFS = Errno(rawValue: Glibc.ENOBUFS)
    public static let ENODATA = Errno(rawValue: Glibc.ENODATA)
    public static let ENODEV = Errno(rawValue: Glibc.ENODEV)
    public static let ENOENT = Errno(rawValue: Glibc.ENOENT)
    public static let ENOMEM = Errno(rawValue: Glibc.ENOMEM)
    public static let EOPNOTSUPP = Errno(rawValue: Glibc.EOPNOTSUPP)
    public static let EPERM = Errno(rawValue: Glibc.EPERM)
    public static let EPROTONOSUPPORT = Errno(rawValue: Glibc.EPROTONOSUPPORT)
    public static let ERANGE = Errno(rawValue: Glibc.ERANGE)
    public static let ESRCH = Errno(rawValue: Glibc.ESRCH)

    /// Names for the values netlink, the socket calls and the probes produce; others print as
    /// `errno N`. Aliases (EWOULDBLOCK, ENOTSUP) are left out: duplicate keys would trap.
    private static let names: [Int32: String] = [
        Glibc.EPERM: "EPERM", Glibc.ENOENT: "ENOENT", Glibc.ESRCH: "ESRCH", Glibc.EINTR: "EINTR", Glibc.EIO: "EIO",
        Glibc.ENXIO: "ENXIO", Glibc.E2BIG: "E2BIG", Glibc.EBADF: "EBADF", Glibc.EAGAIN: "EAGAIN",
        Glibc.ENOMEM: "ENOMEM", Glibc.EACCES: "EACCES", Glibc.EFAULT: "EFAULT", Glibc.EBUSY: "EBUSY",
        Glibc.EEXIST: "EEXIST", Glibc.EXDEV: "EXDEV", Glibc.ENODEV: "ENODEV", Glibc.ENOTDIR: "ENOTDIR",
        Glibc.EINVAL: "EINVAL", Glibc.ENFILE: "ENFILE", Glibc.EMFILE: "EMFILE", Glibc.ENOSPC: "ENOSPC",
        Glibc.EPIPE: "EPIPE", Glibc.ERANGE: "ERANGE", Glibc.ENAMETOOLONG: "ENAMETOOLONG", Glibc.ENOSYS: "ENOSYS",
        Glibc.ENOTEMPTY: "ENOTEMPTY", Glibc.ELOOP: "ELOOP", Glibc.ENODATA: "ENODATA", Glibc.EPROTO: "EPROTO",
        Glibc.EBADMSG: "EBADMSG", Glibc.EOVERFLOW: "EOVERFLOW", Glibc.ENOTSOCK: "ENOTSOCK",
        Glibc.EMSGSIZE: "EMSGSIZE", Glibc.EPROTONOSUPPORT: "EPROTONOSUPPORT", Glibc.EOPNOTSUPP: "EOPNOTSUPP",
        Glibc.EAFNOSUPPORT: "EAFNOSUPPORT", Glibc.EADDRINUSE: "EADDRINUSE", Glibc.EADDRNOTAVAIL: "EADDRNOTAVAIL",
        Glibc.ENETDOWN: "ENETDOWN", Glibc.ENETUNREACH: "ENETUNREACH", Glibc.ENOBUFS: "ENOBUFS",
        Glibc.ECONNREFUSED: "ECONNREFUSED", Glibc.EHOSTUNREACH: "EHOSTUNREACH", Glibc.ETIMEDOUT: "ETIMEDOUT",
        Glibc.EALREADY: "EALREADY", Glibc.EINPROGRESS: "EINPROGRESS", Glibc.ENONET: "ENONET",
        Glibc.ECONNRESET: "ECONNRESET",
    ]
}
