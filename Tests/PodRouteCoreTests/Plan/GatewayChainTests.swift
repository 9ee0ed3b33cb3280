import PodRouteCore
import Testing

/// office -> core (office router) -> dcgw (data-centre gateway) -> nodes; neither router has a
/// pod route, and core's default route leads to the internet, outside the site.
@Suite("Gateway chains")
struct GatewayChainTests {
    typealias F = PlanFixtures

    static func site(coreHasRoute: Bool = false, tunnel: Bool = false) -> Site {
        let office = F.host("office", devices: [("eth0", "192.168.50.10/24")]) { devices in
            [Route(family: .inet, destination: .default(.inet), proto: .static, gateway: F.address("192.168.50.1"), device: devices["eth0"])]
        }
        let uplink = tunnel ? ("wg0", "172.16.0.1/32") : ("eth1", "172.16.0.1/30")
        let core = F.host("core", devices: [("eth0", "192.168.50.1/24"), uplink, ("eth2", "203.0.113.2/30")],
                          pointToPoint: tunnel ? ["wg0"] : []) { devices in
            var routes = [Route(family: .inet, destination: .default(.inet), proto: .static, gateway: F.address("203.0.113.1"),
                                device: devices["eth2"])]
            if tunnel {
                routes.append(Route(family: .inet, destination: F.prefix("172.16.0.2/32"), proto: .kernel, scope: .link,
                                    device: devices["wg0"]))
            }
            if coreHasRoute {
                routes.append(Route(family: .inet, destination: F.prefix("10.21.0.0/16"), proto: .static,
                                    gateway: F.address("172.16.0.2"), device: devices["eth1"]))
            }
            return routes
        }
        let dcgw = F.host("dcgw", devices: [("eth0", tunnel ? "172.16.0.2/32" : "172.16.0.2/30"), ("eth1", "10.20.1.254/24")],
                          pointToPoint: tunnel ? ["eth0"] : []) { devices in
            var routes = [Route(family: .inet, destination: F.prefix("192.168.50.0/24"), proto: .static,
                                gateway: tunnel ? nil : F.address("172.16.0.1"), device: devices["eth0"])]
            if tunnel { routes[0].scope = .link }
            return routes
        }
        var forwarding = [ForwardingConfig(family: .inet, scope: .all, forwarding: true)]
        forwarding.append(ForwardingConfig(family: .inet, scope: .defaults, forwarding: true))
        return Site(hosts: [SiteHost(name: "office", snapshot: office, role: .workstation),
                            SiteHost(name: "core", snapshot: core.replacing(forwarding: forwarding), role: .gateway),
                            SiteHost(name: "dcgw", snapshot: dcgw.replacing(forwarding: forwarding), role: .gateway),
                            F.node1, F.node2])
    }

    func summary(_ result: GatewayChain.Result) -> [String] {
        result.steps.map { step in
            let text = RouteText(snapshot: step.draft.target)
            return "\(step.host): " + step.draft.operations.map { "\($0.action.rawValue) \(text.ipRouteLine($0.route))" }.joined(separator: "; ")
        }
    }

    @Test func everyRouterWithoutARouteGetsOneNearestTheClusterFirst() {
        let request = PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")])
        let result = GatewayChain(site: Self.site()).plan(from: "office", request: request, session: nil)
        #expect(result.issues.isEmpty)
        #expect(summary(result) == ["dcgw: add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static",
                                    "core: add 10.21.0.0/16 via 172.16.0.2 dev eth1 proto static"])
        #expect(result.path == ["office", "core", "dcgw", "node1"])
    }

    @Test func aRouterThatHasTheRouteIsLeftAlone() {
        let request = PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")])
        let result = GatewayChain(site: Self.site(coreHasRoute: true)).plan(from: "office", request: request, session: nil)
        #expect(summary(result) == ["dcgw: add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"])
    }

    @Test func withoutViaTheLastRouterSpreadsAcrossTheAdjacentNodes() {
        let result = GatewayChain(site: Self.site()).plan(from: "office", request: PlanRequest(cidrs: [F.prefix("10.21.0.0/16")]),
                                                          session: nil)
        #expect(summary(result).first == "dcgw: add 10.21.0.0/16 proto static nexthop via 10.20.1.22 dev eth1 weight 1 "
            + "nexthop via 10.20.1.24 dev eth1 weight 1")
    }

    @Test func aTunnelHopIsADeviceRoute() {
        let request = PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")])
        let result = GatewayChain(site: Self.site(tunnel: true)).plan(from: "office", request: request, session: nil)
        #expect(result.issues.isEmpty)
        #expect(result.steps.flatMap(\.draft.issues).filter { $0.severity != .warning }.isEmpty)
        #expect(summary(result) == ["dcgw: add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static",
                                    "core: add 10.21.0.0/16 dev wg0 proto static scope link"])
    }

    @Test func anUnknownStartHostIsAnError() {
        let result = GatewayChain(site: Self.site()).plan(from: "nas", request: PlanRequest(cidrs: [F.prefix("10.21.0.0/16")]),
                                                          session: nil)
        #expect(result.issues.map(\.message) == ["no host named 'nas' in the site (known: office, core, dcgw, node1, node2)"])
    }
}
