import Glibc

/// The one place where a system call's `-1`/`errno` becomes a typed result and where `EINTR` is
/// retried (after swift-system's `valueOrErrno`). Every call in this module goes through here,
/// except `close`, which must not be retried on Linux (the descriptor is gone either way).
@inline(__always)
func syscall<Result: FixedWidthInteger>(_ call: () -> Result) -> Swift.Result<Result, Errno> {
    while true {
        let value = call()
        if value != -1 { return .success(value) }
        let failure = Errno.current
        if failure != .EINTR { return .failure(failure) }
    }
}
