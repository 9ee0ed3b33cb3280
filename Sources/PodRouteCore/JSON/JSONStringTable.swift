/// Names kept as ready-made JSON strings (quotes and escapes included) and found by number,
/// so that printing a million routes costs no hashing, escaping or reference counting for
/// `"main"`, `"boot"`, `"global"` or a device name: one array index and one copy.
struct JSONStringTable: Sendable {
    private var storage: [UInt8] = []
    /// Per slot: where its JSON string starts in `storage` and how long it is (-1: none).
    private var starts: [Int32] = []
    private var lengths: [Int32] = []

    /// A table of `count` slots; `name(slot)` gives each slot's text, nil for none.
    init(count: Int, name: (Int) -> String?) {
        starts = Array(repeating: 0, count: count)
        lengths = Array(repeating: -1, count: count)
        var writer = JSONWriter(capacity: 256)
        for slot in 0..<count {
            guard let text = name(slot) else { continue }
            writer.string(text)
            starts[slot] = Int32(storage.count)
            lengths[slot] = Int32(writer.count)
            writer.withUnsafeBytes { storage.append(contentsOf: $0) }
            writer.flush { _ in }
            writer.resetSeparator()
        }
    }

    var count: Int { lengths.count }

    /// Writes the slot's string as a JSON value; false when the slot is out of range or empty.
    @inline(__always)
    func write(_ slot: Int, to writer: inout JSONWriter) -> Bool {
        guard slot >= 0, slot < lengths.count else { return false }
        let length = Int(lengths[slot])
        guard length >= 0 else { return false }
        let start = Int(starts[slot])
        writer.separate()
        storage.withUnsafeBufferPointer { writer.put(UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
        writer.finishValue()
        return true
    }
}
