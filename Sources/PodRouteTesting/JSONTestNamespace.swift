import Foundation

/// A pair of throw-away network namespaces for differential tests against the real `ip`
/// binary: podroute's JSON is compared with what iproute2 prints for the same devices and
/// routes. Nothing is done in the caller's namespace, and no packet leaves the pair.
///
/// Names are `js<pid>x<random>a` / `...b`; `withPair` deletes both on every path, and a new
/// pair first removes pairs left behind by test processes that no longer exist (a crash).
/// (A general `TestNamespace` helper is being written separately; this one stays small.)
public struct JSONTestNamespace: Sendable {
    /// The namespace the fixture is built in.
    public let primary: String
    /// The namespace holding the far ends of cross-namespace veth pairs.
    public let peer: String

    /// Why the tests cannot run here (not root, no `ip`), or nil when they can.
    public static var unavailableReason: String? {
        if geteuid() != 0 { return "network namespace tests need root (running as uid \(geteuid()))" }
        guard ipPath != nil else { return "network namespace tests need iproute2's ip in /usr/sbin, /sbin or /usr/bin" }
        return nil
    }

    static var ipPath: String? {
        ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Creates a pair, runs `body`, deletes the pair whatever happens.
    public static func withPair<Result>(_ body: (JSONTestNamespace) throws -> Result) throws -> Result {
        removeAbandoned()
        let suffix = String(UInt16.random(in: 0x1000...0xffff), radix: 16)
        let base = "js\(getpid())x\(suffix)"
        let pair = JSONTestNamespace(primary: base + "a", peer: base + "b")
        defer {
            _ = try? run(["netns", "del", pair.primary])
            _ = try? run(["netns", "del", pair.peer])
        }
        try run(["netns", "add", pair.primary])
        try run(["netns", "add", pair.peer])
        return try body(pair)
    }

    /// Runs `ip -n <primary> <arguments>` and returns its standard output.
    @discardableResult
    public func ip(_ arguments: [String]) throws -> String {
        try Self.run(["-n", primary] + arguments)
    }

    /// Runs `ip -n <peer> <arguments>`.
    @discardableResult
    public func ipPeer(_ arguments: [String]) throws -> String {
        try Self.run(["-n", peer] + arguments)
    }

    /// Runs each line of `script` as `ip -n <primary> ...` (words split on spaces).
    public func ipScript(_ script: String) throws {
        for line in script.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if words.isEmpty || words[0].hasPrefix("#") { continue }
            try ip(words)
        }
    }

    /// A failed `ip` command, with what it printed on standard error.
    public struct CommandError: Error, CustomStringConvertible {
        public var arguments: [String]
        public var status: Int32
        public var standardError: String
        public var description: String {
            "ip \(arguments.joined(separator: " ")) exited with \(status): \(standardError)"
        }
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard let ipPath else { throw CommandError(arguments: arguments, status: -1, standardError: "ip not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ipPath)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a large dump would otherwise fill the pipe and block `ip`.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(arguments: arguments, status: process.terminationStatus,
                               standardError: String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Deletes `js<pid>x<hex>[ab]` namespaces whose creating process is gone.
    static func removeAbandoned() {
        guard let listing = try? run(["netns", "list"]) else { return }
        for line in listing.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            guard name.hasPrefix("js"), let x = name.firstIndex(of: "x"),
                  let pid = Int32(name[name.index(name.startIndex, offsetBy: 2)..<x]),
                  name.last == "a" || name.last == "b" else { continue }
            let hex = name[name.index(after: x)..<name.index(before: name.endIndex)]
            guard hex.count == 4, hex.allSatisfy(\.isHexDigit) else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { _ = try? run(["netns", "del", name]) }
        }
    }
}
