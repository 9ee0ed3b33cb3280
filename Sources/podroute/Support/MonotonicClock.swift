#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC, the clock Python's `time.monotonic()` reads: instants podroute reports on
/// it (frame logs, `trace --batch`) can be set against a benchmark's own.
enum MonotonicClock {
    static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
