/// What `IPRouteJSON.writeTrailingMembers` reads of a route read in place: two routes equal in
/// these print the same members from `dev` on.
struct IPRouteTrailKey: Equatable {
    var metric: UInt32
    var table: UInt32
    var device: Int32
    var flags: UInt32
    var proto: UInt8
    var scope: UInt8
    /// The packed record's presence bits (which optional fields it has).
    var presence: UInt8
    var preference: UInt8
    /// The family too: the packed source address is of the route's family.
    var preferredSource: IPAddress

    /// A slot of a table of 2^bits entries.
    func slot(bits: Int) -> Int {
        var mixed = UInt64(UInt32(bitPattern: device)) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= UInt64(table) &+ UInt64(proto) << 32 &+ UInt64(scope) << 40 &+ UInt64(presence) << 48
        mixed ^= UInt64(flags) << 7 ^ UInt64(metric) << 19
        mixed = mixed &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - bits))
    }
}

/// `IPRouteJSON` for many routes of a `RouteStore` (`trace --batch`): each route's leading
/// members (`type` to `via`) are written as usual, its trailing ones (`dev` to `family`) copied
/// from the bytes written for an earlier route of the same `IPRouteTrailKey`. A hundred thousand
/// looked-up routes come in a handful of shapes (device, table, protocol, scope, flags), and
/// copying their ninety bytes costs a fraction of writing a dozen tokens one by one. The output
/// is byte for byte `IPRouteJSON.write(_:at:to:)`'s.
public struct IPRouteTrailCache: Sendable {
    public let encoder: IPRouteJSON
    private static let bits = 8
    private var keys: [IPRouteTrailKey?] = Array(repeating: nil, count: 1 << bits)
    /// Where each slot's bytes are in `storage`.
    private var spans: [Range<Int>] = Array(repeating: 0..<0, count: 1 << bits)
    /// Every slot's bytes, appended as slots are filled; emptied when it outgrows `storageLimit`.
    private var storage: [UInt8] = []
    private static let storageLimit = 1 << 20

    public init(encoder: IPRouteJSON) {
        self.encoder = encoder
    }

    /// Writes the route at `position` of `routes` as `encoder` would.
    public mutating func write(_ routes: RouteStore, at position: Int, to writer: inout JSONWriter) {
        guard let view = routes.packedView(at: position) else { return encoder.write(routes, at: position, to: &writer) }
        writer.beginObject()
        encoder.writeLeadingMembers(view, to: &writer)
        let key = view.trailKey
        let slot = key.slot(bits: Self.bits)
        if keys[slot] != key { remember(view, key: key, slot: slot) }
        let span = spans[slot]
        // `dst` always precedes: the remembered members begin with their comma.
        storage.withUnsafeBufferPointer { writer.put(UnsafeBufferPointer(rebasing: $0[span])) }
        writer.endObject()
    }

    private mutating func remember(_ view: PackedRouteView, key: IPRouteTrailKey, slot: Int) {
        var members = JSONWriter(capacity: 256)
        members.finishValue()
        encoder.writeTrailingMembers(view, to: &members)
        if storage.count + members.count > Self.storageLimit {
            storage.removeAll(keepingCapacity: true)
            keys = Array(repeating: nil, count: 1 << Self.bits)
        }
        let start = storage.count
        members.withUnsafeBytes { storage.append(contentsOf: $0) }
        keys[slot] = key
        spans[slot] = start..<storage.count
    }
}
