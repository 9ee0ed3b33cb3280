import Testing
@testable import PodRouteCore

@Suite struct TextCaptureNetToolsTests {
    @Test func routeNWithStarGatewaysAndRejectRoutes() throws {
        let text = """
        Kernel IP routing table
        Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
        0.0.0.0         10.20.1.254     0.0.0.0         UG    100    0        0 ens192
        10.20.1.0       0.0.0.0         255.255.255.0   U     100    0        0 ens192
        10.21.69.192    10.20.1.24      255.255.255.192 UG    0      0        0 tunl0
        10.21.230.0     0.0.0.0         255.255.255.192 U     0      0        0 *
        10.21.230.1     *               255.255.255.255 UH    0      0        0 cali7533706c752
        10.30.0.0       -               255.255.0.0     !     5      -        0 -
        172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.routes.count == 7)
        let defaultRoute = try #require(snapshot.route("0.0.0.0/0"))
        #expect(defaultRoute.gateway == IPAddress("10.20.1.254") && defaultRoute.metric == 100)
        #expect(defaultRoute.scope == .universe && defaultRoute.proto == .unspec && defaultRoute.table == .main)
        #expect(snapshot.deviceName(of: defaultRoute) == "ens192")
        let connected = try #require(snapshot.route("10.20.1.0/24"))
        #expect(connected.gateway == nil && connected.scope == .link)
        #expect(snapshot.route("10.21.69.192/26")?.metric == nil)
        #expect(snapshot.route("10.21.230.0/26")?.type == .blackhole)
        let host = try #require(snapshot.route("10.21.230.1/32"))
        #expect(host.gateway == nil && snapshot.deviceName(of: host) == "cali7533706c752")
        let reject = try #require(snapshot.route("10.30.0.0/16"))
        #expect(reject.type == .unreachable && reject.device == nil && reject.metric == 5)
    }

    @Test func netstatColumnsAndHeaderlessRows() throws {
        let text = """
        Kernel IP routing table
        Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
        0.0.0.0         10.20.1.1       0.0.0.0         UG        0 0          0 eth0
        10.60.0.0       10.20.1.1       255.255.0.0     UG     1400 0          0 eth0
        10.30.0.0       -               255.255.0.0     !         - -          - -
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.route("10.60.0.0/16")?.metrics[.advmss] == 1360)
        #expect(snapshot.route("10.30.0.0/16")?.type == .unreachable)

        let rows = """
        0.0.0.0         10.20.1.1       0.0.0.0         UG    0      0        0 eth0
        10.20.1.0       0.0.0.0         255.255.255.0   U     0      0        0 eth0
        """
        let pasted = try loadCapture(rows)
        #expect(pasted.warnings.isEmpty && pasted.routes.count == 2)
    }

    @Test func ipv6RoutingTable() throws {
        let text = """
        $ route -n -A inet6
        Kernel IPv6 routing table
        Destination                    Next Hop                   Flag Met Ref  Use If
        ::/0                           ::                         !n   -1  1      0 lo
        2001:db8::/64                  ::                         U    256 3      0 eth0
        2001:db8:5::/64                2001:db8::2                UG   256 1      0 eth0
        ::/0                           fe80::1                    UGDAe 1024 2     0 eth0
        ::1/128                        ::                         Un   0   3      0 lo
        ff00::/8                       ::                         U    256 4      0 eth0
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.routes.count == 5, "the kernel's null entry is not a route")
        #expect(snapshot.route("2001:db8:5::/64")?.gateway == IPAddress("2001:db8::2"))
        let ra = try #require(snapshot.route("::/0"))
        #expect(ra.proto == RouteProtocol(rawValue: 9) && ra.metric == 1024 && ra.scope == .universe)
        #expect(snapshot.route("::1/128")?.type == .local && snapshot.route("::1/128")?.table == .local)
        #expect(snapshot.route("ff00::/8")?.type == .multicast)
    }

    @Test func busyBoxRouteN() throws {
        let text = """
        Kernel IP routing table
        Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
        10.21.230.0     0.0.0.0         255.255.255.192 U     0      0        0 *
        10.30.0.0       0.0.0.0         255.255.0.0     !     5      0        0 *
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.route("10.21.230.0/26")?.type == .blackhole)
        #expect(snapshot.route("10.30.0.0/16")?.type == .unreachable)
    }

    @Test func badMaskAndNamesWarnWithLineNumbers() throws {
        let text = """
        Kernel IP routing table
        Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
        10.0.0.0        0.0.0.0         255.0.255.0     U     0      0        0 eth0
        default         _gateway        0.0.0.0         UG    0      0        0 eth0
        10.20.1.0       0.0.0.0         255.255.255.0   U     0      0        0 eth0
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.map(\.line) == [3, 4])
        #expect(snapshot.routes.count == 1)
    }
}
