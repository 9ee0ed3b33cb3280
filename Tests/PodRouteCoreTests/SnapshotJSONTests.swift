import FoundationEssentials
import PodRouteCore
import Testing

struct SnapshotJSONTests {
    /// A snapshot using every field the codec carries.
    static func richSnapshot(source: SnapshotSource) -> NetworkSnapshot {
        var names = IPNames.iproute2Defaults
        names.tables[100] = "calico"
        names.protocols[80] = "felix"
        let eth0 = InterfaceIndex(2), cali = InterfaceIndex(7), vxlan = InterfaceIndex(9), ghost = InterfaceIndex(100_000)
        var stats = LinkStats()
        stats.rxBytes = 1_234_567
        stats.txPackets = 89
        stats.rxCRCErrors = 2
        let links = [
            Link(index: InterfaceIndex(1), name: "lo", flags: [.loopback, .up, .lowerUp, .running], mtu: 65536,
                 operState: .unknown, linkMode: 0, linkType: .loopback,
                 address: LinkLayerAddress(bytes: [0, 0, 0, 0, 0, 0]), qdisc: "noqueue", txQueueLength: 1000),
            Link(index: eth0, name: "eth0", altNames: ["enp0s3"], alias: "uplink \"A\"\u{1b}", flags: [.broadcast, .multicast, .up, .lowerUp, .running],
                 mtu: 9001, minMTU: 68, maxMTU: 9216, operState: .up, linkMode: 0,
                 address: LinkLayerAddress(bytes: [2, 0, 0, 0, 0, 1]), broadcast: LinkLayerAddress(bytes: [255, 255, 255, 255, 255, 255]),
                 permanentAddress: LinkLayerAddress(bytes: [2, 0, 0, 0, 0, 2]), qdisc: "mq", txQueueLength: 1000,
                 promiscuity: 0, allmulti: 0, parentBus: "pci", parentDevice: "0000:00:03.0", stats: stats),
            Link(index: cali, name: "calic440f455693", flags: [.broadcast, .multicast, .up, .lowerUp, .running],
                 operState: .up, address: LinkLayerAddress(bytes: [0xee, 0xee, 0xee, 0xee, 0xee, 0xee]),
                 parent: InterfaceIndex(4), linkNetnsID: 1, linkNetnsName: "cni-1234", kind: .veth),
            Link(index: vxlan, name: "vxlan.calico", flags: [.broadcast, .multicast, .up, .lowerUp, .running], mtu: 8951,
                 operState: .unknown, kind: .vxlan,
                 kindData: JSONObject([("id", .int(4096)), ("local", .string("10.0.0.9")), ("link", .string("eth0")),
                                       ("port_range", .object(JSONObject([("low", .int(0)), ("high", .int(0))]))),
                                       ("port", .int(4789)), ("learning", .bool(false)), ("ageing_timer", .double(0.5))])),
            Link(index: ghost, name: "if77", linkType: .none, isInferred: true),
        ]
        let addresses = [
            InterfaceAddress(interface: eth0, local: .v4(IPv4Address(10, 0, 0, 9)), prefixLength: 24, label: "eth0",
                             flags: .permanent, broadcast: .v4(IPv4Address(10, 0, 0, 255))),
            InterfaceAddress(interface: eth0, local: IPAddress("2001:db8::9") ?? .v6(.any), prefixLength: 64,
                             flags: [.managetempaddr, .noprefixroute], validLifetime: 86400, preferredLifetime: 14400, metric: 7),
            InterfaceAddress(interface: cali, local: IPAddress("fe80::ecee:eeff:feee:eeee") ?? .v6(.any), prefixLength: 64,
                             scope: .link, flags: .permanent),
        ]
        var metrics = RouteMetrics(values: [RouteMetric(.mtu, 1400), RouteMetric(.rtt, 800), RouteMetric(.features, 3)],
                                   congestionControl: "bbr")
        metrics.locked = 1 << 2 | 1 << 4
        let routes = RouteStore([
            Route(family: .inet, destination: .default(.inet), proto: .dhcp, metric: 100,
                  gateway: .v4(IPv4Address(10, 0, 0, 1)), device: eth0, preferredSource: .v4(IPv4Address(10, 0, 0, 9))),
            Route(family: .inet, destination: IPPrefix(host: .v4(IPv4Address(10, 21, 69, 212))), scope: .link, device: cali),
            Route(family: .inet, type: .blackhole, destination: IPPrefix(containing: .v4(IPv4Address(10, 21, 69, 192)), length: 26),
                  proto: .bird),
            Route(family: .inet, destination: IPPrefix(containing: .v4(IPv4Address(10, 22, 0, 0)), length: 16),
                  table: RouteTableID(100), proto: .felix, flags: .onlink, gateway: .v4(IPv4Address(10, 0, 0, 2)),
                  device: vxlan, metrics: metrics, realms: 7),
            Route(family: .inet, destination: IPPrefix(containing: .v4(IPv4Address(10, 23, 0, 0)), length: 16),
                  tos: 0x28, table: RouteTableID(1000), nexthops: [
                    Nexthop(gateway: .v4(IPv4Address(10, 0, 0, 3)), device: eth0, weight: 1, realms: 1 << 16 | 2),
                    Nexthop(via: IPAddress("fe80::1"), device: ghost, weight: 3, flags: [.onlink, .dead]),
                  ]),
            Route(family: .inet, type: .unreachable, destination: IPPrefix(containing: .v4(IPv4Address(10, 24, 0, 0)), length: 16),
                  proto: RouteProtocol(rawValue: 201), scope: RouteScope(rawValue: 7)),
            Route(family: .inet6, type: .blackhole, destination: .default(.inet6), metric: 4_294_967_295,
                  device: InterfaceIndex(1), preference: .low),
            Route(family: .inet6, destination: IPPrefix(containing: IPAddress("2001:db8:5::") ?? .v6(.any), length: 64),
                  source: IPPrefix(containing: IPAddress("2001:db8:a::") ?? .v6(.any), length: 48), metric: 1024,
                  gateway: IPAddress("fe80::1"), device: eth0, inputDevice: cali, preference: .high, expires: 300,
                  nexthopID: 12),
        ])
        let rules = [
            Rule(family: .inet, priority: 0, table: .local, proto: .kernel),
            Rule(family: .inet, priority: 100, table: RouteTableID(100), source: IPPrefix(containing: .v4(IPv4Address(10, 21, 0, 0)), length: 16),
                 destination: IPPrefix(host: .v4(IPv4Address(10, 0, 0, 1))), invert: true, tos: 0x10, fwmark: 0x40000,
                 fwmask: 0xff0000, inputInterface: "cali+", outputInterface: "eth9", outputInterfaceDetached: true,
                 suppressPrefixLength: 0, suppressInterfaceGroup: 3, realms: 2 << 16 | 5, proto: .boot,
                 uidRange: 0...999, ipProto: 17, sourcePorts: 53...53, destinationPorts: 1000...2000),
            Rule(family: .inet, priority: 200, action: .goto, table: .unspec, gotoTarget: 300),
            Rule(family: .inet, priority: 250, action: .unreachable, table: .unspec, l3mdev: true),
            Rule(family: .inet6, priority: 0, table: .local, proto: .kernel),
            Rule(family: .inet6, priority: 300, action: .nop, table: .unspec, source: IPPrefix(containing: IPAddress("2001:db8::") ?? .v6(.any), length: 32)),
        ]
        let forwarding = [
            ForwardingConfig(family: .inet, scope: .all, forwarding: true, reversePathFilter: .loose,
                             multicastForwarding: false, proxyNeighbour: false, ignoreRoutesWithLinkdown: false),
            ForwardingConfig(family: .inet, scope: .interface(cali), forwarding: true, reversePathFilter: .strict,
                             proxyNeighbour: true),
            ForwardingConfig(family: .inet6, scope: .defaults, forwarding: false),
        ]
        let pods = [PodReference(namespace: "default", name: "web-0", addresses: [.v4(IPv4Address(10, 21, 69, 212))])]
        return NetworkSnapshot(host: "node1", capturedAt: Date(timeIntervalSince1970: 1_714_564_800.25), source: source,
                               links: links, addresses: addresses, routes: routes, rules: rules, forwarding: forwarding,
                               pods: pods, names: names)
    }

    @Test func snapshotRoundTripsByteForByteAndValueForValue() throws {
        let source = SnapshotSource.capture(path: "node1.json")
        let original = Self.richSnapshot(source: source)
        let first = SnapshotJSON(snapshot: original).text()
        let loaded = try CaptureReader.load(text: first, path: "node1.json", source: source)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let second = SnapshotJSON(snapshot: loaded).text()
        #expect(first == second)
        #expect(Array(loaded.routes) == Array(original.routes))
        #expect(loaded.links == original.links)
        #expect(loaded.addresses == original.addresses)
        #expect(loaded.rules == original.rules)
        #expect(loaded.forwarding == original.forwarding)
        #expect(loaded.pods == original.pods)
        #expect(loaded.host == "node1" && loaded.capturedAt == original.capturedAt)
        #expect(loaded.names == original.names)
    }

    @Test func snapshotHeaderAndSectionsAreWhereScriptsLookForThem() throws {
        let text = SnapshotJSON(snapshot: Self.richSnapshot(source: .live)).text()
        #expect(text.hasPrefix(#"{"podroute_snapshot":1,"host":"node1","captured_at":"2024-05-01T12:00:00.250Z","#
                               + #""source":"live","ip_names":{"tables":{"100":"calico"},"protocols":{"80":"felix"}},"#
                               + #""links":[{"ifindex":1,"ifname":"lo","#))
        #expect(text.hasSuffix("\"pods\":[{\"namespace\":\"default\",\"name\":\"web-0\",\"ips\":[\"10.21.69.212\"]}]}\n"))
        let value = try JSONValue.parse(text, strict: true)
        #expect(value["routes"]?.arrayValue?.count == 8)
        #expect(value["routes"]?.arrayValue?[3]["table"] == .string("calico"))
        #expect(value["links"]?.arrayValue?[1]["stats64"]?["rx"]?["crc_errors"] == .int(2))
    }

    @Test func streamingGivesTheSameBytesIn64KiBChunks() throws {
        var routes = RouteStore()
        for index in 0..<5000 {
            routes.append(Route(family: .inet, destination: IPPrefix(containing: .v4(IPv4Address(UInt32(0x0a00_0000 + index * 4))),
                                                                        length: 30), device: InterfaceIndex(2)))
        }
        let snapshot = NetworkSnapshot(host: "big", source: .demo, links: [Link(index: InterfaceIndex(2), name: "eth0")],
                                       routes: routes)
        var chunks: [[UInt8]] = []
        SnapshotJSON(snapshot: snapshot).stream { chunks.append(Array($0)) }
        #expect(chunks.count > 3)
        #expect(chunks.dropLast().allSatisfy { $0.count == JSONWriter.chunkSize })
        #expect(String(decoding: chunks.flatMap { $0 }, as: UTF8.self) == SnapshotJSON(snapshot: snapshot).text())
    }

    @Test func newerFormatsAndBadHeadersWarnButLoad() throws {
        let text = #"{"podroute_snapshot":9,"host":"n2","captured_at":"yesterday","links":{},"#
            + #""routes":[{"type":"unicast","dst":"10.0.0.0/8","flags":[],"family":"inet"},{"priority":5,"src":"all"}],"#
            + #""pods":[{"name":"x"}]}"#
        let snapshot = try CaptureReader.load(text: text, path: "n2.json")
        #expect(snapshot.host == "n2" && snapshot.capturedAt == nil)
        #expect(snapshot.routes.count == 1)
        let warnings = snapshot.warnings.map(\.description)
        #expect(warnings.count == 5, "\(warnings)")
        #expect(warnings.contains { $0.contains("format 9") })
        #expect(warnings.contains { $0.contains("'captured_at' is \"yesterday\"") })
        #expect(warnings.contains { $0.contains("'links' is an object") })
        #expect(warnings.contains { $0.contains(".routes[1] is not a route object") })
        #expect(warnings.contains { $0.contains(".pods[0]") })
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_714_564_800, "2024-05-01T12:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (-86_400.5, "1969-12-30T23:59:59.500Z"), (4_102_444_799.999, "2099-12-31T23:59:59.999Z"),
    ])
    func timestamps(seconds: Double, text: String) {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
        #expect(ISO8601Timestamp.parse(text).map { ($0.timeIntervalSince1970 * 1000).rounded() } == (seconds * 1000).rounded())
    }

    @Test func timestampsWithOffsetsAndJunk() {
        #expect(ISO8601Timestamp.parse("2024-05-01T14:00:00+02:00")?.timeIntervalSince1970 == 1_714_564_800)
        #expect(ISO8601Timestamp.parse("2024-05-01T12:00:00") == nil)
        #expect(ISO8601Timestamp.parse("2024-13-01T12:00:00Z") == nil)
        #expect(ISO8601Timestamp.parse("yesterday") == nil)
    }
}
