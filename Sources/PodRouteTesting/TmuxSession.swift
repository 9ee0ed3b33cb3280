import Foundation

/// A real terminal for end-to-end tests: a private tmux server (its own socket, no user
/// config) running a plain shell in one pane of a given size. Tests type into it and read the
/// screen back with capture-pane. The server is killed by `close()` or `deinit` on every path.
///
///     let tmux = try TmuxSession(width: 120, height: 40)
///     try tmux.type("podroute --demo", enter: true)
///     try tmux.waitFor("Interfaces")
public final class TmuxSession: @unchecked Sendable {
    public static var unavailableReason: String? {
        path == nil ? "terminal tests need tmux (not installed)" : nil
    }

    static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    public let socket: String
    private var closed = false

    /// Starts `bash --norc --noprofile` in a `width`x`height` pane with `environment` set.
    public init(width: Int, height: Int, environment: [String: String] = [:]) throws {
        guard let path = Self.path else {
            throw NetnsCommand.Failure(command: ["tmux"], status: -1, standardError: "tmux is not installed")
        }
        socket = "prt\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        var arguments = ["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height)]
        // LC_ALL too: the runner sets LC_ALL=C for stable messages, and the pane must be UTF-8.
        var settings = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "PS1": "$ "]
        settings.merge(environment) { _, new in new }
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        // The test runner's own NO_COLOR must not leak into a test that did not ask for it.
        arguments.append(environment["NO_COLOR"] == nil ? "env -u NO_COLOR bash --norc --noprofile" : "bash --norc --noprofile")
        // The server this starts stays behind: its stdout must not be our pipe.
        try ProgramRun.run(path, ["-L", socket, "-f", "/dev/null"] + arguments, capturingOutput: false).succeeded()
        // A client-less session keeps its size only when told so.
        try tmux(["set-option", "-t", "main", "window-size", "manual"])
    }

    deinit { close() }

    public func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        // kill-server leaves its socket file behind.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socket)")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        guard let path = Self.path else { return "" }
        return try ProgramRun.run(path, ["-L", socket, "-f", "/dev/null"] + arguments).succeeded().standardOutput
    }

    /// Types text literally, then Enter when asked.
    public func type(_ text: String, enter: Bool = false) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
        if enter { try tmux(["send-keys", "-t", "main", "Enter"]) }
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `Down`, `End`, `Tab`).
    public func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "main"] + keys)
    }

    /// The visible screen; with `escapes`, the SGR attribute and colour sequences too.
    public func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-t", "main", "-p"] + (escapes ? ["-e"] : []))
    }

    /// Lets programs in the pane set tmux's buffer with OSC 52 (`set-clipboard on`), as an
    /// operator's tmux would for podroute's copy.
    public func acceptClipboard() throws {
        try tmux(["set-option", "-s", "set-clipboard", "on"])
    }

    /// The newest tmux buffer: what the last OSC 52 copied.
    public func clipboard() throws -> String {
        try tmux(["show-buffer"])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen contains `text` (checking every 50 ms) and returns it; throws with
    /// the last screen when `timeout` passes.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitUntil(timeout: timeout, "the screen to show '\(text)'") { $0.contains(text) }
    }

    @discardableResult
    public func waitUntil(timeout: Duration = .seconds(10), _ what: String, _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last = ""
        while clock.now < deadline {
            last = try screen()
            // A frame may still be arriving when the condition first holds: return a screen that
            // two reads 50 ms apart agree on, so what the caller checks next is all there.
            if condition(last) {
                usleep(50_000)
                let settled = try screen()
                if settled == last || clock.now >= deadline { return condition(settled) ? settled : last }
                continue
            }
            usleep(50_000)
        }
        throw TimedOut(what: what, screen: last)
    }

    public struct TimedOut: Error, CustomStringConvertible {
        public let what: String
        public let screen: String
        public var description: String { "timed out waiting for \(what); the screen was:\n\(screen)" }
    }
}
