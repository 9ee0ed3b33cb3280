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

    /// Runs `executable` (an absolute path) with `arguments`; throws unless it exits 0.
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        try ProgramRun.run(executable, arguments).succeeded().standardOutput
    }
}
