/// Lays JSON out for people who edit it by hand (plans in change tickets): a value that fits
/// on one line stays on one line (a route, a link), larger ones open one member per line.
public enum JSONLayout {
    public static func text(_ value: JSONValue, width: Int = 200) -> String {
        var output = ""
        write(value, indent: 0, width: width, into: &output)
        output += "\n"
        return output
    }

    private static func compact(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 256)
        writer.value(value)
        return writer.text
    }

    private static func write(_ value: JSONValue, indent: Int, width: Int, into output: inout String) {
        let flat = compact(value)
        let pad = String(repeating: " ", count: indent + 2)
        switch value {
        case .array(let elements) where indent + flat.count > width && !elements.isEmpty:
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += pad
                write(element, indent: indent + 2, width: width, into: &output)
                output += position + 1 < elements.count ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .object(let object) where indent + flat.count > width && !object.isEmpty:
            output += "{\n"
            for (position, member) in object.members.enumerated() {
                output += pad + compact(.string(member.key)) + ": "
                write(member.value, indent: indent + 2, width: width, into: &output)
                output += position + 1 < object.count ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        default:
            output += flat
        }
    }
}
