import Foundation
import PodRouteCore
import PodRouteTesting
import Testing
@testable import PodRouteProbe

/// The probes against the real path through the lab, with real `traceroute` as the oracle.
enum LabProbeChecks {
    /// Before gw routes the pods the probes stop at gw, as traceroute does; after, every method
    /// finds office -> gw -> node1 -> node2 -> pod, hop for hop what traceroute finds.
    static func pathBeforeAndAfterTheGatewayRoute(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "probe")
        defer { try? lab.remove() }

        let broken = try LabProbing.probe(lab, .icmpEcho)
        let realBroken = try lab.run(on: .office, "traceroute", "-n", "-I", "-q", "1", "-w", "1", "-m", "8", LabProbing.pod)
        // gw has no route to 10.21.0.0/16: it answers net unreachable (`!N`) and nothing gets further.
        #expect(realBroken.standardOutput.contains("192.168.50.1") && realBroken.standardOutput.contains("!N"))
        #expect(LabProbing.path(broken) == ["192.168.50.1"])
        #expect(LabProbing.path(broken) == SiteLab.parseTraceroute(realBroken.standardOutput))
        #expect(broken.stop == .unreachable(hop: 1, from: IPAddress("192.168.50.1")!, reason: .network))
        #expect(broken.hops.first?.marks == ["!N"])
        #expect(!broken.reachedDestination)

        try lab.addGatewayRoute(.aggregate(via: .node1))
        let realICMP = try lab.traceroute(from: .office, to: LabProbing.pod, icmp: true)
        let realUDP = try lab.traceroute(from: .office, to: LabProbing.pod, icmp: false)
        #expect(realICMP == LabProbing.pathViaNode1)
        #expect(realUDP == LabProbing.pathViaNode1)
        for (method, real) in [(ProbeMethod.icmpEcho, realICMP), (.udp(), realUDP), (.tcp(port: 80), realICMP)] {
            let result = try LabProbing.probe(lab, method)
            #expect(LabProbing.path(result) == real, "\(method)")
            #expect(result.stop == .reachedDestination(hop: 4), "\(method)")
            for hop in result.hops {
                #expect(hop.sent == 3 && hop.lossPercent == 0 && hop.responders.count == 1, "\(method) hop \(hop.hop)")
                #expect(hop.roundTrips.map { $0.best > .zero && $0.best <= $0.average && $0.average <= $0.worst } == true)
            }
        }
    }

    /// node1 drops its time-exceeded messages: hop 2 shows 100% loss, as traceroute's `*`, and
    /// the probes still go on to the pod.
    static func aHopThatDropsShowsFullLoss(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "loss")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.aggregate(via: .node1))
        try LabProbing.nft(lab, on: .node1, """
            table inet podroute_probe_test {
                chain out { type filter hook output priority 0; icmp type time-exceeded drop; }
            }
            """)
        let real = try lab.traceroute(from: .office, to: LabProbing.pod)
        #expect(real == ["192.168.50.1", nil, "10.20.1.24", LabProbing.pod])
        for method in [ProbeMethod.icmpEcho, .udp()] {
            let result = try LabProbing.probe(lab, method, count: 4)
            #expect(LabProbing.path(result) == real, "\(method)")
            #expect(result.hops.map(\.lossPercent) == [0, 100, 0, 0], "\(method)")
            #expect(result.hops[1].sent == 4 && result.hops[1].received == 0 && result.hops[1].roundTrips == nil)
        }
    }

    /// The state trace over live snapshots predicts what the probes find on the good path;
    /// stale snapshots (taken before a change) disagree, and the comparison marks where.
    static func comparisonWithTheStateTrace(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "compare")
        defer { try? lab.remove() }

        // Broken and known to be: the state says gw has no route, the probes get !N from gw.
        let (noRoute, site) = try LabProbing.stateTrace(lab)
        #expect(noRoute.verdict == .unreachable)
        let bothBroken = PathComparison(predicted: noRoute, site: site, probed: try LabProbing.probe(lab, .icmpEcho))
        #expect(bothBroken.predicted.hops == [PredictedHop(IPAddress("192.168.50.1")!, answer: .unreachable(.network), host: "gw",
                                                            otherAddresses: Set(site.host(named: "gw")!.snapshot.addresses.filter { $0.family == .inet }.map(\.local)))])
        #expect(bothBroken.agrees, "\(bothBroken.disagreements)")

        // Fixed, with the state still from before the fix: the probes reach where it says unreachable.
        try lab.addGatewayRoute(.aggregate(via: .node1))
        let stale = PathComparison(predicted: noRoute, site: site, probed: try LabProbing.probe(lab, .icmpEcho))
        #expect(stale.verdict == .reachedWhereStateSaysUnreachable)
        #expect(stale.lines.first?.agreement == .passesHere)
        #expect(stale.lines.dropFirst().map(\.agreement) == [.extraHop, .extraHop, .extraHop])

        // Fixed and known to be: every hop agrees, from the addresses the routers really answer from
        // (node2 from its LAN address, also when the packet comes in on vxlan.calico).
        let (good, goodSite) = try LabProbing.stateTrace(lab)
        #expect(good.verdict == .reachable)
        let predicted = PredictedPath(trace: good, site: goodSite)
        #expect(predicted.hops.map { $0.address?.description } == LabProbing.pathViaNode1)
        for method in [ProbeMethod.icmpEcho, .udp(), .tcp(port: 80)] {
            let comparison = PathComparison(predicted: good, site: goodSite, probed: try LabProbing.probe(lab, method))
            #expect(comparison.lines.map(\.agreement) == [.agrees, .agrees, .agrees, .agrees], "\(method)")
            #expect(comparison.agrees, "\(method): \(comparison.disagreements)")
        }

        // Broken after the snapshots: node1 stops forwarding; the state still says reachable.
        try lab.setForwarding(false, on: .node1)
        let dies = PathComparison(predicted: good, site: goodSite, probed: try LabProbing.probe(lab, .icmpEcho))
        #expect(dies.lines.map(\.agreement) == [.agrees, .silent, .silent, .silent])
        #expect(dies.verdict == .endedWhereStateSaysReachable(hop: 1))
        #expect(dies.disagreements.contains { $0.hasPrefix("hop 2: no answer where the state predicts 10.20.1.22 (node1)") })

        // Re-read, the state knows forwarding is off on node1 and predicts the silent drop there.
        let (off, offSite) = try LabProbing.stateTrace(lab)
        #expect(off.findings.contains { $0.code == .ipForwardOff && $0.host == "node1" })
        let known = PathComparison(predicted: off, site: offSite, probed: try LabProbing.probe(lab, .icmpEcho))
        #expect(known.agrees, "\(known.disagreements)")
    }
}

@Suite("Probes through the lab, VXLAN mode", .needsNetns, .needsLabTools)
struct LabVXLANProbeTests {
    @Test func pathBeforeAndAfterTheGatewayRoute() throws { try LabProbeChecks.pathBeforeAndAfterTheGatewayRoute(.vxlan) }
    @Test(.enabled(if: LabProbing.nftInstalled, "needs nftables' nft"))
    func aHopThatDropsShowsFullLoss() throws { try LabProbeChecks.aHopThatDropsShowsFullLoss(.vxlan) }
    @Test func comparisonWithTheStateTrace() throws { try LabProbeChecks.comparisonWithTheStateTrace(.vxlan) }
}

@Suite("Probes through the lab, BGP mode", .needsNetns, .needsLabTools, .needsBird)
struct LabBGPProbeTests {
    @Test func pathBeforeAndAfterTheGatewayRoute() throws { try LabProbeChecks.pathBeforeAndAfterTheGatewayRoute(.bgp) }
    @Test func comparisonWithTheStateTrace() throws { try LabProbeChecks.comparisonWithTheStateTrace(.bgp) }
}
