import Foundation
import PodRouteTesting
import Testing

/// `podroute trace DEST --site FILE` run inside the office namespace over the lab, gw read over
/// real ssh: the verdict agrees with real pings, and the output names the hop and the fix.
@Suite("trace --site", .needsNetns, .needsLabTools, .needsSSHD)
struct SiteTraceTests {
    static let pod = "10.21.69.212"

    @Test func verdictsFollowTheGatewayRouteAndNameTheWrongNodeReturn() throws {
        let lab = try SiteLab(.vxlan, label: "cli")
        defer { try? lab.remove() }
        let ssh = try SSHFixture(in: lab, on: .gw)
        defer { try? ssh.remove() }
        let site = try lab.writeSiteFile(ssh: [.gw: ssh], address: [.gw: LabTopology.gatewayOfficeAddress])

        let before = try lab.podroute(["trace", Self.pod, "--site", site, "--from-host", "office", "--json"])
        #expect(!lab.ping(from: .office, to: Self.pod, attempts: 1))
        #expect(before.status == 1, "\(before.standardError)")
        let broken = try Self.object(before.standardOutput)
        #expect(broken["verdict"] as? String == "unreachable")
        #expect(Self.hosts(broken["hops"]) == ["office", "gw"])
        let finding = (broken["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "no-route-on-gateway" }
        #expect(finding?["host"] as? String == "gw")
        #expect((finding?["fix"] as? String)?.contains("10.21.") == true, "\(String(describing: finding))")

        try lab.addGatewayRoute(.aggregate(via: .node1))
        let after = try lab.podroute(["trace", Self.pod, "--site", site, "--json"])
        #expect(lab.ping(from: .office, to: Self.pod))
        #expect(after.status == 0, "\(after.standardError)")
        let fixed = try Self.object(after.standardOutput)
        #expect(fixed["verdict"] as? String == "reachable")
        #expect(fixed["from"] as? String == "office", "the first workstation starts by default")
        #expect(Self.hosts(fixed["hops"]) == ["office", "gw", "node1", "node2"])
        #expect(Self.hosts(fixed["return"]) == ["node2", "gw", "office"])
        let hops = try #require(fixed["hops"] as? [[String: Any]])
        let gwRoute = hops[1]["route"] as? [String: Any]
        #expect(gwRoute?["dst"] as? String == "10.21.0.0/16")
        #expect(gwRoute?["gateway"] as? String == "10.20.1.22")
        #expect(hops[1]["dev"] as? String == "eth1")
        let encap = hops[2]["encap"] as? [String: Any]
        #expect(encap?["kind"] as? String == "vxlan")
        #expect(encap?["outer_dst"] as? String == "10.20.1.24")
        #expect(encap?["vni"] as? Int == 4096)
        #expect(hops[3]["outcome"] as? String == "delivered-to-workload")
        #expect(hops[3]["pod"] as? String == "default/web-1")
        #expect(fixed["path_mtu"] as? Int == 1450)
        let codes = (fixed["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        // The wrong-node return, and the tunnel's 1450 below the office's 1500 (a warning).
        #expect(codes.sorted() == ["asymmetric-return", "mtu-mismatch"])

        let text = try lab.podroute(["trace", Self.pod, "--site", site, "--ascii"])
        #expect(text.status == 0)
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "trace \(Self.pod) from office (192.168.50.10): REACHABLE", "\(lines)")
        #expect(lines.contains { $0.contains("gw") && $0.contains("--eth1--> 10.21.0.0/16 via 10.20.1.22 dev eth1") }, "\(lines)")
        #expect(lines.contains { $0.contains("[VXLAN 10.20.1.22 -> 10.20.1.24, VNI 4096, port 4789, MTU 1450]") }, "\(lines)")
        #expect(lines.contains("  return: node2 -> gw -> office"))
        #expect(lines.contains { $0.hasPrefix("[!] asymmetric-return  requests enter the cluster at node1 but replies leave from node2") })
        #expect(lines.contains { $0.hasPrefix("    fix: route each node's pod blocks via that node") })
    }

    /// A site that stops at the gateway: the packet leaves through a valid next hop, which is
    /// all podroute can see: `forwarded`, and the ping indeed gets through.
    @Test func aSiteEndingAtTheGatewaySaysForwarded() throws {
        let lab = try SiteLab(.vxlan, label: "clifw")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.aggregate(via: .node1))
        let site = lab.directory + "/short.yaml"
        try "hosts:\n  - name: office\n    netns: \(lab.namespace(.office))\n  - name: gw\n    netns: \(lab.namespace(.gw))\n"
            .write(toFile: site, atomically: false, encoding: .utf8)
        let run = try PodRouteBinary.run("trace", Self.pod, "--site", site, "--json")
        #expect(run.status == 0)
        #expect(lab.ping(from: .office, to: Self.pod))
        let object = try Self.object(run.standardOutput)
        #expect(object["verdict"] as? String == "forwarded")
        let last = (object["hops"] as? [[String: Any]])?.last
        #expect(last?["outcome"] as? String == "left-known-hosts")
        #expect(last?["next_hop"] as? String == "10.20.1.22")
    }

    /// `--probe`: real probes from the office namespace beside the state's prediction. On the
    /// live lab they agree hop by hop (and with traceroute); with gw read from a capture taken
    /// before its pod route existed, the state says unreachable while the probes get through,
    /// and the report says so.
    @Test func probesAgreeWithTheStateAndCatchAStaleCapture() throws {
        let lab = try SiteLab(.vxlan, label: "cliprb")
        defer { try? lab.remove() }
        let stale = lab.directory + "/gw-before.json"
        #expect(try PodRouteBinary.run("snapshot", "--netns", lab.namespace(.gw), "-o", stale).status == 0)
        try lab.addGatewayRoute(.aggregate(via: .node1))
        let site = try lab.writeSiteFile()

        let live = try PodRouteBinary.run("trace", Self.pod, "--site", site, "--probe", "--json")
        #expect(live.status == 0, "\(live.standardError)")
        let probe = try #require(try Self.object(live.standardOutput)["probe"] as? [String: Any])
        #expect(probe["agrees"] as? Bool == true, "\(probe)")
        let observed = (probe["hops"] as? [[String: Any]] ?? []).map { ($0["observed"] as? [String])?.first }
        let real = try lab.traceroute(from: .office, to: Self.pod)
        #expect(observed == real, "probes \(observed) against traceroute \(real)")
        #expect(probe["from"] as? String == "network namespace \(lab.namespace(.office))")

        let staleSite = lab.directory + "/stale.yaml"
        try (try String(contentsOfFile: site, encoding: .utf8))
            .replacingOccurrences(of: "    netns: \(lab.namespace(.gw))\n", with: "    from: gw-before.json\n")
            .write(toFile: staleSite, atomically: false, encoding: .utf8)
        let text = try PodRouteBinary.run("trace", Self.pod, "--site", staleSite, "--probe", "--ascii")
        #expect(text.status == 1, "the state (stale) says unreachable")
        #expect(lab.ping(from: .office, to: Self.pod))
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("probe from network namespace ") && $0.hasSuffix("DISAGREES with the state") }, "\(lines)")
        #expect(lines.contains { $0.contains("the probes reached \(Self.pod), but the state says it is unreachable") }, "\(lines)")
    }

    @Test func badArgumentsAreOneSentenceWithStatus2() throws {
        let lab = try SiteLab(.vxlan, label: "clibad")
        defer { try? lab.remove() }
        let site = try lab.writeSiteFile()
        let cases: [([String], String)] = [
            (["trace", "10.21.69.999", "--site", site], "'10.21.69.999' is not an IPv4 or IPv6 address"),
            (["trace", Self.pod, "--site", site, "--from-host", "nobody"], "has no host named 'nobody' (it has: office, gw, node1, node2)"),
            (["trace", Self.pod, "--site", site, "--src", "fe80::1"], "--src fe80::1 is IPv6 but the destination 10.21.69.212 is IPv4"),
        ]
        for (arguments, message) in cases {
            let run = try PodRouteBinary.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
            #expect(run.standardError.contains(message), "\(run.standardError)")
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    static func hosts(_ hops: Any?) -> [String] {
        (hops as? [[String: Any]] ?? []).compactMap { $0["host"] as? String }
    }
}
