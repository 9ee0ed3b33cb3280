import PodRouteCore
import Testing

struct IPJSONReaderTests {
    @Test func malformedElementsWarnWithLineAndIndexWhileGoodOnesLoad() throws {
        let text = """
            root@node1:~# ip -j -d route show table all
            [{"type":"unicast","dst":"10.1.0.0/16","gateway":"10.0.0.254","dev":"eth0","table":"main","protocol":"bird","scope":"global","flags":[]},
             {"type":"unicast","dst":5,"flags":[]},
             "not an object",
             {"type":"unicast","dst":"10.2.0.0/16","metric":-4,"flags":[]},
             {"type":"bogus","dst":"10.3.0.0/16","flags":[]},
             {"hello":"world"},
             {"dst":"10.4.0.0/16","nexthops":[{"gateway":"10.0.0.1","dev":"eth0","weight":0}],"flags":[]},
             {"type":"blackhole","dst":"10.5.0.0/16","table":"main","protocol":"boot","scope":"global","flags":[]}]
            root@node1:~# ip -j addr show
            [{"ifindex":2,"ifname":"eth0","flags":["UP"],"mtu":"big"},
             {"ifindex":3,"ifname":"eth1","flags":["BROADCAST","UP","LOWER_UP"],"mtu":1500,"addr_info":[{"family":"inet","local":"10.0.0.9","prefixlen":24,"scope":"global"}]},
             {"ifindex":4,"ifname":"eth2","addr_info":[{"family":"inet6","local":"10.0.0.10","prefixlen":24}]}]
            """
        let snapshot = try CaptureReader.load(text: text, path: "node1.txt")
        #expect(snapshot.routes.map(\.destination.description) == ["10.1.0.0/16", "10.5.0.0/16"])
        #expect(snapshot.link(named: "eth1")?.mtu == 1500)
        #expect(snapshot.addresses.map(\.local.description) == ["10.0.0.9"])
        let warnings = snapshot.warnings.map(\.description)
        let expected = [
            "line 2: JSON element .[1] (a route): 'dst' is 5; expected a string; it is skipped",
            "line 2: JSON element .[2] is \"not an object\"; expected an object of 'ip -j' output; it is skipped",
            "line 2: JSON element .[3] (a route): 'metric' is -4; expected a whole number from 0 to 4294967295; it is skipped",
            "line 2: JSON element .[4] (a route): 'type' is \"bogus\"; expected a route type such as \"unicast\"; it is skipped",
            "line 2: JSON element .[5] is not an ip link/address, route, rule, netconf or neighbour object or a bridge "
                + "fdb object (with an ifname, dst, priority, interface or mac key); it is skipped",
            "line 2: JSON element .[6] (a route): nexthops[0]: 'weight' is 0; expected a weight from 1 to 256; it is skipped",
            "line 11: JSON element .[0] (a link): 'mtu' is \"big\"; expected a whole number from 0 to 4294967295; it is skipped",
            "line 11: JSON element .[2] (a link): addr_info[0]: 'family' is \"inet6\" but 'local' 10.0.0.10 is not; it is skipped",
        ]
        #expect(warnings == expected)
    }

    @Test func invalidJSONIsAnErrorNamingWhere() {
        let text = "root@n:~# ip -j route\n[{\"dst\":\"default\",,}]\n"
        #expect {
            _ = try CaptureReader.load(text: text, path: "n.txt")
        } throws: { error in
            "\(error)".contains("line 2") && "\(error)".contains("column 19")
        }
    }

    @Test func plainRouteOutputMeansIproute2sDefaults() throws {
        let text = """
            root@n:~# ip -j route show table 100
            [{"dst":"10.10.0.0/16","gateway":"10.0.0.254","dev":"eth0","flags":[]}]
            root@n:~# ip -j route
            [{"dst":"10.8.0.1","dev":"cali1","scope":"link","flags":[]},{"dst":"10.9.0.0/16","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"10.9.0.1","flags":[]}]
            """
        let routes = Array(try CaptureReader.load(text: text, path: "n.txt").routes)
        #expect(routes.map(\.table) == [RouteTableID(100), .main, .main])
        #expect(routes.map(\.proto) == [.boot, .boot, .kernel])
        #expect(routes.map(\.scope) == [.universe, .link, .link])
        #expect(routes.map(\.type) == [.unicast, .unicast, .unicast])
        #expect(routes[1].destination == IPPrefix(host: .v4(IPv4Address(10, 8, 0, 1))))
    }

    @Test func familyComesFromTheMemberTheCommandTheAddressesOrPref() throws {
        let text = """
            [{"type":"unreachable","dst":"default","flags":[]},
             {"type":"unreachable","dst":"default","metric":1024,"flags":[],"pref":"medium"},
             {"type":"prohibit","dst":"default","flags":[],"family":"inet6","table":"100"}]
            root@n:~# ip -6 -j route show table 200
            [{"type":"blackhole","dst":"default","flags":[]}]
            """
        let routes = Array(try CaptureReader.load(text: text, path: "n.txt").routes)
        #expect(routes.map(\.family) == [.inet, .inet6, .inet6, .inet6])
        #expect(routes.map(\.table) == [.main, .main, RouteTableID(100), RouteTableID(200)])
    }

    @Test func rulesTakeTheFamilyOfTheCommand() throws {
        let rules = #"[{"priority":0,"src":"all","table":"local"},{"priority":32766,"src":"all","table":"main"}]"#
        let text = "root@n:~# ip -j rule\n\(rules)\nroot@n:~# ip -6 -j rule\n\(rules)\n"
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        #expect(snapshot.rules.map(\.family) == [.inet, .inet, .inet6, .inet6])
        #expect(snapshot.rules.map(\.table) == [.local, .main, .local, .main])
    }

    @Test func unknownTableNamesGetAStandInAndPrintBack() throws {
        let text = """
            [{"type":"unicast","dst":"10.0.0.0/8","dev":"eth0","table":"calico","protocol":"felix","scope":"global","flags":[]},
             {"priority":100,"src":"all","table":"calico"}]
            """
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        let route = try #require(snapshot.routes.first)
        #expect(route.table == RouteTableID(UInt32.max - 1))
        #expect(snapshot.rules.first?.table == route.table)
        #expect(snapshot.warnings.count == 2)
        #expect(snapshot.warnings.contains { $0.description.contains("table 'calico' is not a number or a name") })
        let printed = IPRouteJSON(snapshot: snapshot).text(route)
        #expect(printed.contains(#""table":"calico","protocol":"felix""#))
    }

    @Test func linksResolveMastersAndLowerDevicesByName() throws {
        let text = """
            root@n:~# ip -j -d link show
            [{"ifindex":3,"link":"vpa","ifname":"vpb","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"master":"br0","operstate":"UP","linkmode":"DEFAULT","group":"default","link_type":"ether","linkinfo":{"info_kind":"veth","info_slave_kind":"bridge","info_slave_data":{"state":"forwarding","hold_timer":0.00}}},
             {"ifindex":4,"link":"vpb","ifname":"vpa","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"operstate":"UP","group":"default","link_type":"ether","altnames":["vpa-alt"]},
             {"ifindex":5,"ifname":"br0","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"mtu":1500,"operstate":"DOWN","group":"default","link_type":"ether","linkinfo":{"info_kind":"bridge","info_data":{"forward_delay":1500,"gc_timer":297.99}}},
             {"ifindex":6,"link":null,"ifname":"tunl0","flags":["NOARP","UP","LOWER_UP"],"mtu":1480,"link_type":"ipip","address":"0.0.0.0"},
             {"ifindex":7,"link":"if42","ifname":"orphan","flags":[],"mtu":1500}]
            """
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        #expect(snapshot.warnings.isEmpty)
        let vpb = try #require(snapshot.link(named: "vpb"))
        #expect(vpb.master == InterfaceIndex(5) && vpb.parent == InterfaceIndex(4))
        #expect(vpb.slaveData.keys == ["state", "hold_timer"])
        #expect(vpb.linkMode == 0)
        #expect(snapshot.link(named: "vpa-alt")?.index == InterfaceIndex(4))
        let bridge = try #require(snapshot.link(named: "br0"))
        #expect(bridge.isUp && !bridge.hasCarrier)
        #expect(IPAddressJSON(snapshot: snapshot).text(bridge).contains(
            #""linkinfo":{"info_kind":"bridge","info_data":{"forward_delay":1500,"gc_timer":297.99}}"#))
        #expect(IPAddressJSON(snapshot: snapshot).text(vpb).contains(#""hold_timer":0.00}"#))
        #expect(snapshot.link(named: "tunl0")?.parent == InterfaceIndex(0))
        #expect(snapshot.link(named: "tunl0")?.address?.bytes == [0, 0, 0, 0])
        #expect(snapshot.link(named: "orphan")?.parent == InterfaceIndex(42))
    }

    @Test func briefAddressOutputWithoutIndexesLoads() throws {
        let text = """
            root@n:~# ip -j -br addr
            [{"ifname":"lo","operstate":"UNKNOWN","addr_info":[{"local":"127.0.0.1","prefixlen":8},{"local":"::1","prefixlen":128}]},
             {"ifname":"eth0","operstate":"UP","addr_info":[{"local":"10.0.0.9","prefixlen":24}]}]
            """
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        #expect(snapshot.links.map(\.name) == ["lo", "eth0"])
        #expect(snapshot.addresses(of: try #require(snapshot.link(named: "eth0")).index).map(\.local.description) == ["10.0.0.9"])
        #expect(snapshot.warnings.isEmpty)
    }

    @Test func netconfEntriesBecomeForwardingSettings() throws {
        let text = """
            root@n:~# ip -j netconf show
            [{"family":"inet","interface":"eth0","forwarding":true,"rp_filter":"loose","mc_forwarding":false,"proxy_neigh":false,"ignore_routes_with_linkdown":false},
             {"family":"inet","interface":"all","forwarding":true,"rp_filter":"strict"},
             {"family":"inet6","interface":"default","forwarding":false},
             {"family":"mpls","interface":"eth0","input":false}]
            """
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        #expect(snapshot.warnings.isEmpty)
        #expect(snapshot.forwarding.count == 3)
        let eth0 = try #require(snapshot.link(named: "eth0"))
        #expect(snapshot.forwarding.first?.scope == .interface(eth0.index))
        #expect(snapshot.forwarding.first?.reversePathFilter == .loose)
        #expect(snapshot.forwarding[1].scope == .all && snapshot.forwarding[1].reversePathFilter == .strict)
        #expect(snapshot.forwarding[2].family == .inet6 && snapshot.forwarding[2].scope == .defaults)
    }

    @Test func bracketedPromptsAndWindowsLineEndsStillGiveTheContext() throws {
        let rules = #"[{"priority":0,"src":"all","table":"local"}]"#
        let text = "[root@node1 ~]# ip -6 -j rule\r\n\(rules)\r\n[root@node1 ~]# ip -j rule\r\n\(rules)\r\n"
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.rules.map(\.family) == [.inet6, .inet])
    }

    @Test func anAliasThatLooksLikeAPromptStaysInsideItsJSON() throws {
        let text = #"[{"ifindex":2,"ifname":"eth0","ifalias":"uplink # ip -6 route","flags":[],"mtu":1500}]"#
        let snapshot = try CaptureReader.load(text: text, path: "n.txt")
        #expect(snapshot.link(named: "eth0")?.alias == "uplink # ip -6 route")
    }
}
