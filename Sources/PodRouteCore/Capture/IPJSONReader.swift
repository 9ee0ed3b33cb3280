/// Reads iproute2 JSON (`ip -j [-d] addr|link|route|rule|netconf`) and podroute snapshots.
/// (Placeholder: being written.)
enum IPJSONReader {
    static func read(_ value: JSONValue, context: CommandContext, line: Int, into builder: inout CaptureBuilder) {
        builder.warn(line: line, "JSON captures are not supported yet")
    }
}
