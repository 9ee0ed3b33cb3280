import Foundation
import Synchronization

/// A throwaway network namespace for one test, made with `ip netns add` and removed with
/// `ip netns del` by `remove()` or, on every other path (a failed expectation, a thrown error),
/// by `deinit`. Names are `prt<pid>-<label>-<random>`, so tests can run in parallel and runs can
/// overlap; namespaces left by a killed run (its pid gone) are swept when the next one is created.
///
///     let ns = try TestNamespace("links")
///     try ns.ip("link add v1 type veth peer name v2")
///     let json = try ns.ip("-j link show")
///     let routes = try ns.run("ip", "-j", "route")   // any program, run inside the namespace
///
/// Everything happens inside the namespace: the root namespace's configuration is never touched.
/// Needs root and iproute2: check `TestNamespace.unavailableReason` first (tests skip on it).
public final class TestNamespace: Sendable {
    /// The `ip netns` name, for `ip -n NAME` and `RTNetlinkSocket(namespace:)`.
    public let name: String
    private let removed = Mutex(false)

    /// Common prefix of every fixture namespace; `prt<pid>-` identifies the owning process.
    public static let prefix = "prt"

    /// Why namespace tests cannot run here (not root, no `ip`), or nil when they can.
    public static var unavailableReason: String? {
        if getuid() != 0 { return "network namespace tests need root (uid is \(getuid()))" }
        if NetnsCommand.ipPath == nil { return "network namespace tests need iproute2's `ip` (not found)" }
        return nil
    }

    /// Creates `prt<pid>-<label>-<8 hex digits>`. `label` says which test owns it (letters, digits, '-').
    public init(_ label: String) throws {
        guard let ip = NetnsCommand.ipPath else {
            throw NetnsCommand.Failure(command: ["ip"], status: -1, standardError: "iproute2 is not installed")
        }
        let safeLabel = String(label.unicodeScalars.map {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-"
        }.prefix(24))
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        name = "\(Self.prefix)\(getpid())-\(safeLabel)-\(suffix)"
        Self.removeOrphans()
        _ = try NetnsCommand.run(ip, ["netns", "add", name])
    }

    deinit {
        try? remove()
    }

    /// Runs `ip -n NAME <arguments>` (split on whitespace) and returns its standard output.
    @discardableResult
    public func ip(_ arguments: String) throws -> String {
        try ip(arguments.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// Runs `ip -n NAME <arguments>` and returns its standard output.
    @discardableResult
    public func ip(_ arguments: [String]) throws -> String {
        try NetnsCommand.run(Self.ip(), ["-n", name] + arguments)
    }

    /// Runs `ip -n NAME -batch FILE` with one command per line (`route add 10.0.0.0/24 dev d0`);
    /// far faster than one process per command. Stops at the first failing line.
    public func ipBatch(_ commands: [String]) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).batch")
        try commands.joined(separator: "\n").appending("\n").write(to: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try NetnsCommand.run(Self.ip(), ["-n", name, "-batch", file.path])
    }

    /// Runs any program inside the namespace (`ip netns exec NAME <executable> <arguments>`; a bare
    /// name is looked up in PATH) and returns its standard output.
    @discardableResult
    public func run(_ executable: String, _ arguments: String...) throws -> String {
        try NetnsCommand.run(Self.ip(), ["netns", "exec", name, executable] + arguments)
    }

    /// Deletes the namespace now; later calls and `deinit` do nothing. Interfaces inside it go too.
    public func remove() throws {
        try removed.withLock { isRemoved in
            guard !isRemoved else { return }
            _ = try NetnsCommand.run(Self.ip(), ["netns", "del", name])
            isRemoved = true
        }
    }

    /// Whether /run/netns/NAME still exists.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: "/run/netns/\(name)")
    }

    /// Deletes fixture namespaces whose creating process is gone (a crashed or killed test run).
    public static func removeOrphans() {
        guard let ip = NetnsCommand.ipPath,
              let names = try? FileManager.default.contentsOfDirectory(atPath: "/run/netns") else { return }
        for name in names where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(digits), name.dropFirst(prefix.count + digits.count).first == "-",
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            _ = try? NetnsCommand.run(ip, ["netns", "del", name])
        }
    }

    private static func ip() throws -> String {
        guard let ip = NetnsCommand.ipPath else {
            throw NetnsCommand.Failure(command: ["ip"], status: -1, standardError: "iproute2 is not installed")
        }
        return ip
    }
}
