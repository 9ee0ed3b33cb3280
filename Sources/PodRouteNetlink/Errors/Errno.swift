import PodRouteErrno

/// The errno type netlink errors carry (shared with the probe module).
public typealias Errno = PodRouteErrno.Errno
