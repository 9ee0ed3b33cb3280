/// An IPv6 address as two 64-bit halves in host order (`high` holds the first 8 bytes).
public struct IPv6Address: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Builds an address from sixteen bytes in network order.
    public init<Bytes: Collection>(networkBytes bytes: Bytes) where Bytes.Element == UInt8 {
        precondition(bytes.count == 16, "an IPv6 address is 16 bytes")
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (offset, byte) in bytes.enumerated() {
            if offset < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    /// Builds an address from its eight 16-bit groups.
    public init(groups: [UInt16]) {
        precondition(groups.count == 8, "an IPv6 address has 8 groups")
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
        self.init(high: high, low: low)
    }

    public static let any = IPv6Address(high: 0, low: 0)

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        (0..<8).map { index in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index % 4)))
        }
    }

    /// The sixteen bytes in network order.
    public var networkBytes: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: half >> UInt64(56 - 8 * (index % 8)))
        }
    }

    /// Parses RFC 4291 text: hex groups, one `::`, an optional embedded IPv4 suffix
    /// (`::ffff:10.0.0.1`). Zone indexes (`%eth0`) are not addresses and are refused.
    public init?(_ text: Substring) {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty, utf8.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        var index = 0
        if utf8.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawDoubleColon = true
            index = 2
        } else if utf8.first == UInt8(ascii: ":") {
            return nil
        }
        while index < utf8.count {
            // An IPv4 suffix: the rest is the last group and contains a dot (`::ffff:10.0.0.1`).
            if utf8[index...].contains(UInt8(ascii: ".")), !utf8[index...].contains(UInt8(ascii: ":")) {
                guard let v4 = IPv4Address(Substring(decoding: utf8[index...], as: UTF8.self)) else { return nil }
                let words = [UInt16(v4.value >> 16), UInt16(v4.value & 0xffff)]
                if sawDoubleColon { tail += words } else { head += words }
                index = utf8.count
                break
            }
            var group: UInt32 = 0
            var digits = 0
            while index < utf8.count, let nibble = Self.hexValue(utf8[index]) {
                group = group << 4 | UInt32(nibble)
                digits += 1
                index += 1
                if digits > 4 { return nil }
            }
            guard digits > 0 else { return nil }
            if sawDoubleColon { tail.append(UInt16(group)) } else { head.append(UInt16(group)) }
            if index == utf8.count { break }
            guard utf8[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index < utf8.count, utf8[index] == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                index += 1
            } else if index == utf8.count {
                return nil  // a trailing single colon
            }
        }
        let count = head.count + tail.count
        if sawDoubleColon {
            guard count <= 7 else { return nil }
            self.init(groups: head + Array(repeating: 0, count: 8 - count) + tail)
        } else {
            guard count == 8 else { return nil }
            self.init(groups: head)
        }
    }

    public init?(_ text: String) { self.init(Substring(text)) }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

extension IPv6Address: CustomStringConvertible {
    /// RFC 5952 text, exactly as glibc's `inet_ntop` (and so iproute2) prints it: lower case,
    /// no leading zeros, the first longest run of two or more zero groups as `::`, and the
    /// IPv4-mapped and IPv4-compatible forms with a dotted-quad tail.
    public var description: String {
        let words = groups
        var bestStart = -1, bestLength = 0
        var runStart = -1, runLength = 0
        for (index, word) in words.enumerated() {
            if word == 0 {
                if runStart < 0 { runStart = index; runLength = 0 }
                runLength += 1
                if runLength > bestLength { bestStart = runStart; bestLength = runLength }
            } else {
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if index > 0, !text.hasSuffix(":") { text += ":" }
            if index == 6, bestStart == 0, bestLength == 6 || (bestLength == 5 && words[5] == 0xffff) {
                IPv4Address(UInt32(words[6]) << 16 | UInt32(words[7])).appendDescription(to: &text)
                break
            }
            text += String(words[index], radix: 16)
            index += 1
        }
        return text
    }
}
