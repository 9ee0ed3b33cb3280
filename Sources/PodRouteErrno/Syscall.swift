/// The one place where a system call's `-1`/`errno` becomes a typed result and where `EINTR` is
/// retried (after swift-system's `valueOrErrno`), for netlink and probe sockets alike. `close`
/// does not come through here: on Linux it must not be retried.
@inline(__always)
public func syscall<Value: FixedWidthInteger>(_ call: () -> Value) -> Result<Value, Errno> {
    while true {
        let value = call()
        if value != -1 { return .success(value) }
        let failure = Errno.current
        if failure != .EINTR { return .failure(failure) }
    }
}
