import Glibc

/// `--frame-log FILE`: one line per presented frame with the monotonic time it reached the
/// terminal, how long rendering and presenting took and how many cells changed. For finding
/// out why a screen feels slow over a bad link, and for the benchmark (scripts/bench tui).
final class FrameLog {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CLIFailure("cannot write the frame log \(path): \(FileAccess.errorText(errno))") }
        write("# monotonic-seconds cause render-ms present-ms cells-written")
    }

    deinit { close(descriptor) }

    func frame(cause: String, renderSeconds: Double, presentSeconds: Double, cells: Int) {
        write("\(Self.monotonicNow()) \(cause) \(Self.milliseconds(renderSeconds)) \(Self.milliseconds(presentSeconds)) \(cells)")
    }

    private func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { OutputBuffer.writeAll($0, to: descriptor) }
    }

    /// CLOCK_MONOTONIC in seconds: the same clock Python's time.monotonic() reads.
    static func monotonicNow() -> String { String(MonotonicClock.seconds()) }

    private static func milliseconds(_ seconds: Double) -> String {
        String((seconds * 100_000).rounded() / 100)
    }
}
