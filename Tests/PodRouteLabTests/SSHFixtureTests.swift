import Foundation
import PodRouteTesting
import Testing

@Suite("SSH fixture", .needsNetns, .needsLabTools, .needsSSHD)
struct SSHFixtureTests {
    /// The office asks gw for its addresses over SSH, as podroute will read a gateway it
    /// cannot run on: valid JSON, gw's own interfaces.
    @Test func officeReadsGatewayAddressesOverSSH() throws {
        let lab = try SiteLab(.vxlan, label: "ssh")
        let ssh = try SSHFixture(in: lab, on: .gw)
        let run = try lab.run(on: .office, ssh.sshCommand(host: LabTopology.gatewayOfficeAddress) + ["ip", "-j", "-d", "addr"])
        try #require(run.status == 0, "ssh failed: \(run.standardError)\nsshd: \(ssh.log())")
        let json = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        let links = try #require(json as? [[String: Any]])
        var addresses: [String: [String]] = [:]
        for link in links {
            let name = try #require(link["ifname"] as? String)
            let infos = link["addr_info"] as? [[String: Any]] ?? []
            addresses[name] = infos.compactMap { $0["local"] as? String }
        }
        #expect(addresses["eth0"]?.contains("192.168.50.1") == true)
        #expect(addresses["eth1"]?.contains("10.20.1.254") == true)
        #expect(addresses.keys.sorted() == ["eth0", "eth1", "lo"])
        // The same JSON as reading gw directly (minus nothing: same kernel, same namespace).
        let direct = try lab.ip(on: .gw, "-j -d addr")
        #expect(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            == direct.trimmingCharacters(in: .whitespacesAndNewlines))
        // Through a forwarding hop too: node1 reaches gw's data-centre side.
        let fromNode = try lab.run(on: .node1, ssh.sshCommand(host: LabTopology.gatewayAddress) + ["true"])
        #expect(fromNode.status == 0, "\(fromNode.standardError)")
        try ssh.remove()
        try lab.remove()
    }

    /// sshd listens on the namespace's own addresses only.
    @Test func listensOnlyOnTheHostsAddresses() throws {
        let lab = try SiteLab(.vxlan, label: "sshaddr")
        let ssh = try SSHFixture(in: lab, on: .node1, port: 2200)
        let listening = try lab.run(on: .node1, "ss", "-H", "-l", "-t", "-n").succeeded().standardOutput
        #expect(listening.contains("10.20.1.22:2200"))
        #expect(!listening.contains("0.0.0.0:2200") && !listening.contains("*:2200"))
        try ssh.remove()
        try lab.remove()
    }
}
