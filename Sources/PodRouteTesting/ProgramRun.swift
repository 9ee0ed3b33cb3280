import Foundation

/// A finished program: its exit status and what it printed.
public struct ProgramRun: Sendable {
    public let command: [String]
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// Runs `executable` (an absolute path) to completion, LC_ALL=C so messages are stable,
    /// standard input closed. Stdout is read through a pipe; stderr goes to a temporary file so
    /// neither can fill up and block.
    public static func run(_ executable: String, _ arguments: [String],
                           environment overrides: [String: String] = [:]) throws -> ProgramRun {
        let command = [executable] + arguments
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("podroute-run-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw NetnsCommand.Failure(command: command, status: -1, standardError: "cannot create \(errorFile.path)")
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
        for (key, value) in overrides { environment[key] = value }
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw NetnsCommand.Failure(command: command, status: -1, standardError: "cannot start: \(error)")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        return ProgramRun(command: command, status: status, standardOutput: String(decoding: stdout, as: UTF8.self),
                          standardError: stderr)
    }

    /// Throws unless the program exited 0.
    @discardableResult
    public func succeeded() throws -> ProgramRun {
        guard status == 0 else {
            throw NetnsCommand.Failure(command: command, status: status, standardError: standardError)
        }
        return self
    }
}

/// The podroute executable built next to the tests.
public enum PodRouteBinary {
    /// `.build/<configuration>/podroute`, beside the test bundle that is running.
    public static var path: String {
        let tests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return tests.deletingLastPathComponent().appendingPathComponent("podroute").path
    }

    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProgramRun {
        try ProgramRun.run(path, arguments, environment: environment)
    }

    public static func run(_ arguments: String..., environment: [String: String] = [:]) throws -> ProgramRun {
        try run(arguments, environment: environment)
    }
}
