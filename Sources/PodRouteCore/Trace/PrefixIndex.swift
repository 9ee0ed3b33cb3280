/// Longest-prefix match over one routing table of one family: a hash table per prefix length
/// present, probed from the longest length down. With the handful of lengths a real table
/// holds (/32 workloads, /26 blocks, /24 subnets, /0) that is a few hash probes per lookup,
/// and building it for a million routes is one pass with no trie nodes to allocate.
struct PrefixIndex<Key: PrefixKey>: Sendable {
    /// Distinct prefix lengths, longest first.
    private(set) var lengths: [UInt8] = []
    private var tables: [UInt8: [Key: RouteBucket]] = [:]

    mutating func insert(_ key: Key, length: UInt8, route: Int32) {
        let masked = key.masked(to: length)
        if tables[length] == nil {
            tables[length] = [:]
            lengths.append(length)
            lengths.sort(by: >)
        }
        tables[length]![masked, default: RouteBucket()].append(route)
    }

    /// The buckets covering `key`, most specific first.
    func matches(_ key: Key) -> some Sequence<(length: UInt8, bucket: RouteBucket)> {
        lengths.lazy.compactMap { length in
            tables[length]?[key.masked(to: length)].map { (length, $0) }
        }
    }

    /// The bucket of exactly this prefix.
    func bucket(_ key: Key, length: UInt8) -> RouteBucket? {
        tables[length]?[key.masked(to: length)]
    }
}

/// The routes sharing one prefix in one table (different metrics, TOS or types).
struct RouteBucket: Sendable {
    private(set) var first: Int32 = -1
    private(set) var rest: [Int32] = []

    mutating func append(_ route: Int32) {
        if first < 0 { first = route } else { rest.append(route) }
    }

    var routes: [Int32] { first < 0 ? [] : [first] + rest }
    var isSingle: Bool { rest.isEmpty }
}

/// An address usable as a prefix-index key.
protocol PrefixKey: Hashable, Sendable {
    func masked(to length: UInt8) -> Self
}

extension IPv4Address: PrefixKey {
    func masked(to length: UInt8) -> IPv4Address {
        IPv4Address(length == 0 ? 0 : value & (~0 << (32 - UInt32(length))))
    }
}

extension IPv6Address: PrefixKey {
    func masked(to length: UInt8) -> IPv6Address {
        let bits = UInt64(length)
        let highMask: UInt64 = bits == 0 ? 0 : bits >= 64 ? ~0 : ~0 << (64 - bits)
        let lowMask: UInt64 = bits <= 64 ? 0 : bits >= 128 ? ~0 : ~0 << (128 - bits)
        return IPv6Address(high: high & highMask, low: low & lowMask)
    }
}
