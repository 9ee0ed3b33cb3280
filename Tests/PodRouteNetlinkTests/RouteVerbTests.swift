import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct RouteVerbTests {
    @Test("routeGet agrees with `ip route get`, including a fwmark policy rule and an input lookup")
    func routeGetMatchesIP() throws {
        let rich = try RichNamespace("routeget")
        var socket = try RTNetlinkSocket(namespace: rich.node.name)
        let links = try socket.links()
        let index = { (name: String) in links.first { $0.name == name }.map(\.index) }
        let name = { (index: InterfaceIndex?) in index.flatMap { i in links.first { $0.index == i }?.name } }
        let cases: [(arguments: String, query: RouteGetQuery)] = [
            ("10.30.0.5", RouteGetQuery(destination: try #require(IPAddress("10.30.0.5")))),
            ("10.21.0.5", RouteGetQuery(destination: try #require(IPAddress("10.21.0.5")))),
            ("8.8.8.8", RouteGetQuery(destination: try #require(IPAddress("8.8.8.8")))),
            ("8.8.8.8 mark 0x10", RouteGetQuery(destination: try #require(IPAddress("8.8.8.8")), mark: 0x10)),
            ("2001:db8:2::1", RouteGetQuery(destination: try #require(IPAddress("2001:db8:2::1")))),
            ("10.30.0.5 from 10.21.0.5 iif calic440f455693",
             RouteGetQuery(destination: try #require(IPAddress("10.30.0.5")), source: IPAddress("10.21.0.5"),
                           inputInterface: index("calic440f455693"))),
        ]
        for (arguments, query) in cases {
            let expected = try #require(try ipJSON(rich.node.ip("-j route get " + arguments)).first)
            let route = try socket.routeGet(query)
            #expect(RouteCanonicalForm.prefixText(route.destination) == expected["dst"] as? String, "\(arguments): dst")
            #expect(route.gateway?.description == expected["gateway"] as? String, "\(arguments): gateway")
            #expect(name(route.device) == expected["dev"] as? String, "\(arguments): dev")
            #expect(route.preferredSource?.description == expected["prefsrc"] as? String, "\(arguments): prefsrc")
            #expect(name(route.inputDevice) == expected["iif"] as? String, "\(arguments): iif")
            if let table = expected["table"] as? String {
                #expect(IPNames.iproute2Defaults.name(of: route.table) == table, "\(arguments): table")
            }
        }
        // The fwmark rule sends marked traffic to table 1000.
        let marked = try socket.routeGet(RouteGetQuery(destination: try #require(IPAddress("8.8.8.8")), mark: 0x10))
        #expect(marked.table == RouteTableID(1000))

        // An unreachable route is the kernel's refusal, not a route.
        let error = try #require(throws: NetlinkError.self) {
            _ = try socket.routeGet(RouteGetQuery(destination: try #require(IPAddress("10.40.0.1"))))
        }
        #expect(error.errno == .EHOSTUNREACH)
        #expect(error.operation == .query(.getRoute))
    }

    @Test("routeAdd, routeReplace and routeDelete: the dump shows exactly what was added, then nothing")
    func addReplaceDelete() throws {
        let ns = try TestNamespace("verbs")
        try ns.ipBatch([
            "link add v1 type veth peer name v2", "link set v1 up", "link set v2 up",
            "addr add 10.20.1.22/24 dev v1", "addr add 2001:db8:1::22/64 dev v1 nodad",
        ])
        var socket = try RTNetlinkSocket(namespace: ns.name)
        let device = try #require(try socket.links().first { $0.name == "v1" }?.index)
        let gateway = try #require(IPAddress("10.20.1.1"))
        let routes = [
            Route(family: .inet, destination: try IPPrefix.parse("10.100.0.0/16"), table: RouteTableID(1000),
                  proto: .bird, metric: 20, gateway: gateway, device: device),
            Route(family: .inet, destination: try IPPrefix.parse("10.101.0.0/16"), proto: .felix,
                  nexthops: [Nexthop(gateway: gateway, device: device, weight: 1),
                             Nexthop(gateway: IPAddress("10.20.1.2"), device: device, weight: 3)]),
            Route(family: .inet, destination: try IPPrefix.parse("10.102.0.0/16"), table: RouteTableID(100),
                  metric: 7, gateway: gateway, device: device,
                  metrics: RouteMetrics(values: [RouteMetric(.mtu, 1400), RouteMetric(.advmss, 1360)])),
            Route(family: .inet, type: .blackhole, destination: try IPPrefix.parse("10.103.0.0/16")),
            Route(family: .inet6, destination: try IPPrefix.parse("2001:db8:9::/64"), metric: 1024,
                  gateway: IPAddress("2001:db8:1::1"), device: device, preference: .high),
        ]
        for route in routes { try socket.routeAdd(route) }
        let dumped = Array(try socket.routes(family: .inet6, into: socket.routes(family: .inet)))
        for route in routes {
            let match = dumped.first { $0.destination == route.destination }
            #expect(match == route, "added \(route.destination)")
        }
        // ip sees the same thing.
        let shown = try ipJSON(ns.ip("-4 -j -d route show table all"))
        #expect(shown.contains { $0["dst"] as? String == "10.100.0.0/16" && $0["table"] as? String == "1000"
            && $0["protocol"] as? String == "bird" && $0["metric"] as? Int == 20 })

        // Adding again is EEXIST (NLM_F_EXCL); replacing changes the gateway in place.
        let duplicate = try #require(throws: NetlinkError.self) { try socket.routeAdd(routes[0]) }
        #expect(duplicate.errno == .EEXIST)
        var replaced = routes[0]
        replaced.gateway = IPAddress("10.20.1.9")
        try socket.routeReplace(replaced)
        let afterReplace = Array(try socket.routes(family: .inet)).filter { $0.destination == routes[0].destination }
        #expect(afterReplace == [replaced])

        // Delete removes each route; deleting again is ESRCH.
        for route in [replaced] + routes.dropFirst() { try socket.routeDelete(route) }
        let remaining = Array(try socket.routes(family: .inet6, into: socket.routes(family: .inet)))
        #expect(!remaining.contains { route in routes.contains { $0.destination == route.destination } })
        let missing = try #require(throws: NetlinkError.self) { try socket.routeDelete(replaced) }
        #expect(missing.errno == .ESRCH)
    }

    @Test("a gateway that is not on the link is refused with the kernel's ext-ack sentence")
    func badGatewayReportsExtendedAck() throws {
        let ns = try TestNamespace("badgw")
        try ns.ipBatch(["link add v1 type veth peer name v2", "link set v1 up", "link set v2 up", "addr add 10.20.1.22/24 dev v1"])
        var socket = try RTNetlinkSocket(namespace: ns.name)
        let device = try #require(try socket.links().first { $0.name == "v1" }?.index)
        let route = Route(family: .inet, destination: try IPPrefix.parse("10.100.0.0/16"),
                          gateway: IPAddress("10.99.99.1"), device: device)
        let error = try #require(throws: NetlinkError.self) { try RTNetlink.routeAdd(route, in: ns.name) }
        #expect(error.kernelMessage == "Nexthop has invalid gateway")
        #expect(error.operation == .request(.newRoute))
        #expect(error.description.contains("Nexthop has invalid gateway"))
        // onlink makes the same gateway acceptable, as with `ip route add ... onlink`.
        var onlink = route
        onlink.flags = .onlink
        try socket.routeAdd(onlink)
        #expect(Array(try socket.routes(family: .inet)).contains(onlink))
    }
}
