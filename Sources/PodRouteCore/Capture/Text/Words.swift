/// Splits a capture line into its words once, at spaces and tabs, without copying: every
/// parser below works on these slices, so a 100k-line route table costs one pass per line.
/// A no-break space (U+00A0) also separates words: outputs copied from web pages carry them.
enum Words {
    static func split(_ line: Substring) -> [Substring] {
        var words: [Substring] = []
        words.reserveCapacity(16)
        let utf8 = line.utf8
        var index = utf8.startIndex
        var start: Substring.Index?
        while index != utf8.endIndex {
            let byte = utf8[index]
            var separatorEnd: Substring.Index?
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                separatorEnd = utf8.index(after: index)
            } else if byte == 0xC2 {
                let next = utf8.index(after: index)
                if next != utf8.endIndex, utf8[next] == 0xA0 { separatorEnd = utf8.index(after: next) }
            }
            if let separatorEnd {
                if let begin = start {
                    words.append(line[begin..<index])
                    start = nil
                }
                index = separatorEnd
                continue
            }
            if start == nil { start = index }
            index = utf8.index(after: index)
        }
        if let begin = start { words.append(line[begin..<utf8.endIndex]) }
        return words
    }

    /// The text after the first `count` words, inner spacing kept (an alias is free text).
    static func remainder(of line: Substring, afterWords count: Int) -> Substring {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        for _ in 0..<count {
            rest = rest.drop { $0 != " " && $0 != "\t" }
            rest = rest.drop { $0 == " " || $0 == "\t" }
        }
        return rest
    }
}

/// Number formats the text outputs use.
enum TextNumber {
    /// Decimal, or hex with `0x`.
    static func uint32(_ text: Substring) -> UInt32? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt32(text.dropFirst(2), radix: 16) }
        return UInt32(text)
    }

    /// A lifetime or expiry (`300sec`, `forever`): `forever` is `UInt32.max`.
    static func seconds(_ text: Substring) -> UInt32? {
        if text == "forever" { return .max }
        let digits = text.hasSuffix("sec") ? text.dropLast(3) : text
        return UInt32(digits)
    }

    /// True when the word is only ASCII digits.
    static func isDecimal(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
