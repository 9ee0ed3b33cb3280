import PodRouteCore
import PodRouteTesting
import Testing

/// The path trace against the real thing: every verdict is checked by real pings (and the hops
/// by real traceroute) in the same lab state, in both of Calico's inter-node modes.
enum LabTraces {
    static let podOnNode2 = "10.21.69.212"
    static let podOnNode1 = "10.21.230.3"

    /// Before the gateway knows the pods: unreachable at gw, with the missing route named.
    /// After `10.21.0.0/16 via node1`: reachable along office -> gw -> node1 -> node2 -> pod,
    /// and the reply leaves from node2, not node1: Calico's wrong-node case.
    static func aggregateRoute(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "tr")
        defer { try? lab.remove() }

        let before = try lab.trace(to: podOnNode2)
        #expect(!lab.ping(from: .office, to: podOnNode2, attempts: 1))
        #expect(before.verdict == .unreachable)
        #expect(before.hostPath == ["office", "gw"])
        #expect(before.codes.contains(.noRouteOnGateway), "\(before.findings)")

        try lab.addGatewayRoute(.aggregate(via: .node1))
        let after = try lab.trace(to: podOnNode2)
        #expect(lab.ping(from: .office, to: podOnNode2))
        #expect(after.verdict == .reachable)
        #expect(after.hostPath == ["office", "gw", "node1", "node2"])
        let real = try lab.traceroute(from: .office, to: podOnNode2)
        #expect(real == ["192.168.50.1", "10.20.1.22", "10.20.1.24", podOnNode2])
        #expect(after.hops.count == real.count, "one traced host per real hop")
        guard case .deliveredToWorkload(let device, let pod)? = after.hops.last?.outcome else {
            Issue.record("the last hop must deliver to the pod's veth: \(String(describing: after.hops.last?.outcome))")
            return
        }
        #expect(device == lab.pod("default/web-1")?.hostInterface)
        #expect(pod?.name == "web-1")
        #expect(after.codes.contains(.asymmetricReturn))
        #expect(after.findings.first { $0.code == .asymmetricReturn }?.host == "gw")
        #expect(after.returnHops.map(\.host) == ["node2", "gw", "office"])

        // A pod on node1 itself: entry and exit are the same node, nothing to warn about.
        let local = try lab.trace(to: podOnNode1)
        #expect(lab.ping(from: .office, to: podOnNode1))
        #expect(local.verdict == .reachable)
        #expect(local.hostPath == ["office", "gw", "node1"])
        #expect(!local.codes.contains(.asymmetricReturn))
    }

    /// Per-node routes: each packet enters at its pod's node; no asymmetric return anywhere.
    static func perNodeRoutes(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "trpn")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.perNode)
        for pod in lab.pods {
            let trace = try lab.trace(to: pod.address)
            #expect(lab.ping(from: .office, to: pod.address))
            #expect(trace.verdict == .reachable, "\(pod.qualifiedName): \(trace.findings)")
            #expect(trace.hostPath == ["office", "gw", pod.node.rawValue])
            #expect(!trace.codes.contains(.asymmetricReturn))
        }
    }

    /// Forwarding off on gw: the route is there and the trace stops at gw, naming ip_forward.
    static func forwardingOff(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "trfw")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.aggregate(via: .node1))
        try lab.setForwarding(false, on: .gw)
        let trace = try lab.trace(to: podOnNode2)
        #expect(!lab.ping(from: .office, to: podOnNode2, attempts: 1))
        #expect(trace.verdict == .unreachable)
        #expect(trace.hostPath == ["office", "gw"])
        let finding = trace.findings.first { $0.code == .ipForwardOff }
        #expect(finding?.host == "gw")
        #expect(finding?.fix.contains("ip_forward") == true, "\(String(describing: finding))")
    }
}

@Suite("Path trace on the lab, BGP", .needsNetns, .needsLabTools, .needsBird)
struct LabTraceBGPTests {
    @Test func aggregateRoute() throws { try LabTraces.aggregateRoute(.bgp) }
    @Test func perNodeRoutes() throws { try LabTraces.perNodeRoutes(.bgp) }
    @Test func forwardingOff() throws { try LabTraces.forwardingOff(.bgp) }
}

@Suite("Path trace on the lab, VXLAN", .needsNetns, .needsLabTools)
struct LabTraceVXLANTests {
    @Test func aggregateRoute() throws { try LabTraces.aggregateRoute(.vxlan) }
    @Test func perNodeRoutes() throws { try LabTraces.perNodeRoutes(.vxlan) }
    @Test func forwardingOff() throws { try LabTraces.forwardingOff(.vxlan) }

    /// node1 -> node2 is VXLAN: the hop says so, with the VTEPs' underlay addresses and the VNI.
    @Test func encapsulationBetweenNodes() throws {
        let lab = try SiteLab(.vxlan, label: "trenc")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.aggregate(via: .node1))
        let trace = try lab.trace(to: LabTraces.podOnNode2)
        let node1 = trace.hops.first { $0.host == "node1" }
        #expect(node1?.egressDevice == "vxlan.calico")
        #expect(node1?.encapsulation?.kind == .vxlan)
        #expect(node1?.encapsulation?.outerSource == IPAddress(LabNode.node1.address))
        #expect(node1?.encapsulation?.outerDestination == IPAddress(LabNode.node2.address))
        #expect(node1?.encapsulation?.vni == 4096)
        #expect(trace.hops.first { $0.host == "node2" }?.arrivedOn == "vxlan.calico")
    }

    /// Strict rp_filter on node2 drops what arrives through the tunnel while the route back to
    /// the office leaves by eth0; the trace says where and how to fix it.
    @Test func strictReversePathFilter() throws {
        let lab = try SiteLab(.vxlan, label: "trrp")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.aggregate(via: .node1))
        try lab.setReversePathFilter(.strict, on: .node2)
        let trace = try lab.trace(to: LabTraces.podOnNode2)
        #expect(!lab.ping(from: .office, to: LabTraces.podOnNode2, attempts: 1))
        #expect(trace.verdict == .unreachable, "\(trace.findings)")
        #expect(trace.findings.contains { $0.code == .rpFilterStrict && $0.host == "node2" })

        try lab.setReversePathFilter(.loose, on: .node2)
        #expect(lab.ping(from: .office, to: LabTraces.podOnNode2))
        #expect(try lab.trace(to: LabTraces.podOnNode2).verdict == .reachable)
    }
}
