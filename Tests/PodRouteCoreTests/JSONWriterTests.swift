import Foundation
import Glibc
import PodRouteCore
import Testing

struct JSONWriterTests {
    /// ESC, CSI (C1), newline, quote, backslash, DEL, a line separator, a snowman and an emoji.
    static let hostile = "a\u{1b}[31mred\u{9b}2J\n\"q\"\\b\u{7f}\u{2028}x\u{2603}\u{1F600}\u{0}"

    @Test func hostileTextIsEscapedIntoValidJSON() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("ifalias", Self.hostile)
        writer.key(dynamic: Self.hostile)
        writer.bool(true)
        writer.endObject()
        let text = writer.text
        #expect(text == #"{"ifalias":"a\u001b[31mred\u009b2J\n\"q\"\\b\u007f\u2028x☃😀\u0000","#
                + #""a\u001b[31mred\u009b2J\n\"q\"\\b\u007f\u2028x☃😀\u0000":true}"#)
        // No raw control character survives, and both strict parsers accept and round-trip it.
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
        let parsed = try JSONValue.parse(text, strict: true)
        #expect(parsed["ifalias"] == .string(Self.hostile))
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(foundation?["ifalias"] as? String == Self.hostile)
    }

    @Test func commasAndNestingComeOutRight() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.beginObject()
        writer.member("a", UInt64(1))
        writer.key("b")
        writer.beginArray()
        writer.endArray()
        writer.key("c")
        writer.beginObject()
        writer.endObject()
        writer.nullMember("d")
        writer.endObject()
        writer.string("x")
        writer.beginArray()
        writer.int(-5)
        writer.uint(UInt64.max)
        writer.endArray()
        writer.endArray()
        let writerText = writer.text
        #expect(writerText == #"[{"a":1,"b":[],"c":{},"d":null},"x",[-5,18446744073709551615]]"#)
        let writerDepth = writer.depth
        #expect(writerDepth == 0)
    }

    @Test(arguments: [
        (0.06, "0.06"), (297.99, "297.99"), (12.0, "12"), (-3.5, "-3.5"), (1e-5, "1e-05"),
        (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func decimals(value: Double, text: String) {
        var writer = JSONWriter()
        writer.double(value)
        let writerText = writer.text
        #expect(writerText == text)
    }

    @Test(arguments: [(0.0, "0.00"), (12.88, "12.88"), (297.99, "297.99"), (0.06, "0.06"), (5.0, "5.00")])
    func bridgeTimersKeepTwoDecimals(value: Double, text: String) {
        var writer = JSONWriter()
        writer.fixedPoint(value, decimals: 2)
        let writerText = writer.text
        #expect(writerText == text)
        var object = JSONWriter()
        object.value(.object(JSONObject([("hold_timer", .double(value)), ("other", .double(value))])))
        let objectText = object.text
        #expect(objectText.hasPrefix("{\"hold_timer\":\(text),"))
    }

    @Test func hexStringsFollowPercentHashX() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.hexString(0)
        writer.hexString(0x10)
        writer.hexString(0xffff_ffff)
        writer.endArray()
        let writerText = writer.text
        #expect(writerText == #"["0","0x10","0xffffffff"]"#)
    }

    @Test(arguments: ["::", "::1", "1::", "1::2", "2001:db8::1", "fe80::3039:a9ff:fe48:3fd7", "::ffff:10.0.0.1",
                      "::10.0.0.1", "1:0:0:2:0:0:0:3", "1:0:0:2::3", "2001:db8:0:1:1:1:1:1", "ff00::",
                      "0:1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8", "::2:3", "fe80::", "64:ff9b::c000:201"])
    func ipv6TextMatchesGlibc(text: String) throws {
        let address = try #require(IPv6Address(text))
        var writer = JSONWriter()
        writer.address(.v6(address))
        let writerText = writer.text
        #expect(writerText == "\"\(Self.inetNtop(address))\"")
        #expect(writerText == "\"\(address.description)\"")
    }

    @Test func randomIPv6AndIPv4TextMatchesGlibc() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // Sparse groups so that zero runs of every length and position occur.
            let groups = (0..<8).map { _ in Bool.random(using: &generator) ? UInt16(0) : UInt16.random(in: 0...0xffff) }
            let address = IPv6Address(groups: groups)
            var writer = JSONWriter()
            writer.address(.v6(address))
            let writerText = writer.text
            #expect(writerText == "\"\(Self.inetNtop(address))\"", "\(groups)")
            let v4 = IPv4Address(UInt32.random(in: 0...UInt32.max))
            var writer4 = JSONWriter()
            writer4.address(.v4(v4))
            let writer4Text = writer4.text
            #expect(writer4Text == "\"\(v4.description)\"")
        }
    }

    /// Octets of one, two and three digits in every position, each address followed by more
    /// output: the digits are stored four bytes at a time, past the end of the text so far, into
    /// a writer small enough to grow on the way.
    @Test func dottedQuadsOfEveryWidth() {
        let octets: [UInt32] = [0, 7, 10, 99, 100, 255]
        var writer = JSONWriter(capacity: 64)
        var expected: [String] = []
        writer.beginArray()
        for a in octets {
            for b in octets {
                for c in octets {
                    for d in octets {
                        writer.address(.v4(IPv4Address(a << 24 | b << 16 | c << 8 | d)))
                        expected.append("\"\(a).\(b).\(c).\(d)\"")
                    }
                }
            }
        }
        writer.endArray()
        let text = writer.text
        #expect(text == "[" + expected.joined(separator: ",") + "]")
    }

    @Test func routePrefixesPrintLikeIproute2() throws {
        let cases: [(String, String)] = [
            ("0.0.0.0/0", "default"), ("10.8.0.1/32", "10.8.0.1"), ("10.0.0.0/24", "10.0.0.0/24"),
            ("::/0", "default"), ("::1/128", "::1"), ("2001:db8::/64", "2001:db8::/64"),
        ]
        for (prefix, text) in cases {
            var writer = JSONWriter()
            writer.routePrefix(try IPPrefix.parse(prefix))
            let writerText = writer.text
            #expect(writerText == "\"\(text)\"")
        }
    }

    @Test func linkLayerAddressesPrintLikeLlAddrN2a() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.linkLayerAddress(LinkLayerAddress(bytes: [0xee, 0xee, 0, 1, 0xab, 0x0c]), type: .ether)
        writer.linkLayerAddress(LinkLayerAddress(bytes: [10, 0, 0, 1]), type: .ipip)
        writer.linkLayerAddress(LinkLayerAddress(bytes: [10, 0, 0, 1]), type: .ether)
        writer.endArray()
        let writerText = writer.text
        #expect(writerText == #"["ee:ee:00:01:ab:0c","10.0.0.1","0a:00:00:01"]"#)
    }

    @Test func drainingHandsOutWhole64KiBChunksAndLosesNothing() {
        func fill(_ writer: inout JSONWriter, afterElement: (inout JSONWriter) -> Void) {
            writer.beginArray()
            for index in 0..<20_000 {
                writer.beginObject()
                writer.member("dst", "10.\(index / 256 % 256).\(index % 256).0/24")
                writer.member("metric", UInt32(index))
                writer.endObject()
                afterElement(&writer)
            }
            writer.endArray()
        }
        var whole = JSONWriter()
        fill(&whole) { _ in }
        var chunks: [[UInt8]] = []
        var streamed = JSONWriter()
        fill(&streamed) { $0.drain { chunks.append(Array($0)) } }
        streamed.flush { chunks.append(Array($0)) }
        #expect(chunks.count > 2)
        #expect(chunks.dropLast().allSatisfy { $0.count == JSONWriter.chunkSize })
        let wholeBytes = whole.bytes
        #expect(chunks.flatMap { $0 } == wholeBytes)
        let streamedIsEmpty = streamed.isEmpty
        #expect(streamedIsEmpty)
    }

    /// glibc's own formatting, the oracle iproute2 uses.
    static func inetNtop(_ address: IPv6Address) -> String {
        var bytes = address.networkBytes
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let result = bytes.withUnsafeMutableBytes { raw in
            inet_ntop(AF_INET6, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard result != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
