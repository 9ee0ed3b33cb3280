/// One routing table's prefixes flattened into sorted, non-overlapping address ranges, each
/// naming the most specific prefix that covers it (DXR: Zec, Rizzo and Mikuc, "DXR: towards a
/// billion routing lookups per second in software", 2012).
///
/// A lookup reads a direct table indexed by the address's first 16 bits, which narrows it to
/// the few ranges starting inside that /16, then binary-searches those. On a million host
/// routes that is one table read and two or three probes of contiguous memory, where a hash
/// per prefix length costs a probe per length and a binary trie a node per bit.
struct RangeTable<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// The first address of each range, ascending; `starts[0]` is always 0.
    private(set) var starts: [Word] = [0]
    /// The prefix (an id of the owning `PrefixIndex`) covering each range, -1 for none.
    private(set) var owners: [Int32] = [-1]
    /// `directory[h]`: the last range starting at or before the first address of slice `h`
    /// (the top 16 bits); `directory[65536]` is the last range. Empty for small tables.
    private var directory: [UInt32] = []

    private static var sliceShift: Int { Word.bitWidth - 16 }
    /// Below this many ranges a plain binary search is as fast and the directory's 256 KiB is waste.
    private static var directoryThreshold: Int { 512 }

    /// Starts a range at `start` owned by `owner` (ranges are marked in ascending order; a mark at
    /// the start of the previous range replaces its owner, and a range with its predecessor's
    /// owner merges into it).
    mutating func mark(_ start: Word, owner: Int32) {
        if starts[starts.count - 1] == start {
            owners[owners.count - 1] = owner
            if owners.count >= 2, owners[owners.count - 2] == owner {
                starts.removeLast()
                owners.removeLast()
            }
        } else if owners[owners.count - 1] != owner {
            starts.append(start)
            owners.append(owner)
        }
    }

    /// Builds the directory once every range is marked.
    mutating func finish() {
        guard starts.count > Self.directoryThreshold else { return }
        var directory = [UInt32](repeating: 0, count: 65_537)
        var range = 0
        for slice in 0..<65_536 {
            let first = Word(truncatingIfNeeded: slice) << Self.sliceShift
            while range + 1 < starts.count, starts[range + 1] <= first { range += 1 }
            directory[slice] = UInt32(range)
        }
        directory[65_536] = UInt32(starts.count - 1)
        self.directory = directory
    }

    /// The most specific prefix covering `word`, or -1.
    @inline(__always)
    func owner(of word: Word) -> Int32 {
        var low: Int
        var high: Int
        if directory.isEmpty {
            low = 0
            high = starts.count - 1
        } else {
            let slice = Int(truncatingIfNeeded: word >> Self.sliceShift)
            low = Int(directory[slice])
            high = Int(directory[slice + 1])
        }
        // The last range in [low, high] starting at or before `word`; `starts[low] <= word` holds.
        starts.withUnsafeBufferPointer { starts in
            while low < high {
                let middle = (low + high + 1) >> 1
                if starts[middle] <= word { low = middle } else { high = middle - 1 }
            }
        }
        return owners[low]
    }

    var rangeCount: Int { starts.count }
}
