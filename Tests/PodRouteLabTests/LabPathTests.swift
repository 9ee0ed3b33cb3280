import Foundation
import PodRouteTesting
import Testing

/// The office reaches pods only once the gateway routes the pod CIDR, in both of Calico's
/// inter-node modes; the same checks run against a BGP lab and a VXLAN lab.
enum LabPaths {
    static let podOnNode2 = "10.21.69.212"
    static let podOnNode1 = "10.21.230.3"

    /// No route on gw: unreachable. `10.21.0.0/16 via node1`: reachable through node1, and the
    /// path is office -> gw -> node1 -> node2 -> pod. Removing the route breaks it again.
    static func aggregateViaNode1(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "agg")
        #expect(try !lab.ip(on: .gw, "route").contains("10.21."), "gw must start without a pod route")
        #expect(!lab.ping(from: .office, to: podOnNode2, attempts: 1))

        try lab.addGatewayRoute(.aggregate(via: .node1))
        #expect(try lab.ip(on: .gw, "route").contains("10.21.0.0/16 via 10.20.1.22 dev eth1"))
        #expect(lab.ping(from: .office, to: podOnNode2))
        #expect(lab.ping(from: .office, to: podOnNode1))
        let hops = try lab.traceroute(from: .office, to: podOnNode2)
        #expect(hops == ["192.168.50.1", "10.20.1.22", "10.20.1.24", podOnNode2])

        try lab.removeGatewayRoute(.aggregate(via: .node1))
        #expect(!lab.ping(from: .office, to: podOnNode2, attempts: 1))
        try lab.remove()
    }

    /// One route per block: every packet enters at the pod's own node.
    static func perNodeRoutes(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "pernode")
        try lab.addGatewayRoute(.perNode)
        for pod in lab.pods {
            #expect(lab.ping(from: .office, to: pod.address), "office -> \(pod.qualifiedName) \(pod.address)")
        }
        #expect(try lab.traceroute(from: .office, to: podOnNode2) == ["192.168.50.1", "10.20.1.24", podOnNode2])
        #expect(try lab.traceroute(from: .office, to: podOnNode1) == ["192.168.50.1", "10.20.1.22", podOnNode1])
        try lab.remove()
    }

    /// Forwarding off on gw: the route is there, the packet dies on gw.
    static func forwardingOffOnGateway(_ mode: SiteLab.Mode) throws {
        let lab = try SiteLab(mode, label: "fwd")
        try lab.addGatewayRoute(.aggregate(via: .node1))
        #expect(lab.ping(from: .office, to: podOnNode2))
        try lab.setForwarding(false, on: .gw)
        #expect(try !lab.isForwarding(on: .gw))
        #expect(!lab.ping(from: .office, to: podOnNode2, attempts: 1))
        try lab.setForwarding(true, on: .gw)
        #expect(lab.ping(from: .office, to: podOnNode2))
        try lab.remove()
    }
}

@Suite("SiteLab, VXLAN mode", .needsNetns, .needsLabTools)
struct LabVXLANPathTests {
    @Test func aggregateRouteViaNode1() throws { try LabPaths.aggregateViaNode1(.vxlan) }
    @Test func perNodeRoutes() throws { try LabPaths.perNodeRoutes(.vxlan) }
    @Test func forwardingOffOnGateway() throws { try LabPaths.forwardingOffOnGateway(.vxlan) }

    /// Cause 4 of the reference: tunnelled office traffic arrives on vxlan.calico while node2's
    /// route back to the office is eth0, so strict rp_filter on node2 drops it; loose lets it in.
    @Test func strictReversePathFilterOnNode2DropsTunnelledTraffic() throws {
        let lab = try SiteLab(.vxlan, label: "rpf")
        try lab.addGatewayRoute(.aggregate(via: .node1))
        #expect(lab.ping(from: .office, to: LabPaths.podOnNode2))
        try lab.setReversePathFilter(.strict, on: .node2)
        #expect(!lab.ping(from: .office, to: LabPaths.podOnNode2, attempts: 1))
        #expect(lab.ping(from: .office, to: LabPaths.podOnNode1), "node1's own pods are not affected")
        try lab.setReversePathFilter(.loose, on: .node2)
        #expect(lab.ping(from: .office, to: LabPaths.podOnNode2))
        try lab.remove()
    }
}

@Suite("SiteLab, BGP mode", .needsNetns, .needsLabTools, .needsBird)
struct LabBGPPathTests {
    @Test func aggregateRouteViaNode1() throws { try LabPaths.aggregateViaNode1(.bgp) }
    @Test func perNodeRoutes() throws { try LabPaths.perNodeRoutes(.bgp) }
    @Test func forwardingOffOnGateway() throws { try LabPaths.forwardingOffOnGateway(.bgp) }

    /// With gw peered, BIRD gives it each block via its owner: no static route, no detour.
    @Test func gatewayPeeredByBGPLearnsEachBlock() throws {
        let lab = try SiteLab(.bgp, label: "gwbgp", gatewayBGP: true)
        let routes = try lab.ip(on: .gw, "route show proto bird")
        #expect(routes.contains("10.21.230.0/26 via 10.20.1.22 dev eth1"))
        #expect(routes.contains("10.21.69.192/26 via 10.20.1.24 dev eth1"))
        #expect(lab.ping(from: .office, to: LabPaths.podOnNode2))
        #expect(try lab.traceroute(from: .office, to: LabPaths.podOnNode2) == ["192.168.50.1", "10.20.1.24", LabPaths.podOnNode2])
        #expect(lab.processIDs.count == 3)
        try lab.remove()
    }
}
