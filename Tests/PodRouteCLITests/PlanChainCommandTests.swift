import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute plan --site --from-host` over a chain of two routers on the lab (the office without
/// its default route, gw without the pod route), each in its site file `format:`; the files it
/// writes, one per host, and `podroute apply` picking this host's among them.
@Suite("podroute plan and apply over a chain of routers", .needsNetns, .needsLabTools)
struct PlanChainCommandTests {
    @Test func eachRouterInItsFormatAndApplyPicksItsOwnPart() throws {
        let lab = try SiteLab(.vxlan, label: "clichain")
        defer { try? lab.remove() }
        try lab.ip(on: .office, "route del default")
        let site = try lab.writeSiteFile(formats: [.office: "cisco-ios"])
        var environment = PlanCommandTests.noSession
        environment["PODROUTE_STATE_DIR"] = lab.directory + "/state"
        let output = lab.directory + "/chain.json"
        let plan = try PodRouteBinary.run(["plan", "--site", site, "--from-host", "office", "--cidr", LabTopology.podCIDR,
                                           "--via", LabNode.node1.address, "-o", output], environment: environment)
        #expect(plan.status == 0, "\(plan.standardOutput)\(plan.standardError)")
        let text = plan.standardOutput
        let gwAt = try #require(text.range(of: "step 1 of 2: plan for gw (netns \(lab.namespace(.gw))): 1 change"), "\(text)")
        let officeAt = try #require(text.range(of: "step 2 of 2: plan for office (netns \(lab.namespace(.office))): 1 change"))
        #expect(gwAt.lowerBound < officeAt.lowerBound, "nearest the cluster first")
        #expect(text.contains("  commands (linux):\n"))
        #expect(text.contains("  commands (cisco-ios):\n"))
        #expect(text.contains("ip route 10.21.0.0 255.255.0.0 eth0 192.168.50.1"), "the office's route toward gw, in IOS words")
        let files = ["gw", "office"].map { lab.directory + "/chain-\($0).json" }
        #expect(text.hasSuffix("planned: nothing applied; written to \(files.joined(separator: ", "))\n"), "\(text)")

        let json = try PodRouteBinary.run(["plan", "--site", site, "--from-host", "office", "--cidr", LabTopology.podCIDR,
                                           "--via", LabNode.node1.address, "--format", "junos", "--json"], environment: environment)
        let report = try JSONValue.parse(json.standardOutput, strict: true)
        #expect(report["hosts"]?.arrayValue?.map { $0["format"]?.stringValue ?? "" } == ["junos", "cisco-ios"],
                "--format for gw, the site file's for the office")

        // Both files on node1: neither is for it.
        let node1 = lab.namespace(.node1)
        let before = try lab.ip(on: .node1, "-j route show table all")
        let none = try PodRouteBinary.run(["apply"] + files + ["--netns", node1, "--yes"], environment: environment)
        #expect(none.status != 0)
        #expect(none.standardError.contains("none of the 2 plans is for this host (netns \(node1)): \(files[0]) is for gw (made from netns \(lab.namespace(.gw)))"),
                "\(none.standardError)")
        #expect(try lab.ip(on: .node1, "-j route show table all") == before)

        // Both files on gw: gw's part is applied, the office's is not.
        let applied = try PodRouteBinary.run(["apply"] + files + ["--netns", lab.namespace(.gw), "--confirm-within", "20", "--yes"],
                                             environment: environment).succeeded()
        #expect(applied.standardOutput.hasPrefix("Picked \(files[0]) of 2 plans: it is for this host.\n"))
        #expect(try lab.ip(on: .gw, "route").contains("10.21.0.0/16 via 10.20.1.22"))
        #expect(try !lab.ip(on: .office, "route").contains("10.21."))
        _ = try PodRouteBinary.run(["rollback"], environment: environment).succeeded()
    }

    @Test func anUnknownFormatInTheSiteFileIsOneSentence() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site.yaml").path
        try "hosts:\n  - name: core\n    from: core.txt\n    format: ios\n".write(toFile: site, atomically: false, encoding: .utf8)
        let run = try PodRouteBinary.run(["plan", "--site", site, "--from-host", "core", "--cidr", "10.21.0.0/16"])
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix("Error: \(site): host 1 ('core'): unknown format 'ios'; the formats are: linux, "),
                "\(run.standardError)")
    }
}
