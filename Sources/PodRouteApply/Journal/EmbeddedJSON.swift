import FoundationEssentials
import PodRouteCore

/// A JSON document kept verbatim inside a journal entry (the plan as the operator gave it).
struct EmbeddedJSON: Codable, Sendable {
    var value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { value = .null }
        else if let flag = try? container.decode(Bool.self) { value = .bool(flag) }
        else if let number = try? container.decode(Double.self) { value = Self.number(number) }
        else if let text = try? container.decode(String.self) { value = .string(text) }
        else if let array = try? container.decode([EmbeddedJSON].self) { value = .array(array.map(\.value)) }
        else {
            let object = try container.decode([String: EmbeddedJSON].self)
            value = .object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .uint(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items.map(EmbeddedJSON.init))
        case .object(let object):
            try container.encode(Dictionary(object.map { ($0.key, EmbeddedJSON($0.value)) }) { first, _ in first })
        }
    }

    private static func number(_ number: Double) -> JSONValue {
        if number.rounded() == number, abs(number) < 9e15 { return .int(Int64(number)) }
        return .double(number)
    }
}
