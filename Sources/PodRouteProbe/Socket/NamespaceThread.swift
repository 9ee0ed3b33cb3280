import Glibc
import PodRouteErrno

/// Runs a job on a short-lived pthread that first enters a named network namespace (the
/// `ip netns` convention: a bind mount at /run/netns/NAME), then exits with it.
///
/// Sockets stay in the namespace they were created in, so probe sockets are opened here and used
/// from any thread afterwards. setns(2) changes only the calling thread, and this thread is
/// ours and dies after the job, so no other thread of the process ever switches namespace. The
/// same idea as PodRouteNetlink's `NamespaceEntry`, kept separate so this module depends on
/// PodRouteCore only.
enum NamespaceThread {
    /// Runs `job` in namespace `name`, or inline on the caller's thread when `name` is nil.
    static func run<Value>(in name: String?, _ job: () -> Value) throws(ProbeError) -> Value {
        guard let name else { return job() }
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.utf8.contains(0) else {
            throw ProbeError.invalidNamespaceName(name)
        }
        let namespaceFD: Int32
        switch syscall({ open("/run/netns/" + name, O_RDONLY | O_CLOEXEC) }) {
        case .success(let fd): namespaceFD = fd
        case .failure(let errno): throw ProbeError.cannotEnterNamespace(name, errno)
        }
        defer { _ = close(namespaceFD) }

        var value: Value?
        let outcome = withoutActuallyEscaping(job) { escapable -> Result<Void, ProbeError> in
            let context = Context(namespaceFD: namespaceFD) { value = escapable() }
            let started = withExtendedLifetime(context) {
                var thread = pthread_t()
                let status = pthread_create(&thread, nil, threadMain, Unmanaged.passUnretained(context).toOpaque())
                if status == 0 { pthread_join(thread, nil) }
                return status
            }
            // pthread_create returns the error number instead of setting errno.
            guard started == 0 else { return .failure(.system(.startThread, ProbeErrno(rawValue: started))) }
            if let errno = context.setnsFailure { return .failure(.cannotEnterNamespace(name, errno)) }
            return .success(())
        }
        try outcome.get()
        guard let value else { throw ProbeError.system(.startThread, .EINVAL) }
        return value
    }

    /// Shared by the caller and the thread; the caller reads it only after `pthread_join`.
    private final class Context {
        let namespaceFD: Int32
        let work: () -> Void
        var setnsFailure: ProbeErrno?

        init(namespaceFD: Int32, work: @escaping () -> Void) {
            self.namespaceFD = namespaceFD
            self.work = work
        }
    }

    /// The thread's body: a plain closure so it converts to a C function pointer.
    private static let threadMain: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
        guard let raw else { return nil }
        let context = Unmanaged<Context>.fromOpaque(raw).takeUnretainedValue()
        switch SetNamespace.enterNetwork(context.namespaceFD) {
        case .success: context.work()
        case .failure(let errno): context.setnsFailure = errno
        }
        return nil
    }
}
