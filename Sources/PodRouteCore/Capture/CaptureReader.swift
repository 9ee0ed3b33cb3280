/// Loads a capture file: a podroute snapshot, iproute2 JSON, or the plain text that ops people
/// paste, several outputs concatenated, detected section by section. Shell prompt lines
/// (`root@node1:~# ip -6 route`) set the context of the lines after them; JSON values may
/// appear between text sections. What cannot be read becomes a warning with its line number;
/// a file with nothing readable is an error.
public enum CaptureReader {
    public static func load(text: String, path: String, source: SnapshotSource? = nil) throws(CaptureError) -> NetworkSnapshot {
        var builder = CaptureBuilder()
        var context = CommandContext.unknown
        var textParser = TextCaptureParser()
        var firstUnreadable: (line: Int, text: String)?
        // Split on the newline byte: splitting Characters is slow on a megabyte JSON line and
        // never splits "\r\n", which is a single Character.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        var number = 0
        while number < lines.count {
            let line = lines[number].hasSuffix("\r") ? lines[number].dropLast() : lines[number]
            let lineNumber = number + 1
            number += 1
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { continue }
            // A line that opens a JSON value is not searched for a prompt: a route dump is one
            // line of megabytes, and an alias inside it may contain "# ip ...".
            let opensJSON = opensJSONValue(trimmed)
            if !opensJSON, let prompt = CommandContext(promptLine: line) {
                textParser.finish(into: &builder)
                context = prompt
                if builder.host == nil, let host = prompt.host { builder.host = host }
                continue
            }
            if opensJSON || trimmed.first == "[" || trimmed.first == "{" {
                // A JSON value: collect lines until its brackets balance.
                var scanner = JSONExtent()
                var chunkEnd = number - 1
                scanner.feed(trimmed)
                while !scanner.isComplete, chunkEnd + 1 < lines.count {
                    chunkEnd += 1
                    scanner.feed(lines[chunkEnd])
                    scanner.feed("\n")
                }
                let chunk = lines[(number - 1)...chunkEnd].joined(separator: "\n")
                number = chunkEnd + 1
                textParser.finish(into: &builder)
                try readJSON(chunk, path: path, line: lineNumber, context: context, into: &builder)
                continue
            }
            let recognized = textParser.consume(line, number: lineNumber, context: context, into: &builder)
            if !recognized {
                if trimmed.first == "#" { continue }  // an annotation such as the article's "# 物理网卡"
                if firstUnreadable == nil { firstUnreadable = (lineNumber, String(trimmed.prefix(60))) }
                builder.warn(line: lineNumber, "not understood: '\(Sanitizer.printable(String(trimmed.prefix(80))))'")
            }
        }
        textParser.finish(into: &builder)
        guard !builder.isEmpty else {
            throw .notACapture(path: path, firstLine: firstUnreadable?.line,
                               excerpt: firstUnreadable.map { Sanitizer.printable($0.text) })
        }
        return builder.build(source: source ?? .capture(path: path), defaultHost: hostName(fromPath: path))
    }

    private static func readJSON(_ chunk: String, path: String, line: Int, context: CommandContext,
                                 into builder: inout CaptureBuilder) throws(CaptureError) {
        // Several top-level values may follow each other (`ip -j addr; ip -j route`). The
        // split works on UTF-8 bytes: a route dump is one line of tens of megabytes.
        var values: [(text: Substring, line: Int)] = []
        var scanner = JSONExtent()
        let utf8 = chunk.utf8
        var start = utf8.startIndex
        var startLine = line
        var newlines = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            scanner.feed(byte: byte)
            index = utf8.index(after: index)
            if byte == UInt8(ascii: "\n") { newlines += 1 }
            if scanner.isComplete {
                values.append((chunk[start..<index], startLine))
                scanner = JSONExtent()
                while index < utf8.endIndex, [0x20, 0x09, 0x0a, 0x0d].contains(utf8[index]) {
                    if utf8[index] == UInt8(ascii: "\n") { newlines += 1 }
                    index = utf8.index(after: index)
                }
                start = index
                startLine = line + newlines
            }
        }
        if start < utf8.endIndex, !chunk[start...].allSatisfy(\.isWhitespace) { values.append((chunk[start...], startLine)) }
        for (text, valueLine) in values {
            let value: JSONValue
            do {
                value = try JSONValue.parse(text)
            } catch {
                throw .badJSON(path: path, line: valueLine, reason: jsonReason(error))
            }
            IPJSONReader.read(value, context: context, line: valueLine, into: &builder)
        }
    }

    /// Whether a line starts a JSON array or object (`[{`, `[]`, `["`, `{"`, ...) rather than
    /// a prompt in brackets such as `[root@node1 ~]# ip route`.
    static func opensJSONValue(_ line: Substring) -> Bool {
        var bytes = line.utf8.prefix(16).makeIterator()
        guard let first = bytes.next(), first == UInt8(ascii: "[") || first == UInt8(ascii: "{") else { return false }
        var next = bytes.next()
        while let byte = next, byte == 0x20 || byte == 0x09 { next = bytes.next() }
        guard let second = next else { return true }  // a bracket alone on its line (pretty-printed)
        if first == UInt8(ascii: "{") { return second == UInt8(ascii: "\"") || second == UInt8(ascii: "}") }
        switch second {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "]"), UInt8(ascii: "-"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let rest = line.utf8.dropFirst().drop { $0 == 0x20 || $0 == 0x09 }
            return rest.starts(with: "true".utf8) || rest.starts(with: "false".utf8) || rest.starts(with: "null".utf8)
        default:
            return false
        }
    }

    private static func jsonReason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0)" } ?? context.debugDescription
        }
        return "it is not valid JSON"
    }

    /// `captures/node1.txt` -> `node1`.
    static func hostName(fromPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.split(separator: ".").first.map(String.init) ?? file
    }
}

/// Tracks bracket depth over JSON text, ignoring brackets inside strings.
struct JSONExtent {
    private var depth = 0
    private var started = false
    private var inString = false
    private var escaped = false

    var isComplete: Bool { started && depth == 0 }

    mutating func feed(_ text: Substring) {
        for byte in text.utf8 { feed(byte: byte) }
    }

    mutating func feed(byte: UInt8) {
        if inString {
            if escaped { escaped = false }
            else if byte == UInt8(ascii: "\\") { escaped = true }
            else if byte == UInt8(ascii: "\"") { inString = false }
            return
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; started = true
        case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
        default: break
        }
    }
}
