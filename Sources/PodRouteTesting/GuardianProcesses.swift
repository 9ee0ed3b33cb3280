import Foundation

/// Revert guardians a test started: they name their journal directory on their command line,
/// so only the test's own match (a guardian outlives podroute by design).
public enum GuardianProcesses {
    /// SIGKILLs every process whose command line mentions `directory`.
    public static func kill(naming directory: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in entries.compactMap({ pid_t($0) }) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  String(decoding: data, as: UTF8.self).contains(directory) else { continue }
            Foundation.kill(pid, SIGKILL)
        }
    }
}
