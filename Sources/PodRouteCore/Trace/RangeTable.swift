/// One routing table's prefixes flattened into sorted, non-overlapping address ranges, each
/// naming the most specific prefix that covers it (DXR: Zec, Rizzo and Mikuc, "DXR: towards a
/// billion routing lookups per second in software", 2012).
///
/// A lookup reads a direct table indexed by the address's first 16 bits, which narrows it to
/// the ranges starting inside that /16, then binary-searches those. A /16 crowded with ranges
/// (a million routes packed into 10.0.0.0/8 put thousands in each) gets a second directory
/// over the next 8 bits, so the search stays within a cache line or two instead of a dozen
/// probes scattered over tens of kilobytes.
struct RangeTable<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// The first address of each range, ascending; `starts[0]` is always 0.
    private(set) var starts: [Word] = [0]
    /// The prefix (an id of the owning `PrefixIndex`) covering each range, -1 for none.
    private(set) var owners: [Int32] = [-1]

    /// One slice (the addresses sharing their first 16 bits) of the directory.
    private struct Slice {
        /// The last range starting at or before the slice's first address.
        var range: UInt32
        /// Where the slice's second directory starts in `subdirectories`, or -1 for none.
        var subdirectory: Int32
    }

    /// `directory[h]` for slice `h`; `directory[65536]` holds the last range. Empty for small tables.
    private var directory: [Slice] = []
    /// Second directories of 257 entries each: entry `s` is the last range starting at or before
    /// the first address of sub-slice `s` (the next 8 bits), entry 256 the slice's upper bound.
    private var subdirectories: [UInt32] = []

    private static var sliceShift: Int { Word.bitWidth - 16 }
    private static var subsliceShift: Int { Word.bitWidth - 24 }
    /// Below this many ranges a plain binary search is as fast and the directory's 512 KiB is waste.
    private static var directoryThreshold: Int { 512 }
    /// A slice holding more ranges than this gets a second directory (1 KiB, so at most 8 bytes
    /// per range of the table).
    private static var subdirectoryThreshold: Int { 128 }

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

    /// Builds the directories once every range is marked.
    mutating func finish() {
        guard starts.count > Self.directoryThreshold else { return }
        var directory = [Slice](repeating: Slice(range: 0, subdirectory: -1), count: 65_537)
        var subdirectories: [UInt32] = []
        starts.withUnsafeBufferPointer { starts in
            /// The last range at or after `range` starting at or before `first`.
            func last(from range: Int, atOrBefore first: Word) -> Int {
                var range = range
                while range + 1 < starts.count, starts[range + 1] <= first { range += 1 }
                return range
            }
            var range = 0
            for slice in 0..<65_536 {
                range = last(from: range, atOrBefore: Word(truncatingIfNeeded: slice) << Self.sliceShift)
                directory[slice].range = UInt32(range)
            }
            directory[65_536].range = UInt32(starts.count - 1)
            for slice in 0..<65_536 {
                let low = Int(directory[slice].range)
                let high = Int(directory[slice + 1].range)
                guard high - low > Self.subdirectoryThreshold else { continue }
                directory[slice].subdirectory = Int32(subdirectories.count)
                var range = low
                for subslice in 0..<256 {
                    let first = Word(truncatingIfNeeded: slice) << Self.sliceShift
                        | Word(truncatingIfNeeded: subslice) << Self.subsliceShift
                    range = last(from: range, atOrBefore: first)
                    subdirectories.append(UInt32(range))
                }
                subdirectories.append(UInt32(high))
            }
        }
        self.directory = directory
        self.subdirectories = subdirectories
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
            let entry = directory[slice]
            if entry.subdirectory >= 0 {
                let position = Int(entry.subdirectory) + Int(truncatingIfNeeded: word >> Self.subsliceShift & 0xff)
                low = Int(subdirectories[position])
                high = Int(subdirectories[position + 1])
            } else {
                low = Int(entry.range)
                high = Int(directory[slice + 1].range)
            }
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
