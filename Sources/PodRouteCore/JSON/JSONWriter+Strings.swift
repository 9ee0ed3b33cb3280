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
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                var length = 0  // bytes of the character to escape; 0 keeps scanning
                if byte < 0x20 || byte == 0x7f || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
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
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                appendEscape(for: Self.scalarValue(utf8, at: index, length: length))
                index += length
                runStart = index
            }
            if runStart < count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
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
        bytes.append(UInt8(ascii: "\\"))
        switch scalar {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5c: bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0c: bytes.append(UInt8(ascii: "f"))
        case 0x0a: bytes.append(UInt8(ascii: "n"))
        case 0x0d: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(Self.hexDigits[Int((scalar >> UInt32(shift)) & 0xf)])
            }
        }
    }
}
