/// One routing table's prefixes flattened into sorted, non-overlapping address ranges, each
/// naming the most specific prefix that covers it (DXR: Zec, Rizzo and Mikuc, "DXR: towards a
/// billion routing lookups per second in software", 2012).
///
/// A lookup reads a direct table indexed by the address's first 16 bits, which narrows it to
/// the ranges starting inside that /16, then binary-searches those. A /16 crowded with ranges
/// (a million routes packed into 10.0.0.0/8 put thousands in each) gets a second directory
/// over as many of the next bits as leave about four ranges per entry, so the search stays in
/// the cache line or two the directory pointed at.
///
/// Each range also carries a resolved answer (`resolve(_:)`): what a plain query gets from the
/// table there, parents' fallbacks already followed, so the common lookup reads one range and
/// stops; the owning prefix is kept apart for the lookups that need it.
struct RangeTable<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// One range: its first address and the resolved answer (the owner until `resolve(_:)`).
    struct Range {
        var start: Word
        var answer: Int32
    }

    /// The ranges, ascending by start; `ranges[0].start` is always 0.
    private(set) var ranges: [Range] = [Range(start: 0, answer: -1)]
    /// The prefix (an id of the owning `PrefixIndex`) covering each range, -1 for none.
    private(set) var owners: [Int32] = [-1]

    /// One slice (the addresses sharing their first 16 bits) of the directory.
    private struct Slice {
        /// The last range starting at or before the slice's first address.
        var range: UInt32
        /// The slice's second directory: its offset in `subdirectories` shifted left by 5, or'ed
        /// with the number of address bits it covers; 0 for none.
        var subdirectory: UInt32
    }

    /// `directory[h]` for slice `h`; `directory[65536]` holds the last range. Empty for small tables.
    private var directory: [Slice] = []
    /// Second directories of 2^bits + 1 entries each: entry `s` is the last range starting at or
    /// before the first address of sub-slice `s`, the last entry the slice's upper bound.
    private var subdirectories: [UInt32] = []

    private static var sliceShift: Int { Word.bitWidth - 16 }
    /// Below this many ranges a plain binary search is as fast and the directory's 512 KiB is waste.
    private static var directoryThreshold: Int { 512 }
    /// A slice holding more ranges than this gets a second directory (at most 2 bytes per range).
    private static var subdirectoryThreshold: Int { 32 }

    /// Starts a range at `start` owned by `owner` (ranges are marked in ascending order; a mark at
    /// the start of the previous range replaces its owner, and a range with its predecessor's
    /// owner merges into it).
    mutating func mark(_ start: Word, owner: Int32) {
        if ranges[ranges.count - 1].start == start {
            owners[owners.count - 1] = owner
            ranges[ranges.count - 1].answer = owner
            if owners.count >= 2, owners[owners.count - 2] == owner {
                ranges.removeLast()
                owners.removeLast()
            }
        } else if owners[owners.count - 1] != owner {
            ranges.append(Range(start: start, answer: owner))
            owners.append(owner)
        }
    }

    /// Builds the directories once every range is marked.
    mutating func finish() {
        guard ranges.count > Self.directoryThreshold else { return }
        var directory = [Slice](repeating: Slice(range: 0, subdirectory: 0), count: 65_537)
        var subdirectories: [UInt32] = []
        ranges.withUnsafeBufferPointer { ranges in
            /// The last range at or after `range` starting at or before `first`.
            func last(from range: Int, atOrBefore first: Word) -> Int {
                var range = range
                while range + 1 < ranges.count, ranges[range + 1].start <= first { range += 1 }
                return range
            }
            var range = 0
            for slice in 0..<65_536 {
                range = last(from: range, atOrBefore: Word(truncatingIfNeeded: slice) << Self.sliceShift)
                directory[slice].range = UInt32(range)
            }
            directory[65_536].range = UInt32(ranges.count - 1)
            for slice in 0..<65_536 {
                let low = Int(directory[slice].range)
                let high = Int(directory[slice + 1].range)
                guard high - low > Self.subdirectoryThreshold else { continue }
                let bits = Self.subsliceBits(ranges: high - low)
                directory[slice].subdirectory = UInt32(subdirectories.count) << 5 | UInt32(bits)
                var range = low
                for subslice in 0..<(1 << bits) {
                    let first = Word(truncatingIfNeeded: slice) << Self.sliceShift
                        | Word(truncatingIfNeeded: subslice) << (Self.sliceShift - bits)
                    range = last(from: range, atOrBefore: first)
                    subdirectories.append(UInt32(range))
                }
                subdirectories.append(UInt32(high))
            }
        }
        // The offset shares a word with the bit count (see `Slice`).
        precondition(subdirectories.count < 1 << 27, "a second directory beyond 2^27 entries")
        self.directory = directory
        self.subdirectories = subdirectories
    }

    /// Enough bits of the address after the first 16 that `count` ranges spread about four per
    /// entry (32 bytes of IPv4 ranges: one cache line, sometimes two).
    private static func subsliceBits(ranges count: Int) -> Int {
        min(16, Int.bitWidth - (count / 4).leadingZeroBitCount)
    }

    /// Replaces each range's answer with `answer(owner)`.
    mutating func resolve(_ answer: (Int32) -> Int32) {
        for position in ranges.indices { ranges[position].answer = answer(owners[position]) }
    }

    /// The most specific prefix covering `word`, or -1.
    @inline(__always)
    func owner(of word: Word) -> Int32 { owners[position(of: word)] }

    /// The resolved answer where `word` lies (the owner, before `resolve(_:)`).
    @inline(__always)
    func answer(of word: Word) -> Int32 {
        ranges.withUnsafeBufferPointer { $0[position(of: word, in: $0)].answer }
    }

    /// Reads what the lookups of `words` will read, in two passes of independent reads: the
    /// second-directory entry of each word, then the first and last range of its search. A lookup's
    /// reads depend on each other, so it waits for its cache misses one at a time; these short
    /// loops keep many in flight at once. `scratch` carries the positions from one pass to the
    /// next. Returns a value that means nothing.
    func warm(_ words: UnsafeBufferPointer<Word>, scratch: UnsafeMutableBufferPointer<Int>) -> UInt64 {
        guard !directory.isEmpty else { return 0 }
        var sum: UInt64 = 0
        directory.withUnsafeBufferPointer { directory in
            subdirectories.withUnsafeBufferPointer { subdirectories in
                // A position in `subdirectories`, or the complement of a slice without one.
                for (number, word) in words.enumerated() {
                    let slice = Int(truncatingIfNeeded: word >> Self.sliceShift)
                    let entry = directory[slice]
                    guard entry.subdirectory != 0 else {
                        scratch[number] = ~slice
                        continue
                    }
                    let position = Self.subdirectoryPosition(entry, word)
                    sum &+= UInt64(subdirectories[position])
                    scratch[number] = position
                }
                // Both ends of the search: its ranges may span two cache lines.
                ranges.withUnsafeBufferPointer { ranges in
                    for position in scratch.prefix(words.count) {
                        let (low, high) = position >= 0 ? (subdirectories[position], subdirectories[position + 1])
                            : (directory[~position].range, directory[~position + 1].range)
                        sum &+= UInt64(truncatingIfNeeded: ranges[Int(low)].start) &+ UInt64(truncatingIfNeeded: ranges[Int(high)].start)
                    }
                }
            }
        }
        return sum
    }

    var rangeCount: Int { ranges.count }

    /// The range holding `word`.
    @inline(__always)
    private func position(of word: Word) -> Int {
        ranges.withUnsafeBufferPointer { position(of: word, in: $0) }
    }

    @inline(__always)
    private func position(of word: Word, in ranges: UnsafeBufferPointer<Range>) -> Int {
        var (low, high) = bounds(of: word)
        // The last range in [low, high] starting at or before `word`; `ranges[low].start <= word` holds.
        while low < high {
            let middle = (low + high + 1) >> 1
            if ranges[middle].start <= word { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The first and last range that can hold `word`, from the directories.
    @inline(__always)
    private func bounds(of word: Word) -> (low: Int, high: Int) {
        guard !directory.isEmpty else { return (0, ranges.count - 1) }
        let slice = Int(truncatingIfNeeded: word >> Self.sliceShift)
        let entry = directory[slice]
        guard entry.subdirectory != 0 else { return (Int(entry.range), Int(directory[slice + 1].range)) }
        let position = Self.subdirectoryPosition(entry, word)
        return subdirectories.withUnsafeBufferPointer { (Int($0[position]), Int($0[position + 1])) }
    }

    /// The entry of `word`'s sub-slice in the second directory of its slice (`entry`, which has one).
    @inline(__always)
    private static func subdirectoryPosition(_ entry: Slice, _ word: Word) -> Int {
        let bits = Int(entry.subdirectory & 31)
        return Int(entry.subdirectory >> 5) + Int(truncatingIfNeeded: (word << 16) >> (Word.bitWidth - bits))
    }
}
