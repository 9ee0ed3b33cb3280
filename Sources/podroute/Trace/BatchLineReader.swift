#if canImport(Glibc)
import Glibc
#endif

/// Reads a file or standard input in 64 KiB blocks and lends each line (without its newline)
/// to a closure, without building a String per line. A last line without newline counts.
struct BatchLineReader: ~Copyable {
    private let descriptor: Int32
    private let path: String
    private var buffer: UnsafeMutableBufferPointer<UInt8>

    /// `-` is standard input.
    init(path: String) throws {
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw CLIFailure("cannot read \(path): \(FileAccess.errorText(errno))") }
        }
        self.path = path == "-" ? "standard input" : path
        buffer = .allocate(capacity: 1 << 16)
    }

    deinit {
        buffer.deallocate()
        if descriptor != STDIN_FILENO { close(descriptor) }
    }

    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        var filled = 0
        while true {
            if filled == buffer.count { grow() }  // a line longer than the buffer
            let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIFailure("cannot read \(path): \(FileAccess.errorText(errno))")
            }
            if count == 0 { break }
            let end = filled + count
            var start = 0
            var position = filled
            let base = buffer.baseAddress!
            while position < end {
                guard let found = memchr(base + position, Int32(UInt8(ascii: "\n")), end - position) else { break }
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                body(UnsafeBufferPointer(start: base + start, count: newline - start))
                start = newline + 1
                position = start
            }
            // Keep the unfinished line at the front.
            if start > 0 { memmove(base, base + start, end - start) }
            filled = end - start
        }
        if filled > 0 { body(UnsafeBufferPointer(start: buffer.baseAddress!, count: filled)) }
    }

    private mutating func grow() {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
        _ = larger.initialize(from: buffer)
        buffer.deallocate()
        buffer = larger
    }
}
