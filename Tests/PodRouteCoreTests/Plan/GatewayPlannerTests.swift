import PodRouteCore
import Testing

@Suite("Gateway plans: strategies, validation, lockout, preview")
struct GatewayPlannerTests {
    typealias F = PlanFixtures

    func plan(_ request: PlanRequest, target: NetworkSnapshot = F.gateway(), session: SSHSession? = nil) -> GatewayPlanner.Draft {
        let probes = PathImpact.probes(target: target, session: session, site: Site(hosts: [F.node1, F.node2]),
                                       blocks: request.blocks, planned: request.cidrs)
        return GatewayPlanner(target: target).plan(request, session: session, probes: probes)
    }

    func lines(_ draft: GatewayPlanner.Draft) -> [String] {
        let text = RouteText(snapshot: draft.target)
        return draft.operations.map { "\($0.action.rawValue) \(text.ipRouteLine($0.route))" }
    }

    @Test func aggregateViaOneNodeWarnsOfTheSinglePointOfFailure() {
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")], blocks: F.blocks()))
        #expect(lines(draft) == ["add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"])
        #expect(!draft.hasErrors && draft.refusals.isEmpty)
        #expect(draft.warnings.map(\.message) == ["10.21.0.0/16 has a single next hop, 10.20.1.22 (node1): if it fails, "
            + "10.21.0.0/16 is unreachable; give --via more than once for ECMP, or use --strategy per-node"])
    }

    @Test func aggregateAcrossSeveralNodesIsOneMultipathRoute() {
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22"), F.address("10.20.1.24")]))
        #expect(lines(draft) == ["add 10.21.0.0/16 proto static nexthop via 10.20.1.22 dev eth1 weight 1 nexthop via 10.20.1.24 dev eth1 weight 1"])
        #expect(draft.warnings.isEmpty)
    }

    @Test func perNodeRoutesEachBlockViaItsOwnerAndSummarisesContiguousBlocks() {
        var blocks = F.blocks()
        // A second, adjacent block of node1 merges with its first into a /25.
        blocks.append(RouteCandidate(cidr: F.prefix("10.21.230.64/26"), kind: .podBlock, node: "node1",
                                     nodeIP: F.address("10.20.1.22"), source: "test"))
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], strategy: .perNode, blocks: blocks))
        #expect(lines(draft) == ["add 10.21.69.192/26 via 10.20.1.24 dev eth1 proto static",
                                 "add 10.21.230.0/25 via 10.20.1.22 dev eth1 proto static"])
        #expect(draft.warnings.contains { $0.message.contains("blocks Calico allocates later are not covered") })
        #expect(!draft.warnings.contains { $0.message.contains("single next hop") })
    }

    @Test func perNodeWithViaAddsTheAggregateAsFallbackAndServicesGoAcrossTheNodes() {
        let request = PlanRequest(cidrs: [F.prefix("10.21.0.0/16"), F.prefix("10.96.0.0/12")], vias: [F.address("10.20.1.22")],
                                  strategy: .perNode, blocks: F.blocks())
        #expect(lines(plan(request)) == ["add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static",
                                         "add 10.21.69.192/26 via 10.20.1.24 dev eth1 proto static",
                                         "add 10.21.230.0/26 via 10.20.1.22 dev eth1 proto static",
                                         "add 10.96.0.0/12 via 10.20.1.22 dev eth1 proto static"])
        let services = plan(PlanRequest(cidrs: [F.prefix("10.96.0.0/12")], strategy: .perNode, blocks: F.blocks()))
        #expect(lines(services) == ["add 10.96.0.0/12 proto static nexthop via 10.20.1.22 dev eth1 weight 1 nexthop via 10.20.1.24 dev eth1 weight 1"])
    }

    @Test func deviceNextHop() {
        let target = F.host("gw", devices: [("eth0", "192.168.50.1/24"), ("wg0", "10.99.0.1/32")], pointToPoint: ["wg0"])
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], viaDevice: "wg0"), target: target)
        #expect(lines(draft) == ["add 10.21.0.0/16 dev wg0 proto static scope link"])
        let missing = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], viaDevice: "tun0"), target: target)
        #expect(missing.issues.map(\.message) == ["device tun0 does not exist on gw (its devices: eth0, wg0)"])
    }

    @Test func hardErrors() {
        let offSubnet = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.30.0.1")]))
        #expect(offSubnet.hasErrors && offSubnet.operations.isEmpty)
        #expect(offSubnet.issues.first?.message == "next hop 10.30.0.1 is not on a connected subnet of gw (connected: "
            + "192.168.50.0/24 on eth0, 10.20.1.0/24 on eth1); a route's next hop must be reachable directly, or use --via-dev for a tunnel")
        let own = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.254")]))
        #expect(own.issues.map(\.message) == ["next hop 10.20.1.254 is an address of gw itself"])
        let mixed = plan(PlanRequest(cidrs: [F.prefix("fd00:21::/48")], vias: [F.address("10.20.1.22")]))
        #expect(mixed.issues.first?.message.contains("fd00:21::/48 is IPv6 but next hop 10.20.1.22 is IPv4") == true)
        let twice = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16"), F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")]))
        #expect(twice.issues.map(\.message) == ["10.21.0.0/16 is given twice"])
        let noHop = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")]))
        #expect(noHop.hasErrors)
    }

    @Test func hostBitsAreRefusedWithASuggestion() {
        #expect(throws: PrefixParseError.hostBitsSet("10.21.0.1/16", suggestion: F.prefix("10.21.0.0/16"))) {
            try IPPrefix.parse("10.21.0.1/16")
        }
    }

    @Test func overlapsAndShadowingAreRefusalsShowingBothRoutes() {
        let target = F.gateway { devices in
            [Route(family: .inet, destination: F.prefix("10.0.0.0/8"), proto: .static, gateway: F.address("192.168.50.254"),
                   device: devices["eth0"]),
             Route(family: .inet, destination: F.prefix("10.21.230.0/26"), proto: .static, gateway: F.address("10.20.1.22"),
                   device: devices["eth1"])]
        }
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.24")]), target: target)
        let messages = draft.refusals.map(\.message)
        #expect(messages.contains("10.21.0.0/16 would shadow part of an existing route: '10.0.0.0/8 via 192.168.50.254 dev eth0 "
            + "proto static' (the new, more specific route takes 10.21.0.0/16); planned: '10.21.0.0/16 via 10.20.1.24 dev eth1 proto static'"))
        #expect(messages.contains("10.21.0.0/16 would be shadowed by an existing route: '10.21.230.0/26 via 10.20.1.22 dev eth1 "
            + "proto static' keeps 10.21.230.0/26; planned: '10.21.0.0/16 via 10.20.1.24 dev eth1 proto static'"))
        #expect(messages.count == 2)
        let connected = plan(PlanRequest(cidrs: [F.prefix("10.20.0.0/16")], vias: [F.address("10.20.1.22")]))
        #expect(connected.refusals.map(\.message) == ["10.20.0.0/16 overlaps gw's connected subnet 10.20.1.0/24 on eth1: "
            + "the connected route stays more specific, but the rest of the route is ambiguous"])
        let defaultRoute = plan(PlanRequest(cidrs: [F.prefix("0.0.0.0/0")], vias: [F.address("10.20.1.22")]))
        #expect(defaultRoute.refusals.contains { $0.message.hasPrefix("0.0.0.0/0 is the default route") })
    }

    @Test func anIdenticalRouteIsANoOpAndADifferentOneIsReplaced() {
        let existing = F.gateway { devices in
            [Route(family: .inet, destination: F.prefix("10.21.0.0/16"), proto: .static, gateway: F.address("10.20.1.22"),
                   device: devices["eth1"])]
        }
        let same = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")]), target: existing)
        #expect(same.operations.isEmpty && same.refusals.isEmpty)
        #expect(same.warnings.contains { $0.message.contains("already routed so") })
        let other = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.24")]), target: existing)
        #expect(other.operations.map(\.action) == [.replace])
        #expect(other.operations.first?.previous?.gateway == F.address("10.20.1.22"))
        #expect(other.refusals.map(\.message) == ["10.21.0.0/16 already has a route on gw: '10.21.0.0/16 via 10.20.1.22 dev eth1 "
            + "proto static'; the plan replaces it with '10.21.0.0/16 via 10.20.1.24 dev eth1 proto static'"])
    }

    @Test func lockoutGuardNamesTheRouteAndTheClient() {
        let session = SSHSession(environment: ["SSH_CONNECTION": "192.168.50.10 50022 192.168.50.1 22"])
        #expect(session == SSHSession(client: F.address("192.168.50.10"), local: F.address("192.168.50.1"), variable: "SSH_CONNECTION"))
        let draft = plan(PlanRequest(cidrs: [F.prefix("192.168.50.0/25")], vias: [F.address("10.20.1.22")]), session: session)
        let lockouts = draft.refusals.filter { $0.message.hasPrefix("lockout:") }.map(\.message)
        #expect(lockouts.contains("lockout: the route to your SSH client 192.168.50.10 (SSH_CONNECTION) changes from "
            + "'192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.1' to '192.168.50.0/25 via 10.20.1.22 dev eth1 "
            + "proto static'; the session could be cut (--force only if you are sure)"))
        #expect(lockouts.contains { $0.contains("the subnet of eth0 that your SSH session arrives on (192.168.50.1)") })
        // The same change without a session has no lockout, only the overlap.
        let unattended = plan(PlanRequest(cidrs: [F.prefix("192.168.50.0/25")], vias: [F.address("10.20.1.22")]))
        #expect(!unattended.refusals.contains { $0.message.hasPrefix("lockout:") })
        // SSH_CLIENT (no local address) and IPv4-mapped clients are understood too.
        #expect(SSHSession(environment: ["SSH_CLIENT": "::ffff:192.168.50.10 50022 22"])?.client == F.address("192.168.50.10"))
        #expect(SSHSession(environment: ["SSH_CONNECTION": ""]) == nil)
    }

    @Test func lockoutGuardWatchesTheDefaultGateway() {
        let target = F.gateway { devices in
            [Route(family: .inet, destination: .default(.inet), proto: .static, gateway: F.address("192.168.50.254"),
                   device: devices["eth0"])]
        }
        let draft = plan(PlanRequest(cidrs: [F.prefix("192.168.50.254/32")], vias: [F.address("10.20.1.22")]), target: target)
        #expect(draft.refusals.contains { $0.message.hasPrefix("lockout: the route to gw's default gateway 192.168.50.254 changes") })
    }

    @Test func previewShowsTheDiffThePathsThatChangeAndTheCommands() throws {
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.22")], blocks: F.blocks()))
        #expect(draft.diff.text() == ["  10.20.1.0/24 dev eth1 proto kernel scope link src 10.20.1.254",
                                      "+ 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static",
                                      "  192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.1"])
        let changed = draft.impact.changes.map { "\($0.probe.address) \($0.probe.label): \($0.before) -> \($0.after)" }
        #expect(changed.contains("10.21.230.3 a pod on node1: no route (unreachable) -> '10.21.0.0/16 via 10.20.1.22 dev eth1 proto static'"))
        #expect(changed.contains("10.21.69.212 a pod on node2: no route (unreachable) -> '10.21.0.0/16 via 10.20.1.22 dev eth1 proto static'"))
        #expect(draft.impact.unchanged.map(\.address).contains(F.address("10.20.1.22")))
        #expect(!changed.contains { $0.hasPrefix("10.20.1.22 ") })
        let commands = try GatewayScriptRenderer(.linux).commands(for: draft.operations, deviceNames: draft.deviceNames)
        #expect(commands.apply.filter { !$0.hasPrefix("#") && !$0.isEmpty } == ["set -e", "ip route add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"])
        #expect(commands.rollback.filter { !$0.hasPrefix("#") && !$0.isEmpty } == ["set -e", "ip route del 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"])
    }

    @Test func diffMarksReplacedRoutesAndFoldsLongUnchangedRuns() {
        let existing = F.gateway { devices in
            (0..<20).map { Route(family: .inet, destination: F.prefix("172.16.\($0).0/24"), proto: .static,
                                 gateway: F.address("192.168.50.9"), device: devices["eth0"]) }
                + [Route(family: .inet, destination: F.prefix("10.21.0.0/16"), proto: .static, gateway: F.address("10.20.1.22"),
                         device: devices["eth1"])]
        }
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.24")]), target: existing)
        let text = draft.diff.text()
        #expect(text.prefix(3) == ["  10.20.1.0/24 dev eth1 proto kernel scope link src 10.20.1.254",
                                   "- 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static",
                                   "+ 10.21.0.0/16 via 10.20.1.24 dev eth1 proto static"])
        #expect(text.suffix(4) == ["  172.16.0.0/24 via 192.168.50.9 dev eth0 proto static",
                                   "  172.16.1.0/24 via 192.168.50.9 dev eth0 proto static",
                                   "  172.16.2.0/24 via 192.168.50.9 dev eth0 proto static",
                                   "  ... 18 unchanged routes"])
        #expect(text.count == 7)
    }

    @Test func aBigTableShowsOnlyTheRoutesAroundTheChange() {
        let big = F.gateway { devices in
            (0..<2500).map { Route(family: .inet, destination: F.prefix("172.\(16 + $0 / 256).\($0 % 256).0/24"), proto: .static,
                                   gateway: F.address("192.168.50.9"), device: devices["eth0"]) }
                + [Route(family: .inet, destination: F.prefix("10.21.230.0/26"), proto: .static, gateway: F.address("10.20.1.22"),
                         device: devices["eth1"])]
        }
        let draft = plan(PlanRequest(cidrs: [F.prefix("10.21.0.0/16")], vias: [F.address("10.20.1.24")]), target: big)
        #expect(draft.diff.text() == ["+ 10.21.0.0/16 via 10.20.1.24 dev eth1 proto static",
                                      "  10.21.230.0/26 via 10.20.1.22 dev eth1 proto static",
                                      "  (2502 other routes of the table are not shown)"])
    }
}
