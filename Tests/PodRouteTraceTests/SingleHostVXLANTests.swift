import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute trace` on one VXLAN node of the lab, no site: node1's own neighbour and FDB
/// entries (as Felix programs them) name node2's address as the outer destination, in text and
/// JSON; pings from a pod on node1 to a pod on node2 say the same path works. Without the FDB
/// entry the ping fails and the trace says why.
@Suite("Single-host trace of VXLAN on the lab", .needsNetns, .needsLabTools)
struct SingleHostVXLANTests {
    private let podOnNode2 = LabTraces.podOnNode2

    @Test func namesTheRemoteNodeFromTheFDB() throws {
        let lab = try SiteLab(.vxlan, label: "trvx")
        defer { try? lab.remove() }
        let node1 = lab.namespace(.node1)
        let sender = try #require(lab.pods(on: .node1).first)
        #expect(lab.ping(from: sender, to: podOnNode2), "the lab's VXLAN path works")

        let run = try PodRouteBinary.run("trace", "--json", "--netns", node1, podOnNode2)
        #expect(run.status == 0, "\(run.standardError)")
        let json = try JSONValue.parse(run.standardOutput)
        let encap = try #require(json["encap"])
        #expect(encap["kind"]?.stringValue == "vxlan")
        #expect(encap["dev"]?.stringValue == "vxlan.calico")
        #expect(encap["outer_src"]?.stringValue == LabNode.node1.address)
        #expect(encap["outer_dst"]?.stringValue == LabNode.node2.address)
        #expect(encap["vni"]?.uintValue == 4096)
        #expect(encap["port"]?.uintValue == 4789)
        #expect(encap["vtep"]?.stringValue == LabNode.node2.vtepAddress)
        #expect(encap["vtep_mac"]?.stringValue == (try lab.vxlanMAC(of: .node2)))
        #expect(encap["outer_dst_unknown"] == .null)
        #expect(json["path_mtu"]?.uintValue == 1450)
        #expect(json["kernel"]?["agrees"]?.boolValue == true)
        #expect(json["findings"]?.arrayValue?.isEmpty == true, "\(json["findings"] ?? .null)")

        let text = try PodRouteBinary.run("trace", "--ascii", "--netns", node1, podOnNode2)
        #expect(text.standardOutput.contains(
            "encap     VXLAN vxlan.calico VNI 4096 port 4789: outer \(LabNode.node1.address) -> \(LabNode.node2.address) (VTEP \(LabNode.node2.vtepAddress) is \(try lab.vxlanMAC(of: .node2)), FDB dst)"),
            "\(text.standardOutput)")
        #expect(text.standardOutput.contains("path MTU  1450"))
    }

    @Test func saysWhyWhenTheFDBEntryIsGone() throws {
        let lab = try SiteLab(.vxlan, label: "trvxd")
        defer { try? lab.remove() }
        let node1 = lab.namespace(.node1)
        let mac = try lab.vxlanMAC(of: .node2)
        _ = try ProgramRun.run("/usr/sbin/bridge", ["-n", node1, "fdb", "del", mac, "dev", "vxlan.calico", "dst", LabNode.node2.address])
        let sender = try #require(lab.pods(on: .node1).first)
        #expect(!lab.ping(from: sender, to: podOnNode2, attempts: 1), "without the FDB entry the kernel has nowhere to send it")

        let run = try PodRouteBinary.run("trace", "--json", "--netns", node1, podOnNode2)
        let json = try JSONValue.parse(run.standardOutput)
        #expect(json["encap"]?["outer_dst"] == .null)
        let reason = "no FDB entry with a dst for \(mac) (the neighbour entry of \(LabNode.node2.vtepAddress)) on vxlan.calico, and no default 00:00:00:00:00:00 entry"
        #expect(json["encap"]?["outer_dst_unknown"]?.stringValue == reason)
        #expect(json["findings"]?.arrayValue?.contains { $0["code"]?.stringValue == "vxlan-fdb" } == true, "\(json["findings"] ?? .null)")
        let text = try PodRouteBinary.run("trace", "--ascii", "--netns", node1, podOnNode2).standardOutput
        #expect(text.contains("-> ? (\(reason))"), "\(text)")

        // The site trace from the office stops being sure too: the same finding, on node1.
        try lab.addGatewayRoute(.aggregate(via: .node1))
        let site = try lab.trace(to: podOnNode2)
        #expect(site.findings.contains { $0.code == .vxlanFDB && $0.host == "node1" }, "\(site.findings)")
    }
}
