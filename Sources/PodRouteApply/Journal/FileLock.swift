import Glibc

/// An exclusive `flock(2)` on a lock file, released when the value is dropped (or the process
/// dies: the kernel drops flocks with the last descriptor, so a SIGKILLed holder never wedges it).
struct FileLock: ~Copyable {
    private let descriptor: Int32

    /// Opens (creating, mode 0600) `path` and waits for the exclusive lock.
    init(path: String) throws(JournalError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .system("open \(path)", errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let failure = errno
                close(descriptor)
                throw .system("flock \(path)", failure)
            }
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Runs `body` with the lock held (the borrow keeps the lock alive until `body` returns).
    func holding<T>(_ body: () throws(ApplyError) -> T) throws(ApplyError) -> T {
        try body()
    }
}
