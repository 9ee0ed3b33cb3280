#if canImport(Glibc)
import Glibc
#endif
import PodRouteCore

/// `podroute trace --batch FILE`: one lookup per input line from the snapshot, one JSON line
/// out per line in order (`{"destination": ..., "route": {...} | null}`; `refused` and `rule`
/// when a rule action answered, `error` for a line that is no address). Load, lookup and output
/// times go to standard error, with the instant the lookups began (CLOCK_MONOTONIC), so that a
/// benchmark can tell the lookups from the load, process start included. Built for 100,000
/// lines over a million routes: the index is built once, lines are parsed in place, routes are
/// printed from the store's packed records, and output is written in 64 KiB blocks. Lines are
/// handled in blocks of 256 (`TraceBatchBlock`).
/// The snapshot and the index sit in huge pages where the kernel allows (`HugePageHeap`).
struct TraceBatch {
    let loaded: TraceSnapshot
    let packet: TracePacket
    /// Whether the snapshot and the index sit in huge pages (`HugePageHeap`), for the report.
    let heap: HugePageHeap.Outcome

    init(snapshot loaded: TraceSnapshot, packet: TracePacket, heap: HugePageHeap.Outcome) {
        self.loaded = loaded
        self.packet = packet
        self.heap = heap
    }

    func run(input path: String) throws {
        let snapshot = loaded.snapshot
        try packet.check(against: snapshot)
        var reader = try BatchLineReader(path: path)
        let indexStarted = ContinuousClock.now
        let lookup = RouteLookup(snapshot: snapshot)
        let indexSeconds = (ContinuousClock.now - indexStarted).seconds
        heap.finish()

        let started = ContinuousClock.now
        let lookupsBegan = MonotonicClock.seconds()
        var block = TraceBatchBlock(lookup: lookup, encoder: IPRouteJSON(snapshot: snapshot), packet: packet)
        var writer = JSONWriter()
        try reader.forEachLine { line in
            if block.add(line) { block.answer(writing: &writer) }
        }
        block.answer(writing: &writer)
        let flushStarted = ContinuousClock.now
        writer.flush(to: OutputBuffer.standardOutputSink)
        block.outputTime += ContinuousClock.now - flushStarted
        let seconds = (ContinuousClock.now - started).seconds

        let load = loaded.readSeconds + indexSeconds
        let size = lookup.indexSize
        let lines = block.lines
        var errors = OutputBuffer(descriptor: STDERR_FILENO)
        errors.line("podroute trace --batch: load \(Self.format(load)) s (read \(Self.format(loaded.readSeconds)) s, index \(Self.format(indexSeconds)) s: \(snapshot.routes.count) routes, \(size.prefixes) prefixes, \(size.ranges) ranges, \(heap)); lookups \(Self.format(seconds)) s for \(lines) lines (\(lines == 0 ? "0" : Self.format(seconds / Double(lines) * 1e6)) µs each: lookup \(Self.format(block.lookupTime.seconds)) s, JSON output \(Self.format(block.outputTime.seconds)) s, reading lines the rest); lookups began at CLOCK_MONOTONIC \(lookupsBegan) s")
        errors.flush()
    }

    private static func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// Addresses read straight from a line's bytes: a dotted quad without a String, anything
/// else through `IPAddress`'s own parser.
enum BatchAddress {
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        let text = trimmed(line)
        if let value = dottedQuad(text) { return .v4(IPv4Address(value)) }
        guard !text.isEmpty, text.count <= 64 else { return nil }
        return IPAddress(String(decoding: text, as: UTF8.self))
    }

    static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = line.count
        func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0d }
        while start < end, blank(line[start]) { start += 1 }
        while end > start, blank(line[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }

    /// `a.b.c.d` with each part 0-255 and no leading zero; nil for anything else (which then
    /// takes the full parser and its verdict).
    @inline(__always)
    static func dottedQuad(_ text: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | part
                part = 0
                digits = 0
                dots += 1
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10, !(digits == 1 && part == 0) else { return nil }
                part = part * 10 + UInt32(digit)
                digits += 1
                guard part <= 255 else { return nil }
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | part
    }
}
