import Testing
@testable import PodRouteCore

@Suite struct RouteStoreTests {
    private func prefix(_ text: String) -> IPPrefix { IPPrefix(captureText: Substring(text))! }

    /// Every field survives packing, including the rare ones kept on the side.
    @Test func roundTripsEveryField() {
        let routes = [
            Route(family: .inet, destination: prefix("10.21.69.192/26"), proto: .bird, flags: .onlink, metric: 7,
                  gateway: IPAddress("10.20.1.24"), device: InterfaceIndex(15)),
            Route(family: .inet, type: .blackhole, destination: prefix("10.21.230.0/26"), table: RouteTableID(1000), proto: .felix),
            Route(family: .inet, destination: prefix("10.97.0.0/16"), tos: 4, table: RouteTableID(100),
                  nexthops: [Nexthop(gateway: IPAddress("10.20.1.2"), device: InterfaceIndex(2), weight: 1),
                             Nexthop(gateway: IPAddress("10.20.1.3"), device: InterfaceIndex(2), weight: 3, flags: .linkdown)],
                  metrics: RouteMetrics(values: [RouteMetric(.mtu, 1400), RouteMetric(.advmss, 1360)], locked: 4)),
            Route(family: .inet, destination: prefix("192.0.2.0/24"), via: IPAddress("fe80::1"), device: InterfaceIndex(3)),
            Route(family: .inet6, destination: prefix("2001:db8:1::/64"), source: prefix("2001:db8:9::/48"), metric: 1024,
                  gateway: IPAddress("2001:db8::2"), device: InterfaceIndex(4), preferredSource: IPAddress("2001:db8::1"),
                  preference: .high, expires: 299, nexthopID: 9, realms: 3),
            Route(family: .inet6, type: .local, destination: prefix("::1/128"), table: .local, proto: .kernel, metric: 0,
                  device: InterfaceIndex(1), preference: .medium),
        ]
        let store = RouteStore(routes)
        #expect(store.count == routes.count)
        #expect(Array(store) == routes)
        #expect(store.ipv4Count == 4 && store.ipv6Count == 2)
    }

    /// IPv4 first, then IPv6, whatever the insertion order: the order `ip route show table all` prints.
    @Test func keepsFamiliesApartInIPOrder() {
        let v6 = Route(family: .inet6, destination: prefix("2001:db8::/64"), metric: 256)
        let v4 = Route(family: .inet, destination: prefix("10.0.0.0/8"))
        let store = RouteStore([v6, v4])
        #expect(Array(store) == [v4, v6])
        #expect(store.indices(of: .inet6) == 1..<2)
    }

    /// A million routes must stay small: the packed IPv4 record is 36 bytes.
    @Test func packedRecordsStayCompact() {
        #expect(MemoryLayout<IPv4Address>.stride == 4)
        var store = RouteStore()
        for index in 0..<100_000 {
            store.append(Route(family: .inet, destination: IPPrefix(host: .v4(IPv4Address(0x6440_0000 + UInt32(index)))),
                               gateway: IPAddress("192.0.2.2"), device: InterfaceIndex(2)))
        }
        #expect(store.count == 100_000)
        #expect(store[99_999].destination.description == "100.65.134.159/32")
    }

    @Test func appliesNotificationsInOrder() {
        let a = Route(family: .inet, destination: prefix("10.1.0.0/16"), gateway: IPAddress("10.0.0.1"), device: InterfaceIndex(2))
        let b = Route(family: .inet, destination: prefix("10.2.0.0/16"), gateway: IPAddress("10.0.0.1"), device: InterfaceIndex(2))
        var bLinkdown = b
        bLinkdown.flags.insert(.linkdown)
        var aReplaced = a
        aReplaced.gateway = IPAddress("10.0.0.9")
        let c = Route(family: .inet, destination: prefix("10.3.0.0/16"), device: InterfaceIndex(2))
        let d = Route(family: .inet, destination: prefix("10.4.0.0/16"), device: InterfaceIndex(2))
        let store = RouteStore([a, b])
        let next = store.applying([
            .removed(bLinkdown),             // the kernel's copy has a flag the stored one lacks
            .added(aReplaced, replacing: true),
            .added(c, replacing: false),
            .added(d, replacing: false),
            .removed(d),                     // added and removed in the same batch
        ])
        #expect(Array(next) == [aReplaced, c])
        #expect(Array(store) == [a, b])      // the old snapshot is untouched
        #expect(next.applying([.removed(c), .removed(c)]).count == 1)  // a second removal finds nothing
    }

    /// More shapes than the cache has slots, and more bytes than it keeps: replaced slots and a
    /// reset store must still print every route exactly as the encoder does, in any order. The
    /// routes of one shape differ in their destinations (every length, `default` and host
    /// prefixes among them) and gateways, the two addresses the cache writes itself.
    @Test func shapeCacheWritesWhatTheEncoderWrites() {
        let types: [RouteType] = [.unicast, .unicast, .blackhole, .unreachable, .local, .broadcast, .prohibit, .throw]
        var routes: [Route] = []
        for number in 0..<12_000 {
            let family: AddressFamily = number % 3 == 0 ? .inet6 : .inet
            let length = UInt8(number / 3 % (Int(family.bitWidth) + 1))
            let destination = family == .inet ? IPPrefix(containing: .v4(IPv4Address(0x0a00_0000 | UInt32(number) << 8 | 0x63)), length: length)
                : IPPrefix(containing: .v6(IPv6Address(high: 0x2001_0db8 << 32 | UInt64(number) << 16, low: UInt64(number))), length: length)
            let source: IPAddress = family == .inet ? .v4(IPv4Address(0xc0a8_0000 | UInt32(number % 7))) : .v6(IPv6Address(high: 0xfd00 << 48, low: UInt64(number % 5)))
            let gateway: IPAddress = family == .inet ? .v4(IPv4Address(0xc000_0200 | UInt32(number % 251)))
                : .v6(IPv6Address(high: 0xfe80 << 48, low: UInt64(number % 13) << 32 | 1))
            let type = types[number / 3 % types.count]
            routes.append(Route(family: family, type: type, destination: destination, tos: number % 11 == 0 ? 0x10 : 0,
                                table: RouteTableID(UInt32(254 + number % 3)),
                                proto: RouteProtocol(rawValue: UInt8(number % 4)), scope: number % 5 == 0 ? .link : .universe,
                                metric: number % 2 == 0 ? UInt32(number) : nil,
                                gateway: type == .unicast && number % 4 != 1 ? gateway : nil,
                                device: InterfaceIndex(Int32(2 + number % 3)),
                                preferredSource: number % 4 == 0 ? source : nil,
                                preference: family == .inet6 && number % 6 == 0 ? .high : nil))
        }
        let store = RouteStore(routes)
        let encoder = IPRouteJSON(devices: IPJSONDeviceNames(names: [InterfaceIndex(2): "eth0", InterfaceIndex(3): "tunl0"]))
        var cache = IPRouteShapeCache(encoder: encoder)
        #expect(Set(routes.map { "\($0.family) \($0.destination.length)" }).count == 33 + 129)
        var order = Array(store.indices)
        var random = SeededGenerator(seed: 5)
        order.shuffle(using: &random)
        for position in order + order.prefix(500) {
            var expected = JSONWriter()
            encoder.write(store, at: position, to: &expected)
            var cached = JSONWriter()
            cache.write(store, at: position, to: &cached)
            let (cachedText, expectedText) = (cached.text, expected.text)
            #expect(cachedText == expectedText)
        }
        // Every route here has a packed record: each is written from its shape's pieces.
        #expect(cache.writtenFromPieces == order.count + 500)
    }
}
