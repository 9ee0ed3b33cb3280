/// A row filter as typed after `/` (or `:filter`). The rule, shown in the marker:
///
/// - `!` in front inverts it: rows that do **not** match stay.
/// - `/…/` is a regular expression.
/// - text with regex operators (`^ $ * + ? ( ) [ ] { } | \`) that compiles is a regular
///   expression too; a dot alone does not make one, so `10.21.230.3` stays plain text.
/// - anything else is plain text, found anywhere in the row.
///
/// Matching ignores case. A row's text is its columns as shown, joined by spaces.
public struct RowFilter: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case text
        case regex
    }

    /// What was typed, verbatim.
    public let input: String
    public let kind: Kind
    public let pattern: String
    public let inverted: Bool

    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case badRegex(pattern: String, reason: String)

        public var description: String {
            switch self {
            case .badRegex(let pattern, let reason): "not a valid regex /\(pattern)/: \(reason)"
            }
        }
    }

    /// The filter for `input`; nil for an empty filter (no filter at all).
    public static func parse(_ input: String) throws(ParseError) -> RowFilter? {
        var body = Substring(input)
        var inverted = false
        if body.hasPrefix("!") {
            inverted = true
            body = body.dropFirst()
        }
        if body.isEmpty { return nil }
        if body.count >= 2, body.hasPrefix("/"), body.hasSuffix("/") {
            let pattern = String(body.dropFirst().dropLast())
            if let reason = RowMatcher.regexError(pattern) { throw .badRegex(pattern: pattern, reason: reason) }
            return RowFilter(input: input, kind: .regex, pattern: pattern, inverted: inverted)
        }
        let text = String(body)
        if text.contains(where: { "^$*+?()[]{}|\\".contains($0) }), RowMatcher.regexError(text) == nil {
            return RowFilter(input: input, kind: .regex, pattern: text, inverted: inverted)
        }
        return RowFilter(input: input, kind: .text, pattern: text, inverted: inverted)
    }

    private init(input: String, kind: Kind, pattern: String, inverted: Bool) {
        self.input = input
        self.kind = kind
        self.pattern = pattern
        self.inverted = inverted
    }

    /// `!cali (regex)`: how the marker names it.
    public var description: String { "\(input) (\(inverted ? "not " : "")\(kind.rawValue))" }

    public func matcher() -> RowMatcher { RowMatcher(self) }
}

/// A compiled filter. Not Sendable (it may hold a Regex): build one where the rows are.
public struct RowMatcher {
    private let inverted: Bool
    private let needle: [UInt8]
    private let regex: Regex<AnyRegexOutput>?

    init(_ filter: RowFilter) {
        inverted = filter.inverted
        switch filter.kind {
        case .text:
            needle = Array(filter.pattern.lowercased().utf8)
            regex = nil
        case .regex:
            needle = []
            regex = (try? Regex(filter.pattern))?.ignoresCase()
        }
    }

    public func matches(_ text: String) -> Bool {
        let found: Bool
        if let regex {
            found = (try? regex.firstMatch(in: text)) != nil
        } else {
            found = Self.containsIgnoringASCIICase(text, needle)
        }
        return found != inverted
    }

    /// Why `pattern` does not compile, or nil when it does.
    static func regexError(_ pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Substring search over UTF-8, ASCII letters folded (the needle is already lower case).
    static func containsIgnoringASCIICase(_ text: String, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        var text = text
        return text.withUTF8 { haystack in
            let count = needle.count
            guard haystack.count >= count else { return false }
            let first = needle[0]
            var start = 0
            let last = haystack.count - count
            while start <= last {
                if fold(haystack[start]) == first {
                    var offset = 1
                    while offset < count, fold(haystack[start + offset]) == needle[offset] { offset += 1 }
                    if offset == count { return true }
                }
                start += 1
            }
            return false
        }
    }

    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
}
