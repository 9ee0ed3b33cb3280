/// Every prefix of one family's routing tables: the routes of each prefix in the order the
/// kernel tries them, the next shorter prefix containing it (where the kernel falls back when
/// none of a prefix's routes is usable), and per table a `RangeTable` answering longest-prefix
/// match in a table read and a short binary search.
///
/// Prefixes are numbered densely (`Int32` ids) so that per-prefix facts live in flat arrays.
struct PrefixIndex<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// Prefix length of each prefix.
    private(set) var lengths: [UInt8] = []
    /// The longest shorter prefix of the same table containing each prefix, or -1.
    private(set) var parents: [Int32] = []
    /// The routes of prefix `p` are `bucketRoutes[bucketStarts[p]..<bucketStarts[p + 1]]`.
    private var bucketStarts: [Int32] = [0]
    private var bucketRoutes: [Int32] = []
    /// One range table per table slot.
    private var tables: [RangeTable<Word>] = []

    var prefixCount: Int { lengths.count }

    /// The most specific prefix of table `slot` containing `word`, or -1.
    @inline(__always)
    func longestMatch(_ word: Word, tableSlot slot: Int) -> Int32 {
        tables[slot].owner(of: word)
    }

    /// Table `slot`'s resolved answer for `word` (see `resolveAnswers(_:)`).
    @inline(__always)
    func resolvedAnswer(_ word: Word, tableSlot slot: Int) -> Int32 {
        tables[slot].answer(of: word)
    }

    /// Reads what the lookups of `words` in table `slot` will read (`RangeTable.warm`).
    func warm(_ words: UnsafeBufferPointer<Word>, tableSlot slot: Int, scratch: UnsafeMutableBufferPointer<Int>) -> UInt64 {
        tables[slot].warm(words, scratch: scratch)
    }

    /// Gives every range of every table the answer `answer(owner)`.
    mutating func resolveAnswers(_ answer: (Int32) -> Int32) {
        for slot in tables.indices { tables[slot].resolve(answer) }
    }

    /// The routes of a prefix (indexes into the snapshot's `RouteStore`), in the kernel's order.
    func routes(of prefix: Int32) -> ArraySlice<Int32> {
        bucketRoutes[Int(bucketStarts[Int(prefix)])..<Int(bucketStarts[Int(prefix) + 1])]
    }

    /// The ranges of each table, for tests and sizing.
    var rangeCounts: [Int] { tables.map(\.rangeCount) }

    fileprivate init() {}

    fileprivate mutating func reserve(prefixes: Int, routes: Int) {
        lengths.reserveCapacity(prefixes)
        parents.reserveCapacity(prefixes)
        bucketStarts.reserveCapacity(prefixes + 1)
        bucketRoutes.reserveCapacity(routes)
    }

    /// Appends a prefix whose routes are the ones appended since the previous prefix.
    fileprivate mutating func appendPrefix(length: UInt8) {
        lengths.append(length)
        parents.append(-1)
        bucketStarts.append(Int32(bucketRoutes.count))
    }

    fileprivate mutating func appendRoute(_ route: Int32) { bucketRoutes.append(route) }

    fileprivate mutating func setParent(_ parent: Int32, of prefix: Int) { parents[prefix] = parent }
    fileprivate mutating func appendTable(_ table: RangeTable<Word>) { tables.append(table) }
}

/// Collects the routes of one family, then builds their `PrefixIndex`.
struct PrefixIndexBuilder<Word: FixedWidthInteger & UnsignedInteger & Sendable> {
    private struct Entry {
        /// The prefix's first address (host bits clear).
        var word: Word
        var slot: UInt32
        var length: UInt8
        /// 255 - tos: the kernel tries routes of higher TOS first.
        var tosKey: UInt8
        var metric: UInt32
        var route: Int32

        /// Table, then address, then longer prefixes first (the order of a kernel dump), then
        /// the kernel's order among routes of one prefix: TOS descending, metric ascending.
        static func precedes(_ a: Entry, _ b: Entry) -> Bool {
            if a.slot != b.slot { return a.slot < b.slot }
            if a.word != b.word { return a.word < b.word }
            if a.length != b.length { return a.length > b.length }
            if a.tosKey != b.tosKey { return a.tosKey < b.tosKey }
            if a.metric != b.metric { return a.metric < b.metric }
            return a.route < b.route
        }
    }

    private var entries: [Entry] = []

    mutating func reserve(_ count: Int) { entries.reserveCapacity(count) }

    /// Adds route `route` of table slot `slot` for the prefix `word/length` (host bits clear).
    mutating func add(_ word: Word, length: UInt8, tableSlot slot: Int, tos: UInt8, metric: UInt32, route: Int32) {
        entries.append(Entry(word: word, slot: UInt32(slot), length: length, tosKey: 255 - tos, metric: metric, route: route))
    }

    /// Builds the index of `tableCount` table slots.
    consuming func build(tableCount: Int) -> PrefixIndex<Word> {
        // A dump arrives in this order already; checking is far cheaper than sorting a million.
        var sorted = true
        for position in entries.indices.dropFirst() where !Entry.precedes(entries[position - 1], entries[position]) {
            sorted = false
            break
        }
        if !sorted { entries.sort(by: Entry.precedes) }

        var index = PrefixIndex<Word>()
        index.reserve(prefixes: entries.count, routes: entries.count)
        var firstPrefixOfSlot = [Int](repeating: 0, count: tableCount + 1)
        var position = 0
        for slot in 0..<tableCount {
            firstPrefixOfSlot[slot] = index.prefixCount
            while position < entries.count, entries[position].slot == slot {
                let head = entries[position]
                index.appendRoute(head.route)
                position += 1
                // One route at a time: appending a lazily mapped slice per prefix went through
                // unspecialised generic code, a quarter of the index build.
                while position < entries.count, entries[position].slot == head.slot, entries[position].word == head.word,
                      entries[position].length == head.length {
                    index.appendRoute(entries[position].route)
                    position += 1
                }
                index.appendPrefix(length: head.length)
            }
        }
        firstPrefixOfSlot[tableCount] = index.prefixCount

        // The prefixes again, for the range sweep: first address of each, in prefix-id order.
        var words: [Word] = []
        words.reserveCapacity(index.prefixCount)
        position = 0
        while position < entries.count {
            let head = entries[position]
            words.append(head.word)
            position += 1
            while position < entries.count, entries[position].slot == head.slot, entries[position].word == head.word,
                  entries[position].length == head.length { position += 1 }
        }
        entries = []
        for slot in 0..<tableCount {
            index.appendTable(Self.ranges(of: firstPrefixOfSlot[slot]..<firstPrefixOfSlot[slot + 1],
                                          words: words, index: &index))
        }
        return index
    }

    /// Sweeps one table's prefixes (ascending address, longer first at one address) with a stack
    /// of the prefixes still open, marking a range wherever the most specific covering prefix
    /// changes and recording each prefix's parent: the innermost open prefix when it starts.
    private static func ranges(of prefixes: Range<Int>, words: [Word], index: inout PrefixIndex<Word>) -> RangeTable<Word> {
        var table = RangeTable<Word>()
        var open: [(last: Word, prefix: Int32)] = []
        var position = prefixes.lowerBound
        while position < prefixes.upperBound {
            let start = words[position]
            var end = position + 1
            while end < prefixes.upperBound, words[end] == start { end += 1 }
            // Close the prefixes that end before this address.
            while let top = open.last, top.last < start {
                open.removeLast()
                table.mark(top.last &+ 1, owner: open.last?.prefix ?? -1)
            }
            // Shorter prefixes contain longer ones: open them first.
            for prefix in (position..<end).reversed() {
                index.setParent(open.last?.prefix ?? -1, of: prefix)
                open.append((lastAddress(start, length: index.lengths[prefix]), Int32(prefix)))
            }
            table.mark(start, owner: Int32(position))
            position = end
        }
        // Close the rest; a prefix reaching the last address leaves no range after it.
        while let top = open.popLast() {
            if top.last != Word.max { table.mark(top.last &+ 1, owner: open.last?.prefix ?? -1) }
        }
        table.finish()
        return table
    }

    private static func lastAddress(_ first: Word, length: UInt8) -> Word {
        let length = Int(length)
        if length == 0 { return Word.max }
        if length >= Word.bitWidth { return first }
        return first | (Word.max >> length)
    }
}
