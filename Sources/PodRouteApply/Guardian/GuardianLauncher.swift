import FoundationEssentials
import Glibc

/// Starts a change's revert guardian as a daemon, before any route is touched: `podroute guardian
/// ID` spawned in a new session (POSIX_SPAWN_SETSID), which spawns the real guardian and exits,
/// so the guardian is reparented away from podroute (the double fork: never a zombie of a
/// long-running TUI, never a session leader that could acquire a terminal). Standard input is
/// /dev/null, output goes to `<id>.log` in the journal directory, other inherited descriptors are
/// closed, and SIGHUP is ignored. The guardian reports on descriptor 3 once it has read its
/// journal entry; apply goes on only after that.
struct GuardianLauncher {
    /// The podroute executable (`/proc/self/exe` of the applying process).
    let executable: String
    let store: JournalStore
    /// How long to wait for the guardian to report.
    var timeout: Duration = .seconds(10)

    /// Starts the guardian of change `id` and returns its pid once it is ready.
    func start(id: String) throws(ApplyError) -> pid_t {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .guardianFailed("pipe: \(String(cString: strerror(errno)))") }
        // Close-on-exec at once (Glibc does not export pipe2 to Swift), and keep the write end away
        // from 0-3 so dup2 onto 3 always makes a fresh, inheritable copy.
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        defer { close(ends[0]) }
        let writeEnd = fcntl(ends[1], F_DUPFD_CLOEXEC, 10)
        close(ends[1])
        guard writeEnd >= 0 else { throw .guardianFailed("fcntl: \(String(cString: strerror(errno)))") }
        let arguments = ["guardian", id, "--state-dir", store.directory, "--ready-fd", "3"]
        let spawned = ProcessSpawn.spawn(executable, arguments, log: store.logPath(id), readyDescriptor: writeEnd,
                                         newSession: true, keepSIGHUPIgnored: false)
        close(writeEnd)
        let launcher: pid_t
        switch spawned {
        case .success(let pid): launcher = pid
        case .failure(let failure): throw .guardianFailed(failure.reason)
        }
        let answer = readAnswer(ends[0])
        var status: Int32 = 0
        while waitpid(launcher, &status, 0) < 0, errno == EINTR {}
        guard let answer, answer.hasPrefix("ready "), let pid = pid_t(answer.dropFirst(6)) else {
            throw .guardianFailed("it did not report ready; see \(store.logPath(id))")
        }
        return pid
    }

    /// Reads up to end of file or the timeout; the guardian writes one line.
    private func readAnswer(_ descriptor: Int32) -> String? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while clock.now < end {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let remaining = clock.now.duration(to: end).components
            let ready = poll(&poller, 1, Int32(remaining.seconds * 1000 + remaining.attoseconds / 1_000_000_000_000_000 + 1))
            if ready < 0 { if errno == EINTR { continue }; return nil }
            if ready == 0 { return nil }
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 { if errno == EINTR { continue }; return nil }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n").first.map(String.init)
    }
}

/// posix_spawn for the guardian's two stages.
enum ProcessSpawn {
    struct Failure: Error {
        var reason: String
    }

    /// glibc's `POSIX_SPAWN_SETSID` (<spawn.h>, under `__USE_GNU`, which the Glibc module does not
    /// import): the child calls setsid() before exec.
    static let newSessionFlag: Int32 = 0x80

    /// Spawns `executable arguments` with standard input /dev/null, output appended to `log`
    /// (when given; otherwise inherited) and `readyDescriptor` as descriptor 3 (the guardian
    /// closes any other it inherits: `closeInheritedDescriptors`); signals unblocked and at their
    /// defaults (SIGHUP stays ignored with `keepSIGHUPIgnored`); in a new session with `newSession`.
    static func spawn(_ executable: String, _ arguments: [String], log: String?, readyDescriptor: Int32,
                      newSession: Bool, keepSIGHUPIgnored: Bool) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let log {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if readyDescriptor != 3 { posix_spawn_file_actions_adddup2(&actions, readyDescriptor, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        var defaults = sigset_t()
        sigemptyset(&empty)
        sigfillset(&defaults)
        if keepSIGHUPIgnored { sigdelset(&defaults, SIGHUP) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newSession { flags |= newSessionFlag }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        return result == 0 ? .success(pid) : .failure(Failure(reason: "cannot start \(executable): \(String(cString: strerror(result)))"))
    }

    /// Closes every descriptor above 3 (a stray one, such as a test runner's pipe, must not be
    /// held open for the guardian's lifetime).
    static func closeInheritedDescriptors() {
        guard let directory = opendir("/proc/self/fd") else { return }
        let own = dirfd(directory)
        var stray: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let descriptor = Int32(name), descriptor > 3, descriptor != own { stray.append(descriptor) }
        }
        closedir(directory)
        stray.forEach { close($0) }
    }
}
