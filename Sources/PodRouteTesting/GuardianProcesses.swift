import Foundation

/// Revert guardians a test started: they name their journal directory on their command line,
/// so only the test's own match (a guardian outlives podroute by design).
public enum GuardianProcesses {
    /// Every process whose command line mentions `directory`.
    public static func pids(naming directory: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(directory)
        }
    }

    /// SIGKILLs every process whose command line mentions `directory`.
    public static func kill(naming directory: String) {
        for pid in pids(naming: directory) { Foundation.kill(pid, SIGKILL) }
    }
}
