import Glibc
import PodRouteErrno

/// setns(2), reached through the dynamic linker. glibc declares it only under `_GNU_SOURCE`, which
/// Swift's Glibc module is built without, and this module has no C shim of its own (PodRouteNetlink
/// declares it in CNetlink's header, a module this one does not depend on). The symbol has been in
/// glibc since 2.14 with this exact C signature.
enum SetNamespace {
    private typealias Function = @convention(c) (Int32, Int32) -> Int32

    /// `CLONE_NEWNET` from <linux/sched.h>: the namespace type for setns.
    static let cloneNewNet: Int32 = 0x4000_0000

    private static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "setns") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    /// setns(fd, CLONE_NEWNET): moves the calling thread (only) into the network namespace of `fd`.
    static func enterNetwork(_ fd: Int32) -> Result<Void, ProbeErrno> {
        guard let function else { return .failure(ProbeErrno(rawValue: ENOSYS)) }
        return syscall { function(fd, cloneNewNet) }.map { _ in }
    }
}
