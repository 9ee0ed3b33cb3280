import PodRouteCore
import Testing

/// The path tracer over captured hosts: IPIP (which the test kernel lacks), and each way a
/// path breaks, named by its finding code on the host where it breaks.
@Suite("Path tracer")
struct PathTracerTests {
    let pod = IPAddress("10.21.69.200")!

    func trace(_ site: Site, to destination: String = "10.21.69.200") -> TraceResult {
        PathTracer(site: site).trace(to: IPAddress(destination)!, from: "office")
    }

    @Test func ipipPathIsEncapsulatedBetweenNodesAndReachesThePod() throws {
        let result = trace(try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.20.1.22 dev eth1"))
        #expect(result.verdict == .reachable)
        #expect(result.hops.map(\.host) == ["office", "gw", "node1", "node2"])
        #expect(result.source == IPAddress("192.168.50.10"))
        let node1 = result.hops[2]
        #expect(node1.egressDevice == "tunl0")
        #expect(node1.encapsulation?.kind == .ipip)
        #expect(node1.encapsulation?.outerSource == IPAddress("10.20.1.22"))
        #expect(node1.encapsulation?.outerDestination == IPAddress("10.20.1.24"))
        #expect(node1.mtu == 1440)
        #expect(result.pathMTU == 1440)
        #expect(result.hops[3].arrivedOn == "tunl0")
        guard case .deliveredToWorkload(let device, let pod)? = result.hops.last?.outcome else {
            Issue.record("not delivered to a workload: \(String(describing: result.hops.last?.outcome))")
            return
        }
        #expect(device == "cali0761ccbeace")
        #expect(pod?.name == "web-1")
        // node2 answers through its default route, straight to gw: the wrong-node case.
        #expect(result.returnHops.map(\.host) == ["node2", "gw", "office"])
        #expect(result.findings.contains { $0.code == .asymmetricReturn && $0.host == "gw" })
        #expect(result.findings.contains { $0.code == .mtuMismatch })
    }

    @Test func perNodeRoutesKeepTheReturnSymmetric() throws {
        let site = try IPIPSite.site(gatewayRoute: "10.21.69.192/26 via 10.20.1.24 dev eth1")
        let result = trace(site)
        #expect(result.verdict == .reachable)
        #expect(result.hops.map(\.host) == ["office", "gw", "node2"])
        #expect(!result.findings.contains { $0.code == .asymmetricReturn })
    }

    /// gw sends pod traffic to its ISP: podroute says the gateway lacks the pod route and
    /// names the CIDR and a node, instead of calling it "forwarded".
    @Test func aGatewayWithOnlyADefaultRouteLacksThePodRoute() throws {
        let result = trace(try IPIPSite.site())
        #expect(result.verdict == .unreachable)
        #expect(result.hops.map(\.host) == ["office", "gw"])
        let finding = try #require(result.findings.first { $0.code == .noRouteOnGateway })
        #expect(finding.host == "gw")
        #expect(finding.fix.contains("10.21.") && finding.fix.contains("via 10.20.1.2"), "\(finding.fix)")
    }

    /// A service address is named as such, not as a pod address.
    @Test func aServiceAddressIsCalledAServiceCIDR() throws {
        let result = trace(try IPIPSite.site(), to: "10.96.0.10")
        let finding = try #require(result.findings.first { $0.code == .noRouteOnGateway })
        #expect(finding.message.contains("the service CIDR 10.96.0.0/12"), "\(finding.message)")
        let podFinding = try #require(trace(try IPIPSite.site()).findings.first { $0.code == .noRouteOnGateway })
        #expect(podFinding.message.contains("the pod CIDR 10.21."), "\(podFinding.message)")
    }

    @Test func aBlackholeOnTheGatewayIsNamed() throws {
        let result = trace(try IPIPSite.site(gatewayRoute: "blackhole 10.21.0.0/16"))
        #expect(result.verdict == .unreachable)
        let finding = try #require(result.findings.first)
        #expect(finding.code == .blackhole)
        #expect(finding.host == "gw")
        #expect(finding.fix == "on gw: ip route del blackhole 10.21.0.0/16 if it is not intended")
    }

    /// node1 has no route for node2's block, so its default sends the packet back to gw, which
    /// sends it to node1 again.
    @Test func aMissingBlockMakesALoop() throws {
        let site = try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.20.1.22 dev eth1",
                                     node1: IPIPSite.node1(knowsNode2: false))
        let result = trace(site)
        #expect(result.verdict == .unreachable)
        #expect(result.findings.contains { $0.code == .loop })
        #expect(Array(result.hops.map(\.host).prefix(4)) == ["office", "gw", "node1", "gw"])
        // The host checks see why: node2's block is missing on node1.
        let checks = HostChecks.check(site)
        #expect(checks.contains { $0.code == .missingBlock && $0.host == "node1" && $0.message.contains("10.21.69.192/26") },
                "\(checks)")
    }

    @Test func aNextHopOffTheSubnetIsNamed() throws {
        let result = trace(try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.30.0.1 dev eth1"))
        #expect(result.verdict == .unreachable)
        #expect(result.findings.contains { $0.code == .nexthopUnreachable && $0.host == "gw" })
    }

    /// A trace toward the node's own pod block, for an address no pod holds: the blackhole that
    /// guards the block drops it, and the finding says the address is not a pod's.
    @Test func anAddressInABlockWithoutAPodHitsTheBlocksBlackhole() throws {
        let result = trace(try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.20.1.22 dev eth1"), to: "10.21.69.201")
        #expect(result.verdict == .unreachable)
        #expect(result.hops.last?.host == "node2")
        let finding = try #require(result.findings.first { $0.code == .blackhole })
        #expect(finding.message.contains("own pod block 10.21.69.192/26"))
    }

    /// node2 left out of the site: node1's tunnel leads to a node podroute does not know, and it
    /// says to add that node. A host traced alone (the CLI's and the TUI's single-host trace) is
    /// no site: there the advice would be noise, and the verdict already says the packet leaves.
    @Test func aTunnelToAnUnknownNodeAsksForItOnlyOnASite() throws {
        let full = try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.20.1.22 dev eth1")
        let partial = trace(Site(hosts: full.hosts.filter { $0.name != "node2" }))
        #expect(partial.hops.map(\.host) == ["office", "gw", "node1"])
        #expect(partial.findings.contains { $0.code == .unknownNextHop && $0.host == "node1" })
        let alone = PathTracer(site: Site(hosts: full.hosts.filter { $0.name == "node1" })).trace(to: pod, from: "node1")
        #expect(alone.hops.map(\.host) == ["node1"])
        #expect(alone.verdict == partial.verdict)
        #expect(!alone.findings.contains { $0.code == .unknownNextHop })
    }

    @Test func anUnknownStartingHostIsUnknown() throws {
        let result = PathTracer(site: try IPIPSite.site()).trace(to: pod, from: "laptop")
        #expect(result.verdict == .unknown)
        #expect(result.findings.first?.message == "no host named 'laptop' in the site (known: office, gw, node1, node2)")
    }
}
