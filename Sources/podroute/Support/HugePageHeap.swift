#if canImport(Glibc)
import Glibc
#endif
import CMalloc

/// Puts what `trace --batch` builds next (the snapshot's routes and the lookup index, about
/// 130 MB for a million routes) on a heap that the kernel backs with 2 MiB pages.
///
/// The lookups and the JSON read that memory at random. On 4 KiB pages many of those reads also
/// miss the TLB, and at exit the kernel frees every page one by one: about 10 ms per 100 MB on
/// this project's VMs, against under 1 ms in huge pages. Where the kernel's THP mode is
/// `madvise` (a common default), only memory advised `MADV_HUGEPAGE` gets huge pages.
///
/// glibc's malloc serves blocks below its mmap threshold from the brk heap. So: raise the
/// threshold to glibc's most (32 MiB), grow the heap once by a large pad of address space
/// (nothing is touched, so nothing is resident), advise that range, and never trim it. Pages
/// then arrive 2 MiB at a time as they are first written. Best effort: when the heap cannot
/// grow or the kernel refuses the advice, only the speed differs.
enum HugePageHeap {
    enum Outcome: CustomStringConvertible {
        /// `prefaulter` populates the advised range ahead of malloc until stopped.
        case advised(bytes: Int, prefaulter: HeapPrefaulter)
        case unavailable(reason: String)

        var description: String {
            switch self {
            case .advised(let bytes, _): "huge pages advised for \(bytes >> 20) MiB of heap address space"
            case .unavailable(let reason): "no huge pages (\(reason))"
            }
        }

        /// Stops populating: call once the heap holds what it was prepared for.
        func finish() {
            if case .advised(_, let prefaulter) = self { prefaulter.stop() }
        }
    }

    /// The x86-64 and 4 KiB-page arm64 PMD size.
    static let hugePage = 2 << 20

    /// Call before the allocations it is for: they must be the heap's first writes to their pages.
    static func prepare() -> Outcome {
        if let mode = try? FileAccess.readText("/sys/kernel/mm/transparent_hugepage/enabled"), mode.contains("[never]") {
            return .unavailable(reason: "transparent huge pages are off")
        }
        // A quarter of the RAM at most: the pad is committed address space, and a small
        // gateway without overcommit room would refuse a larger one.
        let memory = sysconf(Int32(_SC_PHYS_PAGES)) * sysconf(Int32(_SC_PAGESIZE))
        let pad = min(1 << 30, memory / 4) & ~(hugePage - 1)
        guard pad >= 16 * hugePage else { return .unavailable(reason: "too little memory") }
        guard mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1, mallopt(M_TRIM_THRESHOLD, Int32.max) == 1 else {
            return .unavailable(reason: "malloc refused its options")
        }
        let start = Int(bitPattern: sbrk(0))
        // One growth, padded: a block larger than any free space the young heap has.
        _ = mallopt(M_TOP_PAD, Int32(pad))
        let probeSize = 8 * hugePage
        let probe = malloc(probeSize)
        _ = mallopt(M_TOP_PAD, 128 << 10)  // glibc's default again: later growth is ordinary
        let end = Int(bitPattern: sbrk(0))
        // The probe must end in the grown part (it may begin in the old top). This use of it
        // also keeps the optimiser from removing the malloc and free as a pair.
        let grown = probe.map { (start..<end).contains(Int(bitPattern: $0) + probeSize - 1) } ?? false
        free(probe)
        guard grown else { return .unavailable(reason: "the heap did not grow") }
        let first = (start + hugePage - 1) & ~(hugePage - 1)
        let last = end & ~(hugePage - 1)
        guard last > first else { return .unavailable(reason: "the heap grew by less than a huge page") }
        guard madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_HUGEPAGE) == 0 else {
            return .unavailable(reason: "madvise: \(FileAccess.errorText(errno))")
        }
        return .advised(bytes: last - first, prefaulter: HeapPrefaulter(region: first..<last))
    }
}
