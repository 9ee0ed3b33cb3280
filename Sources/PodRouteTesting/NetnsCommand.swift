import Foundation

/// Runs a program to completion and returns its standard output; used by the namespace fixtures.
public enum NetnsCommand {
    /// A program that exited non-zero or could not start, with what it printed on stderr.
    public struct Failure: Error, CustomStringConvertible {
        public let command: [String]
        public let status: Int32
        public let standardError: String

        public var description: String {
            "`\(command.joined(separator: " "))` exited with \(status): \(standardError.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }

    /// Where iproute2's `ip` is, or nil when it is not installed.
    public static let ipPath: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `executable` (an absolute path) with `arguments`, LC_ALL=C so messages are stable.
    /// Stdout is read through a pipe; stderr goes to a temporary file so neither can fill up and block.
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let command = [executable] + arguments
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("podroute-netns-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw Failure(command: command, status: -1, standardError: "cannot create \(errorFile.path)")
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        defer { try? errorHandle.close() }

        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errorHandle
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw Failure(command: command, status: -1, standardError: "cannot start: \(error)")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(command: command, status: process.terminationStatus, standardError: stderr)
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
