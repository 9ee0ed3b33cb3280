import Testing
@testable import PodRouteCore

extension NetworkSnapshot {
    func route(_ destination: String, table: RouteTableID? = nil, type: RouteType? = nil) -> Route? {
        routes.first { route in
            route.destination.description == destination && (table == nil || route.table == table)
                && (type == nil || route.type == type)
        }
    }

    func deviceName(of route: Route?) -> String? {
        route?.device.map { deviceName($0) }
    }
}

@Suite struct TextCaptureRouteTests {
    /// `ip route show table all` from iproute2 6.1 in a test namespace.
    static let plainAllTables = """
    10.50.0.0/16 via 10.20.1.1 dev eth0 table 100
    throw 10.70.0.0/16 table 100
    default via 10.20.1.1 dev eth0 table 1000 metric 100
    default via 10.20.1.1 dev eth0 src 10.20.1.22
    10.20.1.0/24 dev eth0 proto kernel scope link src 10.20.1.22
    10.21.69.0/26 via 10.20.1.24 dev eth0 proto bird
    10.21.69.212 dev calic440f455693 scope link linkdown
    10.21.100.0/26 via 10.21.100.1 dev vxlan.calico onlink
    blackhole 10.21.230.0/26 proto 80
    unreachable 10.30.0.0/16 metric 5
    prohibit 10.31.0.0/16
    10.40.0.0/16
    \tnexthop via 10.20.1.30 dev eth0 weight 2
    \tnexthop via 10.20.1.31 dev eth0 weight 1 onlink
    10.60.0.0/16 via 10.20.1.1 dev eth0 mtu 1400 advmss 1360
    10.61.0.0/16 via 10.20.1.1 dev eth0 mtu lock 1300
    local 10.20.1.22 dev eth0 table local proto kernel scope host src 10.20.1.22
    broadcast 10.20.1.255 dev eth0 table local proto kernel scope link src 10.20.1.22
    2001:db8::/64 dev eth0 proto kernel metric 256 pref medium
    2001:db8:5::/64 via 2001:db8::2 dev eth0 metric 256 pref high
    local ::1 dev lo table local proto kernel metric 0 pref medium
    multicast ff00::/8 dev eth0 table local proto kernel metric 256 pref medium
    """

    @Test func plainOutputImpliesBootGlobalMainUnicast() throws {
        let snapshot = try loadCapture(Self.plainAllTables)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.routes.count == 20)
        let main = try #require(snapshot.route("0.0.0.0/0", table: .main))
        #expect(main.type == .unicast && main.proto == .boot && main.scope == .universe && main.metric == nil)
        #expect(main.gateway == IPAddress("10.20.1.1") && main.preferredSource == IPAddress("10.20.1.22"))
        #expect(snapshot.deviceName(of: main) == "eth0")
        #expect(snapshot.route("0.0.0.0/0", table: RouteTableID(1000))?.metric == 100)
        #expect(snapshot.route("10.50.0.0/16")?.table == RouteTableID(100))
        let throwRoute = try #require(snapshot.route("10.70.0.0/16"))
        #expect(throwRoute.type == .throw && throwRoute.table == RouteTableID(100) && throwRoute.device == nil)
        let connected = try #require(snapshot.route("10.20.1.0/24"))
        #expect(connected.proto == .kernel && connected.scope == .link)
        #expect(snapshot.route("10.21.69.0/26")?.proto == .bird)
        let pod = try #require(snapshot.route("10.21.69.212/32"))
        #expect(pod.flags == .linkdown && pod.scope == .link && pod.proto == .boot)
        #expect(snapshot.route("10.21.100.0/26")?.flags == .onlink)
        let blackhole = try #require(snapshot.route("10.21.230.0/26"))
        #expect(blackhole.type == .blackhole && blackhole.proto == .felix)
        #expect(snapshot.route("10.30.0.0/16")?.type == .unreachable && snapshot.route("10.30.0.0/16")?.metric == 5)
        #expect(snapshot.route("10.31.0.0/16")?.type == .prohibit)
        let multipath = try #require(snapshot.route("10.40.0.0/16"))
        #expect(multipath.nexthops.map(\.weight) == [2, 1])
        #expect(multipath.nexthops.map(\.gateway) == [IPAddress("10.20.1.30"), IPAddress("10.20.1.31")])
        #expect(multipath.nexthops.map(\.flags) == [[], .onlink])
        #expect(multipath.nexthops.allSatisfy { $0.device.map(snapshot.deviceName) == "eth0" })
        let metrics = try #require(snapshot.route("10.60.0.0/16")?.metrics)
        #expect(metrics.mtu == 1400 && metrics[.advmss] == 1360 && metrics.locked == 0)
        let locked = try #require(snapshot.route("10.61.0.0/16")?.metrics)
        #expect(locked.mtu == 1300 && locked.locked == 1 << 2)
        #expect(snapshot.route("10.20.1.22/32")?.table == .local && snapshot.route("10.20.1.22/32")?.scope == .host)
        #expect(snapshot.route("10.20.1.255/32")?.type == .broadcast)
        let v6 = try #require(snapshot.route("2001:db8:5::/64"))
        #expect(v6.preference == .high && v6.metric == 256 && v6.proto == .boot && v6.gateway == IPAddress("2001:db8::2"))
        #expect(snapshot.route("::1/128")?.metric == 0 && snapshot.route("::1/128")?.table == .local)
        #expect(snapshot.route("ff00::/8")?.type == .multicast)
    }

    @Test func detailedOutputAndFidelity() throws {
        // A detailed line beats a plain one for the same route; both forms load the same values.
        let text = """
        unicast default via 10.20.1.1 dev eth0 table main proto boot scope global src 10.20.1.22
        unicast 10.9.9.2 dev mv0 table main proto kernel scope link src 10.9.9.1
        blackhole 10.21.230.0/26 table main proto 80 scope global
        unicast 2001:db8::/64 dev eth0 table main proto kernel scope global metric 256 pref medium
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.route("0.0.0.0/0")?.proto == .boot && snapshot.route("10.9.9.2/32")?.scope == .link)
        #expect(snapshot.route("10.21.230.0/26")?.proto == RouteProtocol(rawValue: 80))
        #expect(snapshot.route("2001:db8::/64")?.family == .inet6)
    }

    @Test func promptSuppliesTableFamilyAndDetail() throws {
        let text = """
        root@node1:~# ip route show table 100
        10.50.0.0/16 via 10.20.1.1 dev eth0
        root@node1:~# ip -6 route
        default dev wg0 metric 1024 pref medium
        root@node1:~# ip -4 -N route show table all
        6 10.21.230.0/26 proto 80 scope 0
        1 10.21.69.0/26 via 10.20.1.24 dev eth0 table 254 proto 12 scope 0
        root@node1:~# ip route show table local
        local 10.20.1.22 dev eth0 proto kernel scope host src 10.20.1.22
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.route("10.50.0.0/16")?.table == RouteTableID(100))
        let v6 = try #require(snapshot.route("::/0"))
        #expect(v6.family == .inet6 && v6.metric == 1024)
        #expect(snapshot.route("10.21.230.0/26")?.type == .blackhole)
        #expect(snapshot.route("10.21.69.0/26")?.proto == .bird && snapshot.route("10.21.69.0/26")?.table == .main)
        #expect(snapshot.route("10.20.1.22/32")?.table == .local)
    }

    @Test func viaOtherFamilyExpiresAndNumbers() throws {
        let text = """
        10.8.0.0/16 via inet6 fe80::1 dev eth0 proto static
        default via fe80::1 dev eth0 proto ra metric 1024 expires 1784sec hoplimit 64 pref medium
        10.9.0.0/16 nhid 12 via 10.20.1.1 dev eth0 proto 17 realms 1/2
        2001:db8:9::/64 from 2001:db8::/48 via fe80::2 dev eth0 metric 1 pref low
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let viaRoute = try #require(snapshot.route("10.8.0.0/16"))
        #expect(viaRoute.via == IPAddress("fe80::1") && viaRoute.gateway == nil && viaRoute.proto == .static)
        let ra = try #require(snapshot.route("::/0"))
        #expect(ra.expires == 1784 && ra.metrics[.hoplimit] == 64 && ra.proto == RouteProtocol(rawValue: 9))
        let nh = try #require(snapshot.route("10.9.0.0/16"))
        #expect(nh.nexthopID == 12 && nh.proto == RouteProtocol(rawValue: 17) && nh.realms == 1 << 16 | 2)
        let sourced = try #require(snapshot.route("2001:db8:9::/64"))
        #expect(sourced.source?.description == "2001:db8::/48" && sourced.preference == .low)
    }

    @Test func cacheLinesAndUnknownWordsWarn() throws {
        let text = """
        10.21.69.5 via 10.20.1.24 dev eth0 src 10.20.1.22 uid 0
            cache
        10.1.0.0/16 via 10.20.1.1 dev eth0 frobnicate
        10.2.0.0/16 via 10.20.1.1 dev eth0 table calico
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.route("10.21.69.5/32") == nil)
        #expect(snapshot.route("10.1.0.0/16") != nil)
        #expect(snapshot.route("10.2.0.0/16") == nil)
        #expect(snapshot.warnings.map(\.line) == [1, 3, 4])
        #expect(snapshot.warnings[1].message.contains("frobnicate"))
        #expect(snapshot.warnings[2].message.contains("calico"))
    }

    @Test func onelineMultipath() throws {
        let text = "10.40.0.0/16 proto bird \\\tnexthop via 10.20.1.30 dev eth0 weight 2 \\\tnexthop via 10.20.1.31 dev eth1 weight 1 "
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let route = try #require(snapshot.route("10.40.0.0/16"))
        #expect(route.nexthops.count == 2 && route.proto == .bird)
        #expect(route.nexthops.compactMap { $0.device.map(snapshot.deviceName) } == ["eth0", "eth1"])
    }

    @Test func busyBoxRoutesLeaveProtocolUnknown() throws {
        let text = """
        / # busybox ip route
        default via 10.20.1.1 dev eth0  src 10.20.1.22
        10.20.1.0/24 dev eth0 scope link  src 10.20.1.22
        blackhole 10.21.230.0/26
        unreachable 10.30.0.0/16  metric 5
        / # busybox ip -6 route
        multicast ff00::/8 dev eth0  metric 256
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.routes.allSatisfy { $0.proto == .unspec })
        #expect(snapshot.route("10.20.1.0/24")?.scope == .link)
        #expect(snapshot.route("ff00::/8")?.table == .local)
        #expect(snapshot.route("10.30.0.0/16")?.metric == 5)
    }

    @Test func neighbourLinesAreSkippedSilently() throws {
        let text = """
        10.20.1.1 dev eth0 lladdr 00:50:56:aa:bb:cc REACHABLE
        fe80::1 dev eth0 lladdr 00:50:56:aa:bb:cc router STALE
        10.20.1.9 dev eth0  FAILED
        169.254.1.1 dev calic440f455693 lladdr ee:ee:ee:ee:ee:ee PERMANENT
        10.21.69.212 dev calic440f455693 scope link
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.routes.count == 1)
    }
}
