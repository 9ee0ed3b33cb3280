import PodRouteCore
import Testing

/// Routes built by hand against objects iproute2 6.1 printed for the same kernel routes
/// (`ip -j -d route show table all`), podroute's `"family"` aside.
struct IPRouteJSONTests {
    static let devices = IPJSONDeviceNames(names: [
        InterfaceIndex(1): "lo", InterfaceIndex(2): "calic440f455693", InterfaceIndex(6): "dum0",
        InterfaceIndex(10): "vd0",
    ])
    static let detailed = IPRouteJSON(devices: devices, options: .init(detailed: true, includeFamily: false))
    static let plain = IPRouteJSON(devices: devices, options: .init(detailed: false, includeFamily: false))

    static func prefix(_ text: String) -> IPPrefix {
        (try? IPPrefix.parse(text)) ?? .default(.inet)
    }

    static func address(_ text: String) -> IPAddress? { IPAddress(text) }

    @Test func multipathWithWeights() {
        let route = Route(family: .inet, destination: Self.prefix("10.6.0.0/16"), nexthops: [
            Nexthop(gateway: Self.address("10.0.0.253"), device: InterfaceIndex(6), weight: 1),
            Nexthop(gateway: Self.address("10.0.0.252"), device: InterfaceIndex(6), weight: 3),
        ])
        #expect(Self.detailed.text(route) == #"{"type":"unicast","dst":"10.6.0.0/16","table":"main","protocol":"boot","#
                + #""scope":"global","flags":[],"nexthops":[{"gateway":"10.0.0.253","dev":"dum0","weight":1,"flags":[]},"#
                + #"{"gateway":"10.0.0.252","dev":"dum0","weight":3,"flags":[]}]}"#)
    }

    @Test func onlinkAndLinkdownHops() {
        let route = Route(family: .inet, destination: Self.prefix("10.94.0.0/16"), nexthops: [
            Nexthop(gateway: Self.address("10.0.0.250"), device: InterfaceIndex(6), weight: 2, flags: .onlink),
            Nexthop(gateway: Self.address("10.0.1.1"), device: InterfaceIndex(10), weight: 1, flags: [.onlink, .linkdown]),
        ])
        #expect(Self.detailed.text(route).hasSuffix(#""nexthops":[{"gateway":"10.0.0.250","dev":"dum0","weight":2,"#
                + #""flags":["onlink"]},{"gateway":"10.0.1.1","dev":"vd0","weight":1,"flags":["onlink","linkdown"]}]}"#))
    }

    @Test func ipv6BlackholeHasLoMetricAndPref() {
        let route = Route(family: .inet6, type: .blackhole, destination: Self.prefix("2001:db8:6::/64"), metric: 1024,
                          device: InterfaceIndex(1), preference: .medium)
        #expect(Self.detailed.text(route) == #"{"type":"blackhole","dst":"2001:db8:6::/64","dev":"lo","table":"main","#
                + #""protocol":"boot","scope":"global","metric":1024,"flags":[],"pref":"medium"}"#)
    }

    @Test func numericTablesAndProtocolsAreStrings() {
        let inTable = Route(family: .inet, destination: .default(.inet), table: RouteTableID(1000),
                            gateway: Self.address("10.0.0.254"), device: InterfaceIndex(6))
        #expect(Self.detailed.text(inTable) == #"{"type":"unicast","dst":"default","gateway":"10.0.0.254","dev":"dum0","#
                + #""table":"1000","protocol":"boot","scope":"global","flags":[]}"#)
        let felix = Route(family: .inet, destination: Self.prefix("10.2.0.0/16"), proto: .felix, metric: 100,
                          gateway: Self.address("10.0.0.254"), device: InterfaceIndex(6))
        #expect(Self.detailed.text(felix) == #"{"type":"unicast","dst":"10.2.0.0/16","gateway":"10.0.0.254","dev":"dum0","#
                + #""table":"main","protocol":"80","scope":"global","metric":100,"flags":[]}"#)
    }

    @Test func metricsConvertToIproute2Units() {
        var metrics = RouteMetrics(values: [
            RouteMetric(.window, 1000), RouteMetric(.rtt, 800), RouteMetric(.rttvar, 200), RouteMetric(.hoplimit, 64),
            RouteMetric(.features, 1), RouteMetric(.rtoMin, 300), RouteMetric(.quickack, 1),
        ], congestionControl: "cubic")
        metrics.locked = 1 << 13 | 1 << 16
        let route = Route(family: .inet, destination: Self.prefix("10.95.0.0/16"), gateway: Self.address("10.0.0.254"),
                          device: InterfaceIndex(6), metrics: metrics)
        #expect(Self.detailed.text(route).hasSuffix(#""flags":[],"metrics":[{"window":1000,"rtt":100,"rttvar":50,"#
                + #""hoplimit":64,"ecn":null,"rto_min":300,"quickack":1,"congestion":"cubic","#
                + #""locked":["rto_min","congestion"]}]}"#))
        let mtu = Route(family: .inet, destination: Self.prefix("10.11.0.0/16"),
                        metrics: RouteMetrics(values: [RouteMetric(.mtu, 1400), RouteMetric(.advmss, 1360)]))
        #expect(Self.detailed.text(mtu).hasSuffix(#""metrics":[{"mtu":1400,"advmss":1360}]}"#))
    }

    @Test func viaTosRealmsSourceAndExpiry() {
        let via = Route(family: .inet, destination: Self.prefix("10.90.0.0/16"), via: Self.address("fe80::1"),
                        device: InterfaceIndex(6))
        #expect(Self.detailed.text(via) == #"{"type":"unicast","dst":"10.90.0.0/16","via":{"family":"inet6","#
                + #""host":"fe80::1"},"dev":"dum0","table":"main","protocol":"boot","scope":"global","flags":[]}"#)
        let realms = Route(family: .inet, destination: Self.prefix("10.92.0.0/16"), tos: 0x10,
                           gateway: Self.address("10.0.0.254"), device: InterfaceIndex(6), realms: 3 << 16 | 4)
        #expect(Self.detailed.text(realms) == #"{"type":"unicast","dst":"10.92.0.0/16","tos":"0x10","#
                + #""gateway":"10.0.0.254","dev":"dum0","table":"main","protocol":"boot","scope":"global","flags":[],"#
                + #""flow":{"from":"3","to":"4"}}"#)
        let sourced = Route(family: .inet6, destination: Self.prefix("2001:db8:9::/64"),
                            source: Self.prefix("2001:db8:a::/48"), metric: 1024, gateway: Self.address("2001:db8::fe"),
                            device: InterfaceIndex(6), preference: .medium, expires: 299)
        #expect(Self.detailed.text(sourced) == #"{"type":"unicast","dst":"2001:db8:9::/64","from":"2001:db8:a::/48","#
                + #""gateway":"2001:db8::fe","dev":"dum0","table":"main","protocol":"boot","scope":"global","#
                + #""metric":1024,"flags":[],"expires":299,"pref":"medium"}"#)
    }

    @Test func plainFormOmitsWhatIpOmits() {
        let host = Route(family: .inet, destination: Self.prefix("10.8.0.1/32"), scope: .link, device: InterfaceIndex(2))
        #expect(Self.plain.text(host) == #"{"dst":"10.8.0.1","dev":"calic440f455693","scope":"link","flags":[]}"#)
        let blackhole = Route(family: .inet, type: .blackhole, destination: Self.prefix("10.3.0.0/16"))
        #expect(Self.plain.text(blackhole) == #"{"type":"blackhole","dst":"10.3.0.0/16","flags":[]}"#)
        let local = Route(family: .inet, type: .local, destination: Self.prefix("10.0.0.1/32"), table: .local,
                          proto: .kernel, scope: .host, device: InterfaceIndex(6), preferredSource: Self.address("10.0.0.1"))
        #expect(Self.plain.text(local) == #"{"type":"local","dst":"10.0.0.1","dev":"dum0","table":"local","#
                + #""protocol":"kernel","scope":"host","prefsrc":"10.0.0.1","flags":[]}"#)
    }

    @Test func familyAndExtrasComeLast() {
        let encoder = IPRouteJSON(devices: Self.devices)
        let route = Route(family: .inet6, type: .unreachable, destination: .default(.inet6), metric: 1024)
        let listed = encoder.text(route, extra: .members([("role", .string("uplink")), ("pod", .null)]))
        #expect(listed.hasSuffix(#""flags":[],"family":"inet6","role":"uplink","pod":null}"#))
        let written = encoder.text(route, extra: .writer { writer in
            writer.member("encap", "vxlan" as StaticString)
        })
        #expect(written.hasSuffix(#""family":"inet6","encap":"vxlan"}"#))
    }

    @Test func unknownDevicesPrintLikeLlIndexToName() {
        let route = Route(family: .inet, destination: Self.prefix("10.9.0.0/16"), device: InterfaceIndex(77),
                          nexthops: [Nexthop(gateway: Self.address("10.0.0.1"))])
        let text = Self.detailed.text(route)
        #expect(text.contains(#""dev":"if77""#))
        #expect(text.contains(#""dev":"*","weight":1"#))
    }
}
