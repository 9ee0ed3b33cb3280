import CNetlink
import Glibc
import PodRouteErrno

/// Opens a `NETLINK_ROUTE` socket inside a named network namespace (the `ip netns` convention:
/// a bind mount at /run/netns/NAME) without moving any of the caller's threads.
///
/// A netlink socket stays bound to the namespace it was created in, so a short-lived pthread does
/// `setns(CLONE_NEWNET)` + `socket()` and exits; its namespace dies with it. setns(2) only changes
/// the calling thread, so the rest of the process never runs in the other namespace.
enum NamespaceEntry {
    /// Where `ip netns add NAME` mounts the namespace.
    static func path(of name: String) -> String { "/run/netns/" + name }

    static func openSocket(inNamespace name: String) throws(NetlinkError) -> NetlinkDescriptor {
        let operation = NetlinkOperation.enterNamespace(name)
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.utf8.contains(0) else {
            throw NetlinkError(operation, .invalidArgument(
                "not a namespace name as `ip netns list` shows them (empty, '.', '..' or containing '/')"))
        }
        let path = path(of: name)
        let namespaceFD: Int32
        switch syscall({ open(path, O_RDONLY | O_CLOEXEC) }) {
        case .success(let fd): namespaceFD = fd
        case .failure(let errno): throw NetlinkError(operation, .system(errno, context: path))
        }
        defer { _ = close(namespaceFD) }

        var job = Job(namespaceFD: namespaceFD)
        let started = withUnsafeMutablePointer(to: &job) { jobPointer -> Int32 in
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, runJob, UnsafeMutableRawPointer(jobPointer))
            if status == 0 { pthread_join(thread, nil) }
            return status
        }
        // pthread_create returns the error number instead of setting errno.
        guard started == 0 else {
            throw NetlinkError(operation, .system(Errno(rawValue: started), context: "pthread_create"))
        }
        switch job.outcome {
        case .socket(let fd):
            return NetlinkDescriptor(adopting: fd)
        case .setnsFailed(let errno):
            throw NetlinkError(operation, .system(errno, context: "setns \(path)"))
        case .socketFailed(let errno):
            throw NetlinkError(.openSocket, .system(errno, context: "socket in namespace '\(name)'"))
        case .notRun:
            throw NetlinkError(operation, .system(.EINVAL, context: "helper thread did not run"))
        }
    }

    /// Shared by the caller and the helper thread; the caller reads it only after `pthread_join`.
    private struct Job {
        enum Outcome { case notRun, socket(Int32), setnsFailed(Errno), socketFailed(Errno) }
        let namespaceFD: Int32
        var outcome = Outcome.notRun
    }

    /// The helper thread's body: a plain function so it converts to a C function pointer.
    private static let runJob: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
        guard let job = context?.assumingMemoryBound(to: Job.self) else { return nil }
        switch syscall({ cnl_setns_net(job.pointee.namespaceFD) }) {
        case .failure(let errno):
            job.pointee.outcome = .setnsFailed(errno)
        case .success:
            switch NetlinkDescriptor.openRoute() {
            case .success(let fd): job.pointee.outcome = .socket(fd)
            case .failure(let errno): job.pointee.outcome = .socketFailed(errno)
            }
        }
        return nil
    }
}
