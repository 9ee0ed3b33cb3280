#if canImport(Glibc)
import Glibc
#endif
import CMalloc
import Foundation
import Synchronization

/// Faults in the huge-page heap (`HugePageHeap`) a little ahead of malloc, on a helper thread.
///
/// A fresh huge page is zeroed when first touched, 2 MiB at once. On a virtual machine that
/// hands free memory back to its host (as this project's do), those pages come back cold and
/// zeroing them was half of building the index. `MADV_POPULATE_WRITE` faults pages in as a
/// write would but changes no byte, so the helper can run ahead of the thread that uses the
/// heap without touching its data. It keeps `lead` bytes populated past the top of the heap
/// in use (glibc's top chunk, from `mallinfo2`), so it holds little more than malloc hands out.
final class HeapPrefaulter: Sendable {
    private let stopRequested = Atomic(false)
    private let finished = DispatchSemaphore(value: 0)
    private static let step = HugePageHeap.hugePage
    private static let lead = 16 << 20

    /// Starts populating `region` (huge-page aligned, inside the heap).
    init(region: Range<Int>) {
        let thread = Thread { [self] in
            populate(region)
            finished.signal()
        }
        thread.name = "heap prefault"
        thread.start()
    }

    /// Stops the helper and waits for it (it finishes at most one 2 MiB step).
    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        finished.signal()  // so that a second stop returns too
    }

    private func populate(_ region: Range<Int>) {
        var frontier = region.lowerBound
        while frontier < region.upperBound, !stopRequested.load(ordering: .relaxed) {
            let topInUse = Int(bitPattern: sbrk(0)) - Int(mallinfo2().keepcost)
            let target = min(region.upperBound, topInUse + Self.lead)
            guard frontier < target else {
                usleep(500)
                continue
            }
            let end = min(target, frontier + Self.step)
            // A kernel before 5.14 refuses the advice: the main thread then faults pages in itself.
            guard madvise(UnsafeMutableRawPointer(bitPattern: frontier), end - frontier, MADV_POPULATE_WRITE) == 0 else { return }
            frontier = end
        }
    }
}
