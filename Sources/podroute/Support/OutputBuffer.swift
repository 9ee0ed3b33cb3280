#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to a file descriptor in 64 KiB blocks: printing a million routes with
/// `print()` would cost more than reading them from the kernel.
struct OutputBuffer: ~Copyable {
    private let descriptor: Int32
    private var bytes: [UInt8] = []
    private static let blockSize = 1 << 16

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        bytes.reserveCapacity(Self.blockSize * 2)
    }

    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= Self.blockSize { flush() }
    }

    mutating func line(_ text: String) {
        write(text)
        write("\n")
    }

    mutating func write(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
        if bytes.count >= Self.blockSize { flush() }
    }

    mutating func flush() {
        bytes.withUnsafeBytes { Self.writeAll($0, to: descriptor) }
        bytes.removeAll(keepingCapacity: true)
    }

    deinit { bytes.withUnsafeBytes { Self.writeAll($0, to: descriptor) } }

    /// Writes everything, retrying short writes and EINTR; a closed pipe ends it quietly.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Streams a JSON writer's output to standard output while it is produced.
    static func standardOutputSink(_ chunk: UnsafeRawBufferPointer) {
        writeAll(chunk, to: STDOUT_FILENO)
    }
}
