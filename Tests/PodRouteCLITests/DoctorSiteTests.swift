import Foundation
import PodRouteTesting
import Testing

/// `podroute doctor --site` over the lab: hosts read from their namespaces and over real ssh.
@Suite("doctor on a site", .needsNetns, .needsLabTools)
struct DoctorSiteTests {
    /// A healthy lab has nothing fatal; forwarding off on gw, read over ssh, is found on gw.
    @Test(.needsSSHD) func forwardingOffOnAGatewayReadOverSSH() throws {
        let lab = try SiteLab(.vxlan, label: "doc")
        defer { try? lab.remove() }
        let ssh = try SSHFixture(in: lab, on: .gw)
        defer { try? ssh.remove() }
        let site = try lab.writeSiteFile(ssh: [.gw: ssh], address: [.gw: LabTopology.gatewayOfficeAddress])

        let healthy = try lab.podroute(["doctor", "--site", site, "--json"])
        let document = try Self.parse(healthy.standardOutput)
        #expect(document.unread.isEmpty, "\(document.unread) \(healthy.standardError)")
        #expect(document.hosts == ["office": "workstation", "gw": "gateway", "node1": "node", "node2": "node"])
        #expect(document.findings.isEmpty, "a lab wired as Calico wires nodes is healthy: \(document.findings)")
        #expect(healthy.status == 0)

        try lab.setForwarding(false, on: .gw)
        let broken = try lab.podroute(["doctor", "--site", site, "--json"])
        #expect(broken.status == 1)
        let found = try Self.parse(broken.standardOutput).findings
        #expect(found.contains { $0.code == "ip-forward-off" && $0.host == "gw" }, "\(found)")

        let text = try lab.podroute(["doctor", "--site", site])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("ip-forward-off  gw:"))
        #expect(text.standardOutput.contains("fix: on gw: sysctl -w net.ipv4.ip_forward=1"), "\(text.standardOutput)")
    }

    /// A host that cannot be read (nothing listens for ssh) is reported by name; the others
    /// are still checked.
    @Test func anUnreachableHostIsReportedAndTheRestChecked() throws {
        let lab = try SiteLab(.vxlan, label: "docun")
        defer { try? lab.remove() }
        let site = lab.directory + "/site.yaml"
        try """
            hosts:
              - name: node1
                netns: \(lab.namespace(.node1))
              - name: gw
                ssh: root@\(LabTopology.gatewayOfficeAddress):2299
                ssh_options: ["-o", "ConnectTimeout=2", "-o", "UserKnownHostsFile=/dev/null", "-F", "/dev/null"]
            """.write(toFile: site, atomically: false, encoding: .utf8)
        let run = try lab.podroute(["doctor", "--site", site, "--json"])
        #expect(run.status == 1)
        let document = try Self.parse(run.standardOutput)
        #expect(document.hosts.keys.sorted() == ["node1"])
        #expect(document.unread.count == 1)
        #expect(document.unread.first?.hasPrefix("gw: cannot read over ssh (root@192.168.50.1:2299): ") == true,
                "\(document.unread)")
        #expect(document.unread.first?.hasSuffix("Connection refused") == true, "\(document.unread)")
    }

    /// Bad site files: one sentence naming the file and the problem.
    @Test func badSiteFilesAreOneSentence() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prt-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String)] = [
            ("hosts:\n  - name: a\n    netns: x\n    from: y.txt\n", "needs exactly one of netns, from, ssh or local: true (it has 2)"),
            ("hosts:\n  - name: a\n    local: true\n  - name: b\n    local: true\n", "another host already is"),
            ("hosts:\n  - name: a\n    ssh: 'root@'\n", "expected [user@]host[:port]"),
            ("hosts: [\n", "not valid YAML"),
            ("hosts:\n  - name: a\n    netns: x\n  - name: a\n    netns: y\n", "two hosts are named 'a'"),
            ("hosts:\n  - name: a\n    netns: x\n    role: router\n", "expected node, gateway or workstation"),
            ("hosts: []\n", "no hosts listed"),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let path = directory.appendingPathComponent("bad\(index).yaml").path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            let run = try PodRouteBinary.run("doctor", "--site", path)
            #expect(run.status == 2, "case \(index)")
            #expect(run.standardOutput.isEmpty, "case \(index)")
            #expect(run.standardError.split(separator: "\n").count == 1, "case \(index): \(run.standardError)")
            #expect(run.standardError.contains(path) && run.standardError.contains(message),
                    "case \(index): \(run.standardError)")
        }
    }

    struct Document {
        var hosts: [String: String]
        var findings: [(code: String, host: String?)]
        var unread: [String]
    }

    static func parse(_ text: String) throws -> Document {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let hosts = (object["hosts"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["name"] as? String ?? "?"] = $1["role"] as? String
        }
        let findings = (object["findings"] as? [[String: Any]] ?? []).map { ($0["code"] as? String ?? "", $0["host"] as? String) }
        return Document(hosts: hosts, findings: findings, unread: object["unread"] as? [String] ?? [])
    }
}
