extension JSONWriter {
    /// Writes `text` as a quoted JSON string.
    ///
    /// Interface names and aliases are operator-controlled bytes (`ip link set dev X alias`
    /// takes anything), and iproute2 copies control characters into its JSON unescaped, which
    /// makes its output invalid. podroute escapes everything JSON requires (`"`, `\`, C0
    /// controls) and also DEL, the C1 controls (U+0080-U+009F, CSI among them) and
    /// U+2028/U+2029, which are valid JSON but repaint terminals or break JavaScript
    /// consumers. Short forms (`\n`, `\t`, ...) are used where JSON has them, `\u00XX`
    /// otherwise. Swift strings are valid Unicode, so the output is always valid UTF-8.
    mutating func appendEscaped(_ text: String) {
        // Native strings lend their UTF-8 without a copy; others are copied once.
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0) }) {
            return done
        }
        var copy = text
        copy.withUTF8 { appendEscaped(utf8: $0) }
    }

    private mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        let count = utf8.count
        reserve(count + 2)
        put(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < count {
            let byte = utf8[index]
            // Plain printable ASCII other than the quote and backslash: keep scanning.
            if byte >= 0x20, byte < 0x7f, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            var length = 0  // bytes of the character to escape; 0 keeps scanning
            if byte < 0x80 {
                length = 1
            } else if byte == 0xc2, index + 1 < count, utf8[index + 1] < 0xa0 {
                length = 2  // U+0080-U+009F
            } else if byte == 0xe2, index + 2 < count, utf8[index + 1] == 0x80,
                      utf8[index + 2] == 0xa8 || utf8[index + 2] == 0xa9 {
                length = 3  // U+2028, U+2029
            }
            if length == 0 {
                index += 1
                continue
            }
            if runStart < index { put(UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            appendEscape(for: Self.scalarValue(utf8, at: index, length: length))
            index += length
            runStart = index
        }
        if runStart < count { put(UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
        put(UInt8(ascii: "\""))
    }

    /// Decodes the one-, two- or three-byte UTF-8 sequence the scanner chose to escape.
    private static func scalarValue(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> UInt32 {
        switch length {
        case 1: return UInt32(utf8[index])
        case 2: return UInt32(utf8[index] & 0x1f) << 6 | UInt32(utf8[index + 1] & 0x3f)
        default:
            return UInt32(utf8[index] & 0x0f) << 12 | UInt32(utf8[index + 1] & 0x3f) << 6
                | UInt32(utf8[index + 2] & 0x3f)
        }
    }

    private mutating func appendEscape(for scalar: UInt32) {
        put(UInt8(ascii: "\\"))
        switch scalar {
        case 0x22: put(UInt8(ascii: "\""))
        case 0x5c: put(UInt8(ascii: "\\"))
        case 0x08: put(UInt8(ascii: "b"))
        case 0x0c: put(UInt8(ascii: "f"))
        case 0x0a: put(UInt8(ascii: "n"))
        case 0x0d: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        default:
            put(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) {
                put(Self.hexDigit(UInt8(truncatingIfNeeded: (scalar >> UInt32(shift)) & 0xf)))
            }
        }
    }
}
