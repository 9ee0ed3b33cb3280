import Glibc

/// posix_spawn attributes for a child that starts clean: the test runner's threads may block or
/// ignore signals, and a program under test (a TUI, a daemon) must still see SIGINT, SIGTERM,
/// SIGHUP and SIGWINCH.
enum CleanSpawn {
    /// Calls `body` with attributes that reset the signal mask and every disposition.
    static func withAttributes<T>(_ body: (inout posix_spawnattr_t) throws -> T) rethrows -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return try body(&attributes)
    }
}
