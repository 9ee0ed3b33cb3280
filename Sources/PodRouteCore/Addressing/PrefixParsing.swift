/// Why a typed CIDR was refused, in one sentence the operator can act on.
public enum PrefixParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnAddress(String)
    case badLength(String, maximum: UInt8)
    case hostBitsSet(String, suggestion: IPPrefix)
    case wrongFamily(String, expected: AddressFamily)

    public var description: String {
        switch self {
        case .notAnAddress(let text):
            "'\(text)' is not an IPv4 or IPv6 prefix (expected e.g. 10.21.0.0/16 or 2001:db8::/64)"
        case .badLength(let text, let maximum):
            "'\(text)' has an invalid prefix length (expected 0 to \(maximum))"
        case .hostBitsSet(let text, let suggestion):
            "\(text) has host bits set; did you mean \(suggestion)?"
        case .wrongFamily(let text, let expected):
            "\(text) is not an \(expected == .inet ? "IPv4" : "IPv6") prefix"
        }
    }
}

extension IPPrefix {
    /// Parses `address/length` strictly, as typed by an operator; a bare address is a host prefix.
    /// Host bits are an error with a suggestion, never silently cleared.
    public static func parse(_ text: String) throws(PrefixParseError) -> IPPrefix {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { throw .notAnAddress(text) }
        let maximum = address.family.bitWidth
        var length = maximum
        if parts.count == 2 {
            guard let parsed = UInt8(parts[1]), parsed <= maximum, parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw .badLength(text, maximum: maximum)
            }
            length = parsed
        }
        guard let prefix = IPPrefix(address: address, length: length) else {
            throw .hostBitsSet(trimmed, suggestion: IPPrefix(containing: address, length: length))
        }
        return prefix
    }

    /// Lenient parsing for captures: `default`, `a.b.c.d`, `a.b.c.d/n`; host bits are cleared.
    public init?(captureText text: Substring, family: AddressFamily? = nil) {
        if text == "default" || text == "0/0" || text == "any" {
            self = .default(family ?? .inet)
            return
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        var length = address.family.bitWidth
        if parts.count == 2 {
            guard let parsed = UInt8(parts[1]), parsed <= length else { return nil }
            length = parsed
        }
        if let family, family != address.family { return nil }
        self.init(containing: address, length: length)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    public var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
