import FoundationEssentials

extension JSONValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .int(value) }
        else if let value = try? container.decode(UInt64.self) { self = .uint(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else {
            // Foundation does not keep key order; sorting keeps the result deterministic.
            let members = try container.decode([String: JSONValue].self)
            self = .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    /// Parses one JSON text (an RFC 8259 value), keeping object members in document order.
    ///
    /// Lenient by default, because iproute2 prints control characters raw inside strings
    /// (see `JSONParser`); `strict: true` accepts only RFC 8259 JSON. A syntax error is thrown
    /// as `DecodingError.dataCorrupted` whose underlying error is a `JSONSyntaxError` naming
    /// the line and column.
    public static func parse(_ text: Substring, strict: Bool = false) throws -> JSONValue {
        do {
            return try JSONParser.parse(text, strict: strict)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: error.description,
                                                    underlyingError: error))
        }
    }

    public static func parse(_ text: String, strict: Bool = false) throws -> JSONValue {
        try parse(Substring(text), strict: strict)
    }
}
