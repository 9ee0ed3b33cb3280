import Foundation

/// A finished program: its exit status and what it printed.
public struct ProgramRun: Sendable {
    public let command: [String]
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// Runs `executable` (an absolute path) to completion with posix_spawn, LC_ALL=C so
    /// messages are stable, standard input from /dev/null, standard error into a temporary
    /// file. A program that leaves a daemon behind (`tmux new-session`) must run with
    /// `capturingOutput: false`: the daemon would otherwise hold the output pipe open.
    public static func run(_ executable: String, _ arguments: [String],
                           environment overrides: [String: String] = [:],
                           capturingOutput: Bool = true) throws -> ProgramRun {
        let command = [executable] + arguments
        let failure = { (reason: String) in NetnsCommand.Failure(command: command, status: -1, standardError: reason) }
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-run-\(UUID().uuidString).stderr").path
        defer { unlink(errorPath) }

        var pipeEnds: [Int32] = [-1, -1]
        if capturingOutput, pipe(&pipeEnds) != 0 { throw failure("pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturingOutput {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        for (key, value) in overrides { environment[key] = value }
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        // A clean signal mask: see CleanSpawn.
        let spawned = CleanSpawn.withAttributes { posix_spawn(&pid, executable, &actions, &$0, argv, envp) }
        if capturingOutput { close(pipeEnds[1]) }
        guard spawned == 0 else {
            if capturingOutput { close(pipeEnds[0]) }
            throw failure("cannot start: \(String(cString: strerror(spawned)))")
        }
        var output: [UInt8] = []
        if capturingOutput {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(pipeEnds[0], &chunk, chunk.count)
                if count > 0 { output += chunk[0..<count]; continue }
                if count < 0, errno == EINTR { continue }
                break
            }
            close(pipeEnds[0])
        }
        var rawStatus: Int32 = 0
        while waitpid(pid, &rawStatus, 0) < 0, errno == EINTR {}
        let exited = rawStatus & 0x7f == 0
        let status = exited ? (rawStatus >> 8) & 0xff : 128 + (rawStatus & 0x7f)
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return ProgramRun(command: command, status: status, standardOutput: String(decoding: output, as: UTF8.self),
                          standardError: stderr)
    }

    /// Throws unless the program exited 0.
    @discardableResult
    public func succeeded() throws -> ProgramRun {
        guard status == 0 else {
            throw NetnsCommand.Failure(command: command, status: status, standardError: standardError)
        }
        return self
    }
}

/// The podroute executable built next to the tests.
public enum PodRouteBinary {
    /// `.build/<configuration>/podroute`, beside the test bundle that is running.
    public static var path: String {
        let tests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return tests.deletingLastPathComponent().appendingPathComponent("podroute").path
    }

    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProgramRun {
        try ProgramRun.run(path, arguments, environment: environment)
    }

    public static func run(_ arguments: String..., environment: [String: String] = [:]) throws -> ProgramRun {
        try run(arguments, environment: environment)
    }
}
