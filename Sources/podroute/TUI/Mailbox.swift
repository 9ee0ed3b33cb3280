import Glibc
import PodRouteUI
import Synchronization

/// Where background work leaves events for the loop: a locked queue plus a pipe whose read
/// end the loop polls, so a finished job wakes it at once. Signal handlers write to the same
/// pipe (a write(2) of one byte is async-signal-safe).
final class Mailbox: Sendable {
    private let events = Mutex<[AppEvent]>([])
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw CLIFailure("cannot create the UI's wake-up pipe: \(FileAccess.errorText(errno))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Everything posted since the last call; empties the pipe too.
    func take() -> [AppEvent] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &buffer, buffer.count) > 0 {}
        return events.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}
