/// An IPv4 address, stored in host order so comparisons and masks are plain integer operations.
public struct IPv4Address: Hashable, Comparable, Sendable {
    public var value: UInt32

    public init(_ value: UInt32) { self.value = value }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Builds an address from four bytes in network order.
    public init<Bytes: Collection>(networkBytes bytes: Bytes) where Bytes.Element == UInt8 {
        precondition(bytes.count == 4, "an IPv4 address is 4 bytes")
        value = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Parses strict dotted-quad text (`10.21.69.212`): four decimal octets, no leading zeros
    /// beyond a single `0`, so `010.1.1.1` (octal to some libcs) is refused rather than guessed.
    public init?(_ text: Substring) {
        var result: UInt32 = 0
        var octets = 0
        var current: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && leadingZero { return nil }
                if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
                current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if current > 255 || digits > 3 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, octets < 3 else { return nil }
                result = result << 8 | current
                octets += 1
                current = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        value = result << 8 | current
    }

    public init?(_ text: String) { self.init(Substring(text)) }

    /// The four bytes in network order.
    public var networkBytes: [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    public static let any = IPv4Address(0)

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

extension IPv4Address: CustomStringConvertible {
    public var description: String {
        var text = ""
        text.reserveCapacity(15)
        appendDescription(to: &text)
        return text
    }

    /// Appends the dotted-quad form without an intermediate allocation.
    public func appendDescription(to text: inout String) {
        text += String(value >> 24)
        text += "."
        text += String(value >> 16 & 0xff)
        text += "."
        text += String(value >> 8 & 0xff)
        text += "."
        text += String(value & 0xff)
    }
}
