/// An append-only array stored in fixed-size chunks, so growing to a million elements never
/// copies the whole array (a doubling reallocation would briefly need 1.5x the memory), and a
/// copy-on-write mutation copies one chunk, not everything.
struct ChunkedArray<Element: Sendable>: Sendable {
    private static var shift: Int { 14 }
    private static var chunkSize: Int { 1 << shift }
    private static var mask: Int { chunkSize - 1 }

    private var chunks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            var chunk: [Element] = []
            // The first chunk grows on demand so small snapshots stay small.
            if count > 0 { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    subscript(index: Int) -> Element {
        get { chunks[index >> Self.shift][index & Self.mask] }
        set { chunks[index >> Self.shift][index & Self.mask] = newValue }
    }
}
