import Glibc
import Synchronization

/// Starts `body` on a new detached pthread. Probe runs block in poll(2) for up to a second at a
/// time, which must not happen on the cooperative thread pool that `async` code shares, so the
/// async entry point runs the loop here. Returns pthread_create's error number, 0 on success.
enum DetachedThread {
    static func start(_ body: @escaping @Sendable () -> Void) -> Int32 {
        let box = Unmanaged.passRetained(Box(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, threadMain, box.toOpaque())
        if status == 0 {
            pthread_detach(thread)
        } else {
            box.release()
        }
        return status
    }

    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private static let threadMain: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
        guard let raw else { return nil }
        Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
        return nil
    }
}

/// Set once by a task's cancellation handler, read by the probe loop on its own thread.
final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
