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
        // Split on the byte: "\r\n" is one Character, so a Character split would not cut a
        // pasted Windows file at all, and byte splitting is what keeps 100k lines fast.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        var number = 0
        while number < lines.count {
            let line = lines[number].hasSuffix("\r") ? lines[number].dropLast() : lines[number]
            let lineNumber = number + 1
            number += 1
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { continue }
            if let prompt = CommandContext(promptLine: line) {
                textParser.finish(into: &builder)
                context = prompt
                continue
            }
            if trimmed.first == "[" || trimmed.first == "{" {
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
        // Several top-level values may follow each other (`ip -j addr; ip -j route`).
        var values: [Substring] = []
        var scanner = JSONExtent()
        var start = chunk.startIndex
        var index = chunk.startIndex
        while index < chunk.endIndex {
            scanner.feed(chunk[index...index])
            index = chunk.index(after: index)
            if scanner.isComplete {
                values.append(chunk[start..<index])
                scanner = JSONExtent()
                start = chunk[index...].firstIndex { !$0.isWhitespace } ?? chunk.endIndex
                index = start
            }
        }
        if start < chunk.endIndex, !chunk[start...].allSatisfy(\.isWhitespace) { values.append(chunk[start...]) }
        for text in values {
            let value: JSONValue
            do {
                value = try JSONValue.parse(text)
            } catch {
                throw .badJSON(path: path, line: line, reason: jsonReason(error))
            }
            IPJSONReader.read(value, context: context, line: line, into: &builder)
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
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; started = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }
}
