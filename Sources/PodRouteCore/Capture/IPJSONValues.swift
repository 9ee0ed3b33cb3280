/// What is wrong with one member of an iproute2 JSON object, in words for the operator.
struct IPJSONProblem: Error {
    var message: String

    init(_ message: String) { self.message = message }

    /// `'mtu' is "abc"; expected a number from 0 to 4294967295`.
    static func unexpected(_ key: String, _ value: JSONValue, expected: String) -> IPJSONProblem {
        IPJSONProblem("'\(Sanitizer.printable(key))' is \(describe(value)); expected \(expected)")
    }

    /// A short, terminal-safe rendering of a value for a message.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .int(let number): return String(number)
        case .uint(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
            return "\"\(Sanitizer.printable(shown))\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Conversions from JSON values to the model's typed values; each throws a problem naming the
/// key, the value found and what was expected, so a bad element becomes one clear warning.
enum IPJSONValues {
    static func text(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> String {
        guard case .string(let text) = value else { throw .unexpected(key, value, expected: "a string") }
        return text
    }

    static func number<T: FixedWidthInteger>(_ value: JSONValue, _ key: String, as type: T.Type) throws(IPJSONProblem) -> T {
        let converted: T?
        switch value {
        case .int(let number): converted = T(exactly: number)
        case .uint(let number): converted = T(exactly: number)
        case .double(let number): converted = number.isFinite ? T(exactly: number) : nil
        default: converted = nil
        }
        guard let converted else {
            throw .unexpected(key, value, expected: "a whole number from \(T.min) to \(T.max)")
        }
        return converted
    }

    static func flag(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> Bool {
        guard case .bool(let flag) = value else { throw .unexpected(key, value, expected: "true or false") }
        return flag
    }

    static func object(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> JSONObject {
        guard case .object(let object) = value else { throw .unexpected(key, value, expected: "an object") }
        return object
    }

    static func array(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> [JSONValue] {
        guard case .array(let elements) = value else { throw .unexpected(key, value, expected: "an array") }
        return elements
    }

    static func strings(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> [String] {
        var result: [String] = []
        for element in try array(value, key) { result.append(try text(element, key)) }
        return result
    }

    static func address(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> IPAddress {
        guard case .string(let text) = value, let address = IPAddress(text) else {
            throw .unexpected(key, value, expected: "an IPv4 or IPv6 address")
        }
        return address
    }

    /// A hex or decimal number in a string (`"0x10"`, `"0"`), as iproute2 prints marks.
    static func hexNumber(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> UInt32 {
        guard case .string(let text) = value, let number = IPJSONVocabulary.parseNumber(text),
              let narrow = UInt32(exactly: number) else {
            throw .unexpected(key, value, expected: "a hex number such as \"0x10\"")
        }
        return narrow
    }

    /// A table, protocol or scope printed as a name or a number in a string.
    static func nameOrNumber(_ value: JSONValue, _ key: String) throws(IPJSONProblem) -> String {
        switch value {
        case .string(let text): return text
        case .int, .uint: return String(try number(value, key, as: UInt32.self))
        default: throw .unexpected(key, value, expected: "a name or a number")
        }
    }
}
