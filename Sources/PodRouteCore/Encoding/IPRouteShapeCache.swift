/// What `IPRouteJSON` reads of a route read in place besides its destination and gateway
/// addresses: two routes equal in these print the same bytes around those two.
struct IPRouteShapeKey: Equatable {
    var metric: UInt32
    var table: UInt32
    var device: Int32
    var flags: UInt32
    var type: UInt8
    var tos: UInt8
    var proto: UInt8
    var scope: UInt8
    /// The packed record's presence bits (which optional fields it has: a gateway among them).
    var presence: UInt8
    var preference: UInt8
    /// The family too: the packed source address is of the route's family.
    var preferredSource: IPAddress

    /// A slot of a table of 2^bits entries.
    func slot(bits: Int) -> Int {
        var mixed = UInt64(UInt32(bitPattern: device)) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= UInt64(table) &+ UInt64(proto) << 32 &+ UInt64(scope) << 40 &+ UInt64(presence) << 48 &+ UInt64(type) << 56
        mixed ^= UInt64(flags) << 7 ^ UInt64(metric) << 19 ^ UInt64(tos) << 51
        mixed = mixed &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - bits))
    }
}

/// `IPRouteJSON` for many routes of a `RouteStore` (`trace --batch`). A hundred thousand
/// looked-up routes come in a handful of shapes (type, device, table, protocol, scope, flags):
/// the first route of a shape is written by the encoder and its bytes are kept in three
/// pieces, split where its destination and gateway addresses stand. Every later route of that
/// shape is its addresses written between copies of those pieces, which costs a fraction of
/// writing a dozen members one by one. The output is byte for byte `IPRouteJSON.write(_:at:to:)`'s.
public struct IPRouteShapeCache: Sendable {
    /// A shape's bytes in `storage`: `{…"dst":"`, then up to the gateway's address (or to the
    /// end), then after it (empty without a gateway).
    private struct Pieces {
        var beforeDestination: Range<Int>
        var afterDestination: Range<Int>
        var afterGateway: Range<Int>
    }

    public let encoder: IPRouteJSON
    private static let bits = 8
    private var keys: [IPRouteShapeKey?] = Array(repeating: nil, count: 1 << bits)
    /// Nil for a shape whose bytes could not be split (then the encoder writes each route).
    private var pieces: [Pieces?] = Array(repeating: nil, count: 1 << bits)
    /// Every slot's bytes, appended as slots are filled; emptied when it outgrows `storageLimit`.
    private var storage: [UInt8] = []
    private static let storageLimit = 1 << 20
    /// Routes written from a shape's pieces (the others went to the encoder whole).
    private(set) var writtenFromPieces = 0

    public init(encoder: IPRouteJSON) {
        self.encoder = encoder
    }

    /// Writes the route at `position` of `routes` as `encoder` would.
    public mutating func write(_ routes: RouteStore, at position: Int, to writer: inout JSONWriter) {
        guard let view = routes.packedView(at: position) else { return encoder.write(routes, at: position, to: &writer) }
        let key = view.shapeKey
        let slot = key.slot(bits: Self.bits)
        if keys[slot] != key { remember(view, key: key, slot: slot) }
        guard let pieces = pieces[slot] else { return encoder.write(routes, at: position, to: &writer) }
        writer.separate()
        storage.withUnsafeBufferPointer { bytes in
            writer.put(UnsafeBufferPointer(rebasing: bytes[pieces.beforeDestination]))
            writer.appendRoutePrefix(view.destination)
            writer.put(UnsafeBufferPointer(rebasing: bytes[pieces.afterDestination]))
            if let gateway = view.gateway {
                writer.appendAddress(gateway)
                writer.put(UnsafeBufferPointer(rebasing: bytes[pieces.afterGateway]))
            }
        }
        writer.finishValue()
        writtenFromPieces &+= 1
    }

    private mutating func remember(_ view: PackedRouteView, key: IPRouteShapeKey, slot: Int) {
        var whole = JSONWriter(capacity: 512)
        encoder.write(view, to: &whole)
        let bytes = whole.bytes
        keys[slot] = key
        pieces[slot] = nil
        guard let split = Self.split(bytes, destination: view.destination, gateway: view.gateway) else { return }
        if storage.count + bytes.count > Self.storageLimit {
            storage.removeAll(keepingCapacity: true)
            keys = Array(repeating: nil, count: 1 << Self.bits)
            pieces = Array(repeating: nil, count: 1 << Self.bits)
            keys[slot] = key
        }
        let base = storage.count
        storage.append(contentsOf: bytes)
        pieces[slot] = Pieces(beforeDestination: base..<base + split.destination.lowerBound,
                              afterDestination: base + split.destination.upperBound..<base + (split.gateway?.lowerBound ?? bytes.count),
                              afterGateway: base + (split.gateway?.upperBound ?? bytes.count)..<base + bytes.count)
    }

    /// Where the texts of `destination` and `gateway` stand in `bytes` (a route's object): the
    /// values of its first `"dst":` and of the first `"gateway":` after it. Nil if either is
    /// missing, which the encoder never does.
    private static func split(_ bytes: [UInt8], destination: IPPrefix, gateway: IPAddress?) -> (destination: Range<Int>, gateway: Range<Int>?)? {
        guard let destinationText = valueText(in: bytes, from: 0, key: "dst", { $0.routePrefix(destination) }) else { return nil }
        guard let gateway else { return (destinationText, nil) }
        guard let gatewayText = valueText(in: bytes, from: destinationText.upperBound, key: "gateway", { $0.address(gateway) }) else { return nil }
        return (destinationText, gatewayText)
    }

    /// Where the text of the string value `value` writes under `key` stands in `bytes`, quotes
    /// excluded: the first such member at or after `start`.
    private static func valueText(in bytes: [UInt8], from start: Int, key: StaticString,
                                  _ value: (inout JSONWriter) -> Void) -> Range<Int>? {
        var member = JSONWriter(capacity: 64)
        member.key(key)
        let keyLength = member.count
        value(&member)
        guard let found = bytes[start...].firstRange(of: member.bytes) else { return nil }
        return found.lowerBound + keyLength + 1..<found.upperBound - 1
    }
}
