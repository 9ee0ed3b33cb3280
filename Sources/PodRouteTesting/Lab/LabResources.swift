import Foundation
import Synchronization

/// Everything one lab (or one SSH fixture) has created: daemons, namespaces, temporary
/// directories. Each is registered the moment it exists, so whichever way construction ends,
/// half-way included, `remove()` or `deinit` undoes exactly what was made: daemons stopped first
/// (a process keeps a deleted namespace alive), then namespaces deleted, then directories.
final class LabResources: Sendable {
    private struct Owned {
        var daemons: [LabDaemon] = []
        var namespaces: [TestNamespace] = []
        var directories: [String] = []
    }

    private let owned = Mutex(Owned())

    init() {
        _ = Self.orphansSwept
    }

    deinit { try? remove() }

    func adopt(_ daemon: LabDaemon) {
        owned.withLock { $0.daemons.append(daemon) }
    }

    /// Creates a namespace and takes charge of it.
    func makeNamespace(_ label: String) throws -> TestNamespace {
        let namespace = try TestNamespace(label)
        owned.withLock { $0.namespaces.append(namespace) }
        return namespace
    }

    /// Creates `<tmp>/prt<pid>-<label>-XXXXXX` (mode 0700) and takes charge of it. Paths stay
    /// short: BIRD's control socket must fit in sun_path (108 bytes).
    func makeDirectory(_ label: String) throws -> String {
        var template = Array("\(Self.temporaryRoot)/\(TestNamespace.prefix)\(getpid())-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw LabError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        owned.withLock { $0.directories.append(path) }
        return path
    }

    /// Pids of the daemons still owned (for checks that they are gone after `remove()`).
    var daemonPIDs: [pid_t] {
        owned.withLock { $0.daemons.map(\.pid) }
    }

    /// Stops daemons, deletes namespaces (newest first), deletes directories. Runs every step
    /// even when one fails, then throws the first failure. Later calls do nothing.
    func remove() throws {
        let taken = owned.withLock { owned in
            defer { owned = Owned() }
            return owned
        }
        var failures: [String] = []
        for daemon in taken.daemons.reversed() { daemon.stop() }
        for namespace in taken.namespaces.reversed() {
            do { try namespace.remove() } catch { failures.append("\(error)") }
        }
        for directory in taken.directories.reversed() {
            do { try FileManager.default.removeItem(atPath: directory) } catch { failures.append("\(error)") }
        }
        if let first = failures.first { throw LabError("lab cleanup failed: \(first)") }
    }

    static var temporaryRoot: String {
        FileManager.default.temporaryDirectory.path.replacingOccurrences(of: "/+$", with: "", options: .regularExpression)
    }

    /// Once per test process: daemons and directories left by a lab whose test process died
    /// (killed, crashed) before its cleanup ran. They are recognised by our own marker, a
    /// `<tmp>/prt<pid>-` path on their command line whose pid no longer exists, and killed by
    /// pid; `TestNamespace` sweeps the namespaces the same way.
    private static let orphansSwept: Void = {
        let marker = "\(temporaryRoot)/\(TestNamespace.prefix)"
        func deadOwner(_ path: Substring) -> Bool {
            let digits = path.dropFirst(marker.count).prefix { $0.isNumber }
            guard let owner = Int32(digits), path.dropFirst(marker.count + digits.count).first == "-" else { return false }
            return kill(owner, 0) != 0 && errno == ESRCH
        }
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in processes {
            guard let pid = Int32(entry), pid != getpid(),
                  let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            let orphaned = arguments.contains { argument in
                guard let start = argument.range(of: marker)?.lowerBound else { return false }
                return deadOwner(argument[start...])
            }
            if orphaned { kill(pid, SIGKILL) }
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: temporaryRoot)) ?? []
        for entry in entries where deadOwner(Substring("\(temporaryRoot)/\(entry)")) {
            try? FileManager.default.removeItem(atPath: "\(temporaryRoot)/\(entry)")
        }
    }()
}
