import Foundation
import Synchronization

/// A long-running program of the lab (BIRD, sshd), started in the background and owned by this
/// process: `ProgramRun` waits for its program to finish, a daemon must not be waited for.
///
/// It runs in the foreground from its own point of view (`bird -f`, `sshd -D`), as our child:
/// we know its pid at once (no pid-file race), stop it by that pid only (other tests may run
/// their own BIRD or sshd; nothing is ever killed by name), and reap it ourselves, so once
/// `stop()` returns `/proc/<pid>` is gone instead of lingering as a zombie of an init that may
/// be slow to reap. Spawned like `ProgramRun`: clean signal mask and default dispositions,
/// standard input from /dev/null, standard output and error into `logPath`.
final class LabDaemon: Sendable {
    let pid: pid_t
    let command: [String]
    /// Where the program's standard output and error go; quoted in errors.
    let logPath: String
    /// The wait status once reaped; nil while it may still run.
    private let reaped = Mutex<Int32?>(nil)

    init(_ executable: String, _ arguments: [String], logPath: String) throws {
        command = [executable] + arguments
        self.logPath = logPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = CleanSpawn.withAttributes { posix_spawn(&child, executable, &actions, &$0, argv, envp) }
        guard spawned == 0 else {
            throw LabError("cannot start `\(command.joined(separator: " "))`: \(String(cString: strerror(spawned)))")
        }
        pid = child
    }

    deinit { stop() }

    /// Whether the program still runs (reaps it if it has exited).
    var isRunning: Bool {
        reaped.withLock { status in
            if status != nil { return false }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw; return false }
            return true
        }
    }

    /// What the program printed so far (its last `limit` characters).
    func log(limit: Int = 4_000) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(limit))
    }

    /// SIGTERM, up to `grace` for a clean exit, then SIGKILL; reaps the child either way.
    /// Idempotent: later calls (and `deinit`) do nothing.
    func stop(grace: Duration = .seconds(3)) {
        reaped.withLock { status in
            guard status == nil else { return }
            var raw: Int32 = 0
            kill(pid, SIGTERM)
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: grace)
            while clock.now < deadline {
                let result = waitpid(pid, &raw, WNOHANG)
                if result == pid || (result < 0 && errno == ECHILD) { status = raw; return }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
            while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
            status = raw
        }
    }
}

/// A lab that could not be built or driven, in one sentence with what the tools said.
public struct LabError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
