import PodRouteCore
import Testing

struct JSONParserTests {
    @Test func membersKeepDocumentOrder() throws {
        let value = try JSONValue.parse(#"{"zeta":1,"alpha":{"m":true,"b":null},"mid":[1,"x"]}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value["alpha"]?.objectValue?.keys == ["m", "b"])
        var writer = JSONWriter()
        writer.value(value)
        let writerText = writer.text
        #expect(writerText == #"{"zeta":1,"alpha":{"m":true,"b":null},"mid":[1,"x"]}"#)
    }

    @Test func rawControlCharactersAreReadLenientlyAndRefusedStrictly() throws {
        // What iproute2 prints for an alias holding ESC and a tab.
        let text = "[{\"ifalias\":\"a\u{1b}[31m\tb\"}]"
        let value = try JSONValue.parse(text)
        #expect(value.arrayValue?.first?["ifalias"] == .string("a\u{1b}[31m\tb"))
        do {
            _ = try JSONValue.parse(text, strict: true)
            Issue.record("strict parsing accepted a raw ESC")
        } catch let DecodingError.dataCorrupted(context) {
            let syntax = try #require(context.underlyingError as? JSONSyntaxError)
            #expect(syntax.line == 1 && syntax.column == 15)
            #expect(syntax.message.contains("0x1b"))
        }
    }

    @Test(arguments: [
        ("[1,\n2,,3]", 2, 3, "expected a JSON value"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\"a\":1,}", 1, 8, "expected a member name"),
        ("[\"open", 1, 7, "ends inside a string"),
        ("[01]", 1, 2, "leading zeros"),
        ("[1] x", 1, 5, "after the JSON value"),
        ("", 1, 1, "empty"),
        ("[tru]", 1, 2, "expected a JSON value"),
        ("[\"\\q\"]", 1, 3, "not a JSON escape"),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, line: Int, column: Int, words: String) {
        do {
            _ = try JSONValue.parse(text)
            Issue.record("accepted \(text)")
        } catch let DecodingError.dataCorrupted(context) {
            let syntax = context.underlyingError as? JSONSyntaxError
            #expect(syntax?.line == line)
            #expect(syntax?.column == column)
            #expect(syntax?.message.contains(words) == true, "\(String(describing: syntax))")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DecodingError.self) { try JSONValue.parse(text) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONValue.parse(fine) }
    }

    @Test func numbersKeepTheirKind() throws {
        let value = try JSONValue.parse("[0,-0,42,-9223372036854775808,18446744073709551615,18446744073709551616,0.06,1e3,-2.5E-2]")
        #expect(value == .array([.int(0), .int(0), .int(42), .int(Int64.min), .uint(UInt64.max),
                                 .double(18446744073709551616), .double(0.06), .double(1000), .double(-0.025)]))
    }

    @Test func escapesAndSurrogatesDecode() throws {
        let value = try JSONValue.parse(#"["\ud83d\ude00","\ud800x","\u00e9\/\b\f\n\r\t","\u2603"]"#)
        #expect(value == .array([.string("\u{1F600}"), .string("\u{FFFD}x"), .string("é/\u{8}\u{c}\n\r\t"),
                                 .string("\u{2603}")]))
    }

    @Test func duplicateMembersKeepTheLastValue() throws {
        let value = try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value["a"] == .int(3))
        #expect(value.objectValue?.keys == ["a", "b"])
    }
}
