import Testing
@testable import PodRouteCore

@Suite struct IPv4AddressTests {
    @Test(arguments: ["10.21.69.212", "0.0.0.0", "255.255.255.255", "192.168.50.1"])
    func roundTrips(_ text: String) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.description == text)
    }

    @Test(arguments: ["", "10.21.69", "10.21.69.256", "10.21.69.212.1", "010.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "-1.2.3.4"])
    func rejects(_ text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test func bytesAreNetworkOrder() {
        let address = IPv4Address(networkBytes: [10, 21, 69, 212])
        #expect(address == IPv4Address(10, 21, 69, 212))
        #expect(address.networkBytes == [10, 21, 69, 212])
    }
}

@Suite struct IPv6AddressTests {
    /// RFC 5952 cases, checked against glibc's inet_ntop (what iproute2 prints).
    @Test(arguments: [
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),       // first longest run wins
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),     // a single zero group stays
        ("0:0:0:0:0:0:0:0", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("fe80:0:0:0:10bb:beff:fe90:8a38", "fe80::10bb:beff:fe90:8a38"),
        ("::ffff:10.0.0.1", "::ffff:10.0.0.1"),
        ("::10.0.0.1", "::10.0.0.1"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("2001:DB8::A", "2001:db8::a"),
        ("ff00::", "ff00::"),
    ])
    func formatsLikeInetNtop(_ input: String, _ expected: String) throws {
        let address = try #require(IPv6Address(input))
        #expect(address.description == expected)
        #expect(IPv6Address(expected) == address)
    }

    @Test(arguments: ["", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4:5:6:7", "g::1", "::1%eth0", "1:", ":1"])
    func rejects(_ text: String) {
        #expect(IPv6Address(text) == nil)
    }
}

@Suite struct PrefixTests {
    @Test func hostBitsGetASuggestion() {
        #expect(throws: PrefixParseError.hostBitsSet("10.21.0.1/16", suggestion: IPPrefix(containing: .v4(IPv4Address(10, 21, 0, 0)), length: 16))) {
            try IPPrefix.parse("10.21.0.1/16")
        }
        var message = ""
        do { _ = try IPPrefix.parse("10.21.0.1/16") } catch { message = error.description }
        #expect(message == "10.21.0.1/16 has host bits set; did you mean 10.21.0.0/16?")
    }

    @Test(arguments: ["10.21.0.0/33", "10.21.0.0/-1", "10.21.0.0/", "10.21.0.0/1a", "2001:db8::/129"])
    func badLengths(_ text: String) {
        #expect(throws: PrefixParseError.self) { try IPPrefix.parse(text) }
    }

    @Test func bareAddressIsAHostPrefix() throws {
        let prefix = try IPPrefix.parse("10.21.69.212")
        #expect(prefix.length == 32 && prefix.isHost)
        #expect(try IPPrefix.parse("2001:db8::1").length == 128)
    }

    @Test func containmentAndOverlap() throws {
        let pool = try IPPrefix.parse("10.21.0.0/16")
        let block = try IPPrefix.parse("10.21.69.192/26")
        let other = try IPPrefix.parse("10.22.0.0/16")
        #expect(pool.contains(block) && !block.contains(pool))
        #expect(pool.overlaps(block) && block.overlaps(pool) && !pool.overlaps(other))
        #expect(block.contains(IPAddress("10.21.69.212")!))
        #expect(!block.contains(IPAddress("10.21.69.128")!))
        #expect(!pool.contains(IPAddress("2001:db8::1")!))
        #expect(IPPrefix.default(.inet).contains(block))
        #expect(block.last == IPAddress("10.21.69.255"))
        let v6 = try IPPrefix.parse("2001:db8::/32")
        #expect(v6.contains(try IPPrefix.parse("2001:db8:1::/48")))
        #expect(v6.last == IPAddress("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))
    }

    @Test func summarisesContiguousBlocks() throws {
        let blocks = try ["10.21.0.0/26", "10.21.0.64/26", "10.21.0.128/26", "10.21.0.192/26", "10.21.1.0/26", "10.21.1.0/27"]
            .map(IPPrefix.parse)
        #expect(IPPrefix.summarize(blocks).map(\.description) == ["10.21.0.0/24", "10.21.1.0/26"])
        // Not siblings: 10.21.0.64/26 and 10.21.0.128/26 share no parent /25.
        let apart = try ["10.21.0.64/26", "10.21.0.128/26"].map(IPPrefix.parse)
        #expect(IPPrefix.summarize(apart).count == 2)
        let mixed = try ["2001:db8::/65", "2001:db8:0:0:8000::/65", "10.0.0.0/8"].map(IPPrefix.parse)
        #expect(IPPrefix.summarize(mixed).map(\.description) == ["10.0.0.0/8", "2001:db8::/64"])
    }
}
