import Foundation
import PodRouteTesting
import Testing

/// The lab is wired the way Calico wires a node; podroute's tests rely on these shapes.
@Suite("SiteLab wiring", .needsNetns, .needsLabTools)
struct LabWiringTests {
    /// Host-side names by Calico's rule, from SHA-1 values worked out by hand with
    /// `printf 'default.web-0' | sha1sum` (the same rule gives Calico's vector calic440f455693
    /// for default/nginx).
    @Test func podsAreNamedAndAddressedLikeCalicoPods() throws {
        let lab = try SiteLab(.vxlan, label: "names")
        let pods = lab.pods.map { "\($0.qualifiedName) \($0.address) \($0.node) \($0.hostInterface)" }
        #expect(pods == [
            "default/web-0 10.21.230.3 node1 cali0d7763386da",
            "default/api-0 10.21.230.9 node1 cali31158f8c502",
            "default/web-1 10.21.69.212 node2 cali0761ccbeace",
            "kube-system/coredns-0 10.21.69.200 node2 cali8c346e38bf4",
        ])
        #expect(lab.pod("default/web-1")?.node == .node2)
        #expect(lab.pods(on: .node1).count == 2)
        try lab.remove()
    }

    @Test func nodeSideOfAPodIsCalicos() throws {
        let lab = try SiteLab(.vxlan, label: "wire")
        let pod = try #require(lab.pod("default/web-0"))
        let link = try lab.ip(on: .node1, "-d link show dev \(pod.hostInterface)")
        #expect(link.contains("link/ether ee:ee:ee:ee:ee:ee"))
        #expect(link.contains("veth"))
        #expect(try lab.ip(on: .node1, "-4 addr show dev \(pod.hostInterface)").isEmpty, "no IPv4 address on the host side")
        let proxyARP = try lab.run(on: .node1, "sysctl", "-n", "net/ipv4/conf/\(pod.hostInterface)/proxy_arp").succeeded()
        #expect(proxyARP.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try lab.ip(on: .node1, "-d route show \(pod.address)")
            .contains("unicast \(pod.address) dev \(pod.hostInterface) proto boot scope link"))
        #expect(try lab.ip(on: .node1, "route show type blackhole").contains("blackhole 10.21.230.0/26 proto bird"))

        // Inside the pod: a /32 and the link-local gateway, answered by the node's proxy ARP.
        let podRoutes = try Self.ip(in: pod.netns, "route")
        #expect(podRoutes.contains("default via 169.254.1.1 dev eth0"))
        #expect(podRoutes.contains("169.254.1.1 dev eth0 scope link"))
        #expect(try Self.ip(in: pod.netns, "-4 addr show dev eth0").contains("inet 10.21.230.3/32"))
        #expect(lab.ping(from: pod, to: "10.20.1.22"))
        #expect(try Self.ip(in: pod.netns, "neigh show 169.254.1.1").contains("lladdr ee:ee:ee:ee:ee:ee"))
        try lab.remove()
    }

    @Test func vxlanDevicesNeighboursAndFDBAsFelixProgramsThem() throws {
        let lab = try SiteLab(.vxlan, label: "vxlan")
        let device = try lab.ip(on: .node1, "-d link show dev vxlan.calico")
        #expect(device.contains("mtu 1450"))
        #expect(device.contains("vxlan id 4096 local 10.20.1.22 dev eth0"))
        #expect(device.contains("dstport 4789"))
        #expect(device.contains("nolearning"))
        #expect(device.contains("link/ether \(try lab.vxlanMAC(of: .node1))"))
        #expect(try lab.vxlanMAC(of: .node2).hasPrefix("66:"))
        #expect(try lab.ip(on: .node1, "addr show dev vxlan.calico").contains("inet 10.21.230.0/32"))
        #expect(try lab.ip(on: .node1, "route show 10.21.69.192/26")
            .contains("10.21.69.192/26 via 10.21.69.192 dev vxlan.calico onlink"))
        let node2MAC = try lab.vxlanMAC(of: .node2)
        #expect(try lab.ip(on: .node1, "neigh show dev vxlan.calico")
            .contains("10.21.69.192 lladdr \(node2MAC) PERMANENT"))
        let fdb = try lab.run(on: .node1, "bridge", "fdb", "show", "dev", "vxlan.calico").succeeded().standardOutput
        #expect(fdb.contains("\(node2MAC) dst 10.20.1.24 self permanent"))
        // Pod to pod across the tunnel, both ways.
        let web0 = try #require(lab.pod("default/web-0"))
        #expect(lab.ping(from: web0, to: "10.21.69.200"))
        try lab.remove()
    }

    @Test(.needsBird) func bgpNodesLearnEachOthersBlockFromBIRD() throws {
        let lab = try SiteLab(.bgp, label: "bird")
        #expect(try lab.ip(on: .node1, "route show 10.21.69.192/26")
            .contains("10.21.69.192/26 via 10.20.1.24 dev eth0 proto bird"))
        #expect(try lab.ip(on: .node2, "route show 10.21.230.0/26")
            .contains("10.21.230.0/26 via 10.20.1.22 dev eth0 proto bird"))
        #expect(try lab.ip(on: .node1, "route show type blackhole").contains("blackhole 10.21.230.0/26 proto bird"))
        #expect(try lab.ip(on: .gw, "route").contains("10.21.") == false, "gw does not peer unless asked")
        let socket = try #require(lab.birdControlSocket(on: .node1))
        let birdc = try ProgramRun.run(try #require(LabTools.birdc), ["-s", socket, "show", "protocols"]).succeeded()
        #expect(birdc.standardOutput.contains("Mesh_10_20_1_24"))
        #expect(birdc.standardOutput.contains("Established"))
        #expect(try lab.ip(on: .node1, "link").contains("vxlan") == false)
        let web0 = try #require(lab.pod("default/web-0"))
        #expect(lab.ping(from: web0, to: "10.21.69.212"))
        try lab.remove()
    }

    static func ip(in namespace: String, _ arguments: String) throws -> String {
        try ProgramRun.run(try #require(NetnsCommand.ipPath), ["-n", namespace] + arguments.split(separator: " ").map(String.init))
            .succeeded().standardOutput
    }
}
