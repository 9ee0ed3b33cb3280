import Glibc
import PodRouteCore

/// Reads a remote host over the user's own ssh (config, keys and agent), in batch mode with
/// timeouts. Only plain iproute2 runs there — nothing to install on the remote host. Each
/// command's output is preceded by a prompt line, so the capture reader knows its family.
enum SSHSource {
    /// What runs on the remote host (POSIX sh). The neighbour table and the FDB (VXLAN outer
    /// destinations) are optional: an older host without `bridge` or `ip -j neigh` is still read,
    /// with a warning. The script fails with the first required command that fails (`ip`
    /// missing, a refused dump), so the reason reaches the operator instead of a partial host.
    static let remoteScript = (["s=0"]
        + required.map { "echo '$ \($0)'; \($0) || { c=$?; [ $s -ne 0 ] || s=$c; }" }
        + optional.map { "echo '$ \($0)'; \($0) 2>/dev/null || echo '# podroute: \($0) failed'" }
        + ["exit $s"]).joined(separator: "; ")

    static let required = [
        "ip -j -d addr show", "ip -j -d -4 route show table all", "ip -j -d -6 route show table all",
        "ip -j -d -4 rule show", "ip -j -d -6 rule show", "ip -j netconf show",
    ]
    static let optional = ["ip -j neigh show nud all", "bridge -j fdb show"]

    /// How long a host may take before podroute gives up on it.
    static let timeoutSeconds = 20

    static func snapshot(of target: SSHTarget, options: [String], name: String) throws -> NetworkSnapshot {
        var arguments = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "ServerAliveInterval=5",
                         "-o", "ServerAliveCountMax=2"]
        if let port = target.port { arguments += ["-p", String(port)] }
        arguments += options
        arguments += ["--", target.destination, remoteScript]
        let result = try ChildProcess.run("ssh", arguments, timeoutSeconds: timeoutSeconds)
        guard result.status == 0 else {
            // ssh's last line says why (it ends lines with CR LF when a remote shell took part).
            let reason = result.standardError.split(whereSeparator: \.isNewline).last.map(String.init)
                ?? "exit status \(result.status)"
            throw CLIFailure("\(name): cannot read over ssh (\(target)): \(Sanitizer.printable(reason))")
        }
        do {
            return try snapshot(fromOutput: result.standardOutput, path: "ssh://\(target.destination)", name: name)
        } catch {
            throw CLIFailure("\(name): over ssh (\(target)): \(error)")
        }
    }

    /// The host as `remoteScript`'s output describes it; a warning names the optional tables it lacks.
    static func snapshot(fromOutput output: String, path: String, name: String) throws(CaptureError) -> NetworkSnapshot {
        let snapshot = try CaptureReader.load(text: output, path: path)
        var missing: [String] = []
        if snapshot.neighbours == nil { missing.append("ip -j neigh show") }
        if snapshot.fdb == nil { missing.append("bridge -j fdb show") }
        guard !missing.isEmpty else { return snapshot }
        return snapshot.adding(warnings: [CaptureWarning(line: nil,
            "\(name): \(missing.joined(separator: " and ")) gave nothing (iproute2 too old, or bridge missing?); VXLAN outer destinations come from the site instead")])
    }
}

/// A child process run to completion with a deadline; output and errors captured.
enum ChildProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `executable`, looked up in PATH as a shell would.
    static func run(_ executable: String, _ arguments: [String], timeoutSeconds: Int) throws -> Result {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
            throw CLIFailure("cannot start \(executable): \(FileAccess.errorText(errno))")
        }
        // Hosts are read in parallel: without close-on-exec, one child (ssh, kubectl) would inherit
        // another's pipe ends and hold its EOF back until it exits. dup2 onto 1 and 2 in the
        // child makes inheritable copies. (Glibc does not export pipe2 to Swift.)
        for end in outputPipe + errorPipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        for descriptor in outputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw CLIFailure("cannot start \(executable): \(FileAccess.errorText(spawned))")
        }
        let (output, error, timedOut) = readBoth(outputPipe[0], errorPipe[0], deadline: timeoutSeconds)
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if timedOut { throw CLIFailure("\(executable) did not finish within \(timeoutSeconds) s") }
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code, standardOutput: String(decoding: output, as: UTF8.self),
                      standardError: String(decoding: error, as: UTF8.self))
    }

    /// Reads both pipes to their end (or the deadline), so neither can fill up and block the child.
    private static func readBoth(_ out: Int32, _ err: Int32, deadline seconds: Int) -> ([UInt8], [UInt8], Bool) {
        defer {
            close(out)
            close(err)
        }
        var buffers: [[UInt8]] = [[], []]
        var open = [true, true]
        let descriptors = [out, err]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        deadline.tv_sec += seconds
        while open[0] || open[1] {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let remaining = (deadline.tv_sec - now.tv_sec) * 1000 + (deadline.tv_nsec - now.tv_nsec) / 1_000_000
            if remaining <= 0 { return (buffers[0], buffers[1], true) }
            var polls = descriptors.enumerated().filter { open[$0.offset] }.map { pollfd(fd: $0.element, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(remaining))
            if ready < 0, errno == EINTR { continue }
            for entry in polls where entry.revents != 0 {
                guard let slot = descriptors.firstIndex(of: entry.fd) else { continue }
                let count = read(entry.fd, &chunk, chunk.count)
                if count > 0 { buffers[slot] += chunk[0..<count] } else if count == 0 || errno != EINTR { open[slot] = false }
            }
        }
        return (buffers[0], buffers[1], false)
    }
}
