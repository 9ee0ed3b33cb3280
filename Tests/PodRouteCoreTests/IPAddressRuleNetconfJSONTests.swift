import PodRouteCore
import Testing

/// Links, addresses, rules and netconf entries built by hand against objects iproute2 6.1
/// printed for the same kernel state.
struct IPAddressRuleNetconfJSONTests {
    static let queues = QueueCounts(txQueues: 2, rxQueues: 2, gsoMaxSize: 65536, gsoMaxSegments: 65535,
                                    tsoMaxSize: 524_280, tsoMaxSegments: 65535, groMaxSize: 65536)
    static let mac = LinkLayerAddress(bytes: [0x2a, 0x20, 0x63, 0xb3, 0xd1, 0xfd])
    static let broadcast = LinkLayerAddress(bytes: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff])

    static func veth(_ index: Int32, _ name: String, flags: LinkFlags, parent: Int32?, netnsID: Int32? = nil) -> Link {
        Link(index: InterfaceIndex(index), name: name, flags: flags, mtu: 1500, minMTU: 68, maxMTU: 65535,
             operState: flags.contains(.running) ? .up : .lowerLayerDown, linkType: .ether, address: mac,
             broadcast: broadcast, parent: parent.map { InterfaceIndex($0) }, linkNetnsID: netnsID, qdisc: "noqueue",
             txQueueLength: 1000, promiscuity: 0, allmulti: 0, queues: queues, kind: .veth)
    }

    @Test func vethWithoutCarrierAndADownPeer() {
        let vd0 = Self.veth(10, "vd0", flags: [.broadcast, .multicast, .up], parent: 9)
        let vd1 = Self.veth(9, "vd1", flags: [.broadcast, .multicast], parent: 10)
        let snapshot = NetworkSnapshot(host: "n", source: .demo, links: [vd1, vd0])
        #expect(IPAddressJSON(snapshot: snapshot).text(vd0) == #"{"ifindex":10,"link":"vd1","ifname":"vd0","#
                + #""flags":["NO-CARRIER","BROADCAST","MULTICAST","UP","M-DOWN"],"mtu":1500,"qdisc":"noqueue","#
                + #""operstate":"LOWERLAYERDOWN","group":"default","txqlen":1000,"link_type":"ether","#
                + #""address":"2a:20:63:b3:d1:fd","broadcast":"ff:ff:ff:ff:ff:ff","promiscuity":0,"allmulti":0,"#
                + #""min_mtu":68,"max_mtu":65535,"linkinfo":{"info_kind":"veth"},"num_tx_queues":2,"num_rx_queues":2,"#
                + #""gso_max_size":65536,"gso_max_segs":65535,"tso_max_size":524280,"tso_max_segs":65535,"#
                + #""gro_max_size":65536,"addr_info":[]}"#)
    }

    @Test func peerInAnotherNamespaceGivesIndexAndNsid() {
        let workload = Self.veth(2, "calic440f455693", flags: [.broadcast, .multicast, .up, .lowerUp, .running],
                                 parent: 2, netnsID: 0)
        let text = IPAddressJSON(snapshot: NetworkSnapshot(host: "n", source: .demo, links: [workload])).text(workload)
        #expect(text.hasPrefix(#"{"ifindex":2,"link_index":2,"ifname":"calic440f455693","#
                               + #""flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"#))
        #expect(text.contains(#""broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0,"promiscuity":0,"#))
    }

    @Test func tunnelWithoutLowerDeviceAndPointToPoint() {
        let tunnel = Link(index: InterfaceIndex(4), name: "tunl0", flags: [.noarp, .up, .lowerUp, .running, .pointToPoint],
                          mtu: 1480, operState: .unknown, linkType: .ipip,
                          address: LinkLayerAddress(bytes: [0, 0, 0, 0]), broadcast: LinkLayerAddress(bytes: [0, 0, 0, 0]),
                          parent: InterfaceIndex(0), kind: .ipip)
        let text = IPAddressJSON(snapshot: NetworkSnapshot(host: "n", source: .demo, links: [tunnel])).text(tunnel)
        #expect(text.hasPrefix(#"{"ifindex":4,"link":null,"ifname":"tunl0","flags":["POINTOPOINT","NOARP","UP","LOWER_UP"],"#))
        #expect(text.contains(#""link_type":"ipip","address":"0.0.0.0","link_pointtopoint":true,"broadcast":"0.0.0.0","#))
        #expect(text.contains(#""linkinfo":{"info_kind":"ipip","info_data":{}}"#))
    }

    @Test func addressesPrintTheirFlagsAndLifetimes() {
        let dum0 = InterfaceIndex(6)
        let addresses = [
            InterfaceAddress(interface: dum0, local: .v4(IPv4Address(10, 0, 0, 5)), prefixLength: 24, label: "dum0:1",
                             flags: [.secondary, .permanent]),
            InterfaceAddress(interface: dum0, local: .v4(IPv4Address(10, 9, 9, 1)), peer: .v4(IPv4Address(10, 9, 9, 2)),
                             prefixLength: 32, label: "vpa", flags: .permanent),
            InterfaceAddress(interface: dum0, local: .v4(IPv4Address(10, 77, 0, 1)), prefixLength: 24, label: "br0",
                             flags: .permanent, metric: 55),
            InterfaceAddress(interface: dum0, local: IPAddress("2001:db8:1::1") ?? .v6(.any), prefixLength: 64,
                             flags: [.noprefixroute], validLifetime: 2999, preferredLifetime: 1999),
            InterfaceAddress(interface: dum0, local: IPAddress("2001:db8:2::1") ?? .v6(.any), prefixLength: 64,
                             flags: [.secondary, .deprecated], validLifetime: 20, preferredLifetime: UInt32(bitPattern: -5)),
        ]
        let link = Link(index: dum0, name: "dum0")
        var writer = JSONWriter()
        IPAddressJSON(snapshot: NetworkSnapshot(host: "n", source: .demo, links: [link], addresses: addresses))
            .write(link, to: &writer)
        let text = writer.text
        #expect(text.contains(#"{"family":"inet","local":"10.0.0.5","prefixlen":24,"scope":"global","secondary":true,"#
                              + #""label":"dum0:1","valid_life_time":4294967295,"preferred_life_time":4294967295}"#))
        #expect(text.contains(#"{"family":"inet","local":"10.9.9.1","address":"10.9.9.2","prefixlen":32,"#
                              + #""scope":"global","label":"vpa","#))
        #expect(text.contains(#""prefixlen":24,"metric":55,"scope":"global","label":"br0","#))
        #expect(text.contains(#"{"family":"inet6","local":"2001:db8:1::1","prefixlen":64,"scope":"global","#
                              + #""dynamic":true,"noprefixroute":true,"valid_life_time":2999,"preferred_life_time":1999}"#))
        #expect(text.contains(#""scope":"global","temporary":true,"deprecated":true,"dynamic":true,"#
                              + #""valid_life_time":20,"preferred_life_time":-5}"#))
    }

    @Test func statisticsFollowDashSShapes() {
        var stats = LinkStats()
        stats.rxBytes = 516
        stats.rxPackets = 6
        stats.txCompressed = 3
        let link = Link(index: InterfaceIndex(1), name: "lo", stats: stats)
        let snapshot = NetworkSnapshot(host: "n", source: .demo, links: [link])
        let basic = IPAddressJSON(snapshot: snapshot, options: .init(statistics: .basic)).text(link)
        #expect(basic.hasSuffix(#""addr_info":[],"stats64":{"rx":{"bytes":516,"packets":6,"errors":0,"dropped":0,"#
                                + #""over_errors":0,"multicast":0},"tx":{"bytes":0,"packets":0,"errors":0,"dropped":0,"#
                                + #""carrier_errors":0,"collisions":0,"compressed":3}}}"#))
        let extended = IPAddressJSON(snapshot: snapshot, options: .init(statistics: .extended)).text(link)
        #expect(extended.contains(#""multicast":0,"length_errors":0,"crc_errors":0,"frame_errors":0,"fifo_errors":0,"#
                                  + #""missed_errors":0},"#))
        #expect(!IPAddressJSON(snapshot: snapshot).text(link).contains("stats64"))
    }

    @Test(arguments: [
        (Rule(family: .inet, priority: 800, table: RouteTableID(100), ipProto: 6, sourcePorts: 1000...2000,
              destinationPorts: 80...80),
         #"{"priority":800,"src":"all","ipproto":"tcp","sport_start":1000,"sport_end":2000,"dport":80,"table":"100"}"#),
        (Rule(family: .inet, priority: 400, table: RouteTableID(100),
              destination: IPPrefix(address: .v4(IPv4Address(10, 50, 0, 0)), length: 16), invert: true),
         #"{"priority":400,"not":null,"src":"all","dst":"10.50.0.0","dstlen":16,"table":"100"}"#),
        (Rule(family: .inet, priority: 1200, table: RouteTableID(100),
              destination: IPPrefix(host: .v4(IPv4Address(10, 60, 0, 1))), tos: 0x10, inputInterface: "nosuchdev",
              inputInterfaceDetached: true, realms: 5 << 16 | 7),
         #"{"priority":1200,"src":"all","dst":"10.60.0.1","tos":"0x10","iif":"nosuchdev","iif_detached":null,"#
            + #""table":"100","flow_from":"5","flow_to":"7"}"#),
        (Rule(family: .inet, priority: 100, table: RouteTableID(100), fwmark: 0x10, fwmask: 0xff),
         #"{"priority":100,"src":"all","fwmark":"0x10","fwmask":"0xff","table":"100"}"#),
        (Rule(family: .inet, priority: 1000, table: RouteTableID(100), fwmark: 0x20, fwmask: .max),
         #"{"priority":1000,"src":"all","fwmark":"0x20","table":"100"}"#),
        (Rule(family: .inet, priority: 500, action: .goto, table: .unspec, gotoTarget: 32766),
         #"{"priority":500,"src":"all","goto":32766}"#),
        (Rule(family: .inet, priority: 700, action: .blackhole, table: .unspec, outputInterface: "dum0"),
         #"{"priority":700,"src":"all","oif":"dum0","action":"blackhole"}"#),
        (Rule(family: .inet, priority: 1100, action: .nop, table: .unspec), #"{"priority":1100,"src":"all","nop":null}"#),
        (Rule(family: .inet, priority: 900, table: RouteTableID(100), proto: .static, uidRange: 1000...2000),
         #"{"priority":900,"src":"all","uid_start":1000,"uid_end":2000,"table":"100","protocol":"static"}"#),
        (Rule(family: .inet, priority: 600, table: .main,
              source: IPPrefix(address: .v4(IPv4Address(10, 0, 0, 0)), length: 8), suppressPrefixLength: 0),
         #"{"priority":600,"src":"10.0.0.0","srclen":8,"table":"main","suppress_prefixlen":0}"#),
        (Rule(family: .inet6, priority: 100, table: RouteTableID(1000),
              source: IPPrefix(address: IPAddress("2001:db8::") ?? .v6(.any), length: 32), proto: .unspec),
         #"{"priority":100,"src":"2001:db8::","srclen":32,"table":"1000"}"#),
    ])
    func rulesPrintLikeIpRule(rule: Rule, text: String) {
        let plain = IPRuleJSON(options: .init(detailed: false, includeFamily: false))
        #expect(plain.text(rule) == text)
    }

    @Test func detailedRulesAlwaysNameTheProtocolAndAddTheFamily() {
        let rule = Rule(family: .inet, priority: 0, table: .local, proto: .kernel)
        #expect(IPRuleJSON().text(rule) == #"{"priority":0,"src":"all","table":"local","protocol":"kernel","family":"inet"}"#)
        #expect(IPRuleJSON(options: .init(detailed: false)).text(rule) == #"{"priority":0,"src":"all","table":"local","family":"inet"}"#)
    }

    @Test func netconfEntries() {
        let link = Link(index: InterfaceIndex(3), name: "eth0")
        let encoder = IPNetconfJSON(snapshot: NetworkSnapshot(host: "n", source: .demo, links: [link]))
        let all = ForwardingConfig(family: .inet, scope: .all, forwarding: false, reversePathFilter: .off,
                                   multicastForwarding: false, proxyNeighbour: false, ignoreRoutesWithLinkdown: false)
        #expect(encoder.text(all) == #"{"family":"inet","interface":"all","forwarding":false,"rp_filter":"off","#
                + #""mc_forwarding":false,"proxy_neigh":false,"ignore_routes_with_linkdown":false}"#)
        let device = ForwardingConfig(family: .inet6, scope: .interface(InterfaceIndex(3)), forwarding: true)
        #expect(encoder.text(device) == #"{"family":"inet6","interface":"eth0","forwarding":true}"#)
    }
}
