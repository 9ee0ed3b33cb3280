/// A network prefix (`10.21.0.0/16`, `2001:db8::/64`) whose host bits are always clear.
public struct IPPrefix: Hashable, Comparable, Sendable {
    public let address: IPAddress
    public let length: UInt8

    /// A prefix from a network address; nil when the address has host bits set for `length`.
    public init?(address: IPAddress, length: UInt8) {
        guard length <= address.family.bitWidth, address.masked(to: length) == address else { return nil }
        self.address = address
        self.length = length
    }

    /// The prefix containing `address`, host bits cleared (`10.21.69.212/26` -> `10.21.69.192/26`).
    public init(containing address: IPAddress, length: UInt8) {
        let length = min(length, address.family.bitWidth)
        self.address = address.masked(to: length)
        self.length = length
    }

    /// The host prefix of one address (/32 or /128).
    public init(host address: IPAddress) {
        self.address = address
        self.length = address.family.bitWidth
    }

    /// `0.0.0.0/0` or `::/0`.
    public static func `default`(_ family: AddressFamily) -> IPPrefix {
        IPPrefix(host: .any(family)).widened(to: 0)
    }

    public var family: AddressFamily { address.family }
    public var isDefault: Bool { length == 0 }
    public var isHost: Bool { length == family.bitWidth }

    /// The first and last addresses the prefix covers.
    public var first: IPAddress { address }
    public var last: IPAddress { address.filled(from: length) }

    public func contains(_ other: IPAddress) -> Bool {
        other.family == family && other.masked(to: length) == address
    }

    /// True when `other` lies wholly inside this prefix (equal prefixes included).
    public func contains(_ other: IPPrefix) -> Bool {
        other.family == family && other.length >= length && contains(other.address)
    }

    /// True when the two prefixes share at least one address.
    public func overlaps(_ other: IPPrefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// The enclosing prefix of a shorter length.
    public func widened(to newLength: UInt8) -> IPPrefix {
        IPPrefix(containing: address, length: min(newLength, length))
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.address, a.length) < (b.address, b.length)
    }
}

extension IPPrefix: CustomStringConvertible {
    /// Always `address/length`; iproute2's habit of dropping `/32` belongs to its encoder.
    public var description: String { "\(address)/\(length)" }
}

extension IPAddress {
    /// The address with every bit after the first `length` cleared.
    public func masked(to length: UInt8) -> IPAddress {
        switch self {
        case .v4(let address):
            let mask: UInt32 = length == 0 ? 0 : ~0 << (32 - UInt32(min(length, 32)))
            return .v4(IPv4Address(address.value & mask))
        case .v6(let address):
            let (highMask, lowMask) = Self.v6Masks(length)
            return .v6(IPv6Address(high: address.high & highMask, low: address.low & lowMask))
        }
    }

    /// The address with every bit after the first `length` set (the last address of the prefix).
    public func filled(from length: UInt8) -> IPAddress {
        switch self {
        case .v4(let address):
            let mask: UInt32 = length == 0 ? 0 : ~0 << (32 - UInt32(min(length, 32)))
            return .v4(IPv4Address(address.value | ~mask))
        case .v6(let address):
            let (highMask, lowMask) = Self.v6Masks(length)
            return .v6(IPv6Address(high: address.high | ~highMask, low: address.low | ~lowMask))
        }
    }

    private static func v6Masks(_ length: UInt8) -> (UInt64, UInt64) {
        let length = UInt64(min(length, 128))
        let high: UInt64 = length == 0 ? 0 : length >= 64 ? ~0 : ~0 << (64 - length)
        let low: UInt64 = length <= 64 ? 0 : length == 128 ? ~0 : ~0 << (128 - length)
        return (high, low)
    }

    /// The address `offset` places further on (wrapping within the family).
    public func advanced(by offset: UInt64) -> IPAddress {
        switch self {
        case .v4(let address):
            return .v4(IPv4Address(address.value &+ UInt32(truncatingIfNeeded: offset)))
        case .v6(let address):
            let (low, carry) = address.low.addingReportingOverflow(offset)
            return .v6(IPv6Address(high: address.high &+ (carry ? 1 : 0), low: low))
        }
    }
}
