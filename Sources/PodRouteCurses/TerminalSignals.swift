import Glibc
import Synchronization

/// SIGINT, SIGTERM and SIGHUP end the UI cleanly: the handler only records the signal and
/// wakes the event loop through a pipe; the loop then restores the terminal (endwin) itself.
/// A dropped SSH session sends SIGHUP, so the terminal is restored there too.
public enum TerminalSignals {
    private static let received = Atomic<Int32>(0)
    private static let wakeWriteEnd = Atomic<Int32>(-1)

    /// The signal that asked the UI to stop, if any.
    public static var pending: Int32? {
        let value = received.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// Installs the handlers; `wakeDescriptor` is the write end of the loop's wake-up pipe.
    public static func install(wakeDescriptor: Int32) {
        wakeWriteEnd.store(wakeDescriptor, ordering: .releasing)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TerminalSignals.received.store(number, ordering: .releasing)
                let descriptor = TerminalSignals.wakeWriteEnd.load(ordering: .acquiring)
                if descriptor >= 0 {
                    var byte: UInt8 = 1
                    _ = write(descriptor, &byte, 1)
                }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A parent may have started podroute with these blocked (some supervisors and test
        // runners do); then Ctrl-C, SIGTERM and resizes would never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Puts the default handlers back (after the terminal is restored).
    public static func restoreDefaults() {
        for signal in [SIGINT, SIGTERM, SIGHUP] { Glibc.signal(signal, SIG_DFL) }
        wakeWriteEnd.store(-1, ordering: .releasing)
    }
}
