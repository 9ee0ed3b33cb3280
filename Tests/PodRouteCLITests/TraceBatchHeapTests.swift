import Foundation
import PodRouteTesting
import Testing

/// `trace --batch` builds its snapshot and index on a heap advised for huge pages
/// (`HugePageHeap`), populated a little ahead of malloc (`HeapPrefaulter`): the kernel's own
/// count for the running process must show them, and not much more. The kernel's THP mode on
/// these machines is `madvise`, so without the advice the count stays at zero.
@Suite(.needsNetns) struct TraceBatchHeapTests {
    @Test("--batch holds its snapshot and index in huge pages (AnonHugePages of the waiting process), and reports the advised heap",
          .enabled(if: Self.hugePagesOn, "the kernel's transparent huge pages are off"))
    func snapshotAndIndexAreInHugePages() throws {
        let namespace = try TestNamespace("batch-heap")
        defer { try? namespace.remove() }
        try namespace.ip("link add heap0 type veth peer name heap1")
        try namespace.ip("addr add 192.0.2.1/24 dev heap0")
        try namespace.ip("link set heap0 up")
        try namespace.ip("link set heap1 up")
        // About 4 MiB of routes and index: more than two huge pages.
        try namespace.ipBatch((0..<40_000).map { "route add 10.\($0 >> 8 & 255).\($0 & 255).0/24 via 192.0.2.\(2 + $0 % 200)" })

        let process = Process()
        process.executableURL = URL(fileURLWithPath: PodRouteBinary.path)
        process.arguments = ["trace", "--batch", "-", "--netns", namespace.name]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, errors)
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Loaded and indexed, it waits for its first line: the count stops changing.
        var (hugeKiB, previous) = (0, -1)
        let deadline = Date().addingTimeInterval(30)
        while hugeKiB < 4096 || hugeKiB != previous, process.isRunning, Date() < deadline {
            previous = hugeKiB
            usleep(300_000)
            hugeKiB = Self.anonHugePagesKiB(of: process.processIdentifier) ?? 0
        }
        input.fileHandleForWriting.write(Data("10.1.2.3\n".utf8))
        try input.fileHandleForWriting.close()
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(hugeKiB >= 4096, "AnonHugePages \(hugeKiB) kB; \(report)")
        // The prefaulter runs only a little ahead of malloc, not over the whole advised heap.
        #expect(hugeKiB <= 64 << 10, "AnonHugePages \(hugeKiB) kB; \(report)")
        #expect(answer.contains(#""dst":"10.1.2.0/24","gateway":"192.0.2."#), "\(answer)")
        let advised = report.firstMatch(of: /huge pages advised for ([0-9]+) MiB of heap address space/).flatMap { Int($0.1) }
        #expect((advised ?? 0) >= 32, "\(report)")
    }

    private static var hugePagesOn: Bool {
        let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        return mode.map { !$0.contains("[never]") } ?? false
    }

    /// The process's `AnonHugePages` from /proc/PID/smaps_rollup, in kB.
    private static func anonHugePagesKiB(of pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return nil }
        return text.firstMatch(of: /AnonHugePages:\s+([0-9]+) kB/).flatMap { Int($0.1) }
    }
}
