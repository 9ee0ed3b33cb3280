#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing files with errors an operator understands.
enum FileAccess {
    /// The whole file as text (invalid UTF-8 is replaced, never fatal: captures come from anywhere).
    static func readText(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIFailure("cannot read \(path): \(errorText(errno))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIFailure("cannot read \(path): \(errorText(errno))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the file completely or not at all: a temporary file in the same directory,
    /// fsynced, then renamed over the target.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw CLIFailure("cannot write \(path): \(errorText(errno))") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let failure = errno
                close(descriptor)
                unlink(temporary)
                throw CLIFailure("cannot write \(path): \(errorText(failure))")
            }
            offset += written
        }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let failure = synced ? errno : syncError
            unlink(temporary)
            throw CLIFailure("cannot write \(path): \(errorText(failure))")
        }
    }

    static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or directory"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "it is a directory"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

/// Facts about the machine podroute runs on.
enum HostInfo {
    static func name() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
