import Foundation
import PodRouteTesting
import Testing

/// However podroute ends — q, Ctrl-C, SIGTERM, SIGHUP — the terminal comes back as it was
/// (`stty -g` unchanged) and the summary line stays in the scrollback.
@Suite(.enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct TerminalRestoreTests {
    private let binary = PodRouteBinary.path

    /// Starts podroute in the pane behind a shell that records the terminal settings and pid.
    private func start(_ tmux: TmuxSession, files: URL) throws {
        let before = files.appendingPathComponent("stty").path
        let pid = files.appendingPathComponent("pid").path
        try tmux.type("stty -g > \(before); sh -c 'echo $$ > \(pid); exec \(binary) --demo'; echo EXIT=$?", enter: true)
        try tmux.waitFor("1 Interfaces")
    }

    private func expectRestored(_ tmux: TmuxSession, files: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmux.waitFor("EXIT=")
        let before = files.appendingPathComponent("stty").path
        // The answers are built by the shell ('RESTORED-''OK'), so the typed line (which tmux may
        // wrap anywhere) never matches an answer line.
        try tmux.type("[ \"$(stty -g)\" = \"$(cat \(before))\" ] && echo 'RESTORED-''OK' || echo 'RESTORED-''NO'", enter: true)
        let answer: (String) -> String? = { screen in
            screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0 == "RESTORED-OK" || $0 == "RESTORED-NO" }
        }
        let screen = try tmux.waitUntil("the stty check") { answer($0) != nil }
        #expect(answer(screen) == "RESTORED-OK", sourceLocation: sourceLocation)
        #expect(screen.contains("podroute: k8s-node1"), "the summary line is in the scrollback", sourceLocation: sourceLocation)
    }

    private func withFiles(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prt-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test func quitRestores() throws {
        try withFiles { files in
            let tmux = try TmuxSession(width: 100, height: 30)
            try start(tmux, files: files)
            try tmux.press("q")
            try expectRestored(tmux, files: files)
        }
    }

    @Test func controlCRestores() throws {
        try withFiles { files in
            let tmux = try TmuxSession(width: 100, height: 30)
            try start(tmux, files: files)
            try tmux.press("C-c")
            try expectRestored(tmux, files: files)
        }
    }

    @Test(arguments: ["TERM", "HUP"])
    func signalsRestore(_ signal: String) throws {
        try withFiles { files in
            let tmux = try TmuxSession(width: 100, height: 30)
            try start(tmux, files: files)
            let pid = try String(contentsOf: files.appendingPathComponent("pid"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try ProgramRun.run("/bin/kill", ["-\(signal)", pid]).succeeded()
            try expectRestored(tmux, files: files)
            let screen = try tmux.screen()
            #expect(screen.contains("SIG\(signal)"), "the summary names the signal")
        }
    }
}
