import ArgumentParser
import Glibc

/// Commands whose exit status 1 means "found problems" (doctor, trace) report their own
/// failures with status 2, so scripts can tell a finding from a failure to check.
enum CheckFailure {
    static let exitStatus: Int32 = 2

    /// Runs `body`; an error is printed as ArgumentParser prints it and exits with status 2.
    static func exitOnError<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            var errors = OutputBuffer(descriptor: STDERR_FILENO)
            errors.line("Error: \(error)")
            errors.flush()
            throw ExitCode(exitStatus)
        }
    }
}
