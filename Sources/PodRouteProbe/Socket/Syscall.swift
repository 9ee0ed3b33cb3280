import Glibc

/// The one place where a system call's `-1`/`errno` becomes a typed result and where `EINTR` is
/// retried (as in PodRouteNetlink, after swift-system's `valueOrErrno`). `close` does not come
/// through here: on Linux it must not be retried.
@inline(__always)
func syscall<Value: FixedWidthInteger>(_ call: () -> Value) -> Result<Value, ProbeErrno> {
    while true {
        let value = call()
        if value != -1 { return .success(value) }
        let failure = ProbeErrno.current
        if failure != .EINTR { return .failure(failure) }
    }
}
