import Foundation
@testable import PodRouteCore

/// Two throwaway network namespaces, built with the real `ip`, for comparing podroute's text
/// parsers with iproute2's own JSON. Every name carries the prefix `tx<pid>r<random>`; the
/// root namespace is never addressed (every command runs with `ip -n` or `ip netns exec`),
/// no device connects to it, so no packet leaves. `remove()` deletes both namespaces and is
/// called on every path, failure included.
final class TextCaptureNetnsLab {
    let node: String
    let peer: String
    private static let ipPaths = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]

    /// Why the lab cannot run here, or nil when it can.
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "needs root to create network namespaces" }
        guard ipPath != nil else { return "needs iproute2's ip" }
        return nil
    }()

    static let ipPath: String? = ipPaths.first { FileManager.default.isExecutableFile(atPath: $0) }

    init() throws {
        let prefix = "tx\(getpid())r\(UInt32.random(in: 0...999_999))"
        node = prefix + "a"
        peer = prefix + "b"
        do {
            try ip(["netns", "add", node])
            try ip(["netns", "add", peer])
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// Deletes both namespaces; safe to call twice.
    func remove() {
        for name in [node, peer] { _ = try? run(Self.ipPath ?? "ip", ["netns", "del", name], quiet: true) }
    }

    /// `ip -n <node> args...`
    @discardableResult
    func inNode(_ arguments: String) throws -> String {
        try ip(["-n", node] + arguments.split(separator: " ").map(String.init))
    }

    /// Like `inNode` with the arguments already split (for values holding spaces).
    @discardableResult
    func inNode(arguments: [String]) throws -> String {
        try ip(["-n", node] + arguments)
    }

    /// `ip netns exec <node> sysctl -w key=value`
    func sysctl(_ setting: String) throws {
        try ip(["netns", "exec", node, "sysctl", "-q", "-w", setting])
    }

    @discardableResult
    func ip(_ arguments: [String]) throws -> String {
        try run(Self.ipPath ?? "ip", arguments, quiet: false)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var command: String
        var output: String
        var description: String { "\(command) failed: \(output)" }
    }

    private func run(_ path: String, _ arguments: [String], quiet: Bool) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailed(command: ([path] + arguments).joined(separator: " "),
                                output: String(decoding: errorData, as: UTF8.self))
        }
        return text
    }
}
