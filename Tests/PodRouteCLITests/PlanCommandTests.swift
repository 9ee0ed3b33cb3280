import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute cidrs` and `podroute plan` against the SiteLab (office, gw, node1, node2 in VXLAN
/// mode): the candidates come from the nodes' real tables, the plan's commands are run for real
/// on gw and the kernel's table must then equal the preview's "after".
@Suite("podroute cidrs and plan on the lab", .needsNetns, .needsLabTools)
struct PlanCommandTests {
    /// No SSH session unless a test sets one: the developer's own must not leak in.
    static let noSession = ["SSH_CONNECTION": "", "SSH_CLIENT": ""]

    /// A site file naming the lab's namespaces, in a temporary directory.
    static func siteFile(_ lab: SiteLab) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let hosts = LabHost.allCases.map { "  - name: \($0.rawValue)\n    netns: \(lab.namespace($0))" }.joined(separator: "\n")
        let path = directory.appendingPathComponent("site.yaml").path
        try "hosts:\n\(hosts)\nservice_cidrs: [10.96.0.0/12]\n".write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func removeSite(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    @Test func cidrsListsEachNodesBlockWithItsNode() throws {
        let lab = try SiteLab(.vxlan, label: "cidrs")
        defer { try? lab.remove() }
        let site = try Self.siteFile(lab)
        defer { Self.removeSite(site) }
        let run = try PodRouteBinary.run(["cidrs", "--site", site, "--no-kubectl", "--json"], environment: Self.noSession)
        #expect(run.status == 0, "\(run.standardError)")
        let candidates = try JSONValue.parse(run.standardOutput, strict: true).arrayValue ?? []
        func find(_ cidr: String, _ kind: String) -> JSONValue? {
            candidates.first { $0["cidr"]?.stringValue == cidr && $0["kind"]?.stringValue == kind }
        }
        for node in LabNode.allCases {
            let block = find(node.block, "pod-block")
            #expect(block?["node"]?.stringValue == node.rawValue, "\(node.block) in \(run.standardOutput)")
            #expect(block?["nodeIP"]?.stringValue == node.address)
            #expect(block?["source"]?.stringValue?.contains("local-block blackhole on \(node.rawValue)") == true)
        }
        #expect(find("10.96.0.0/12", "service")?["source"]?.stringValue == "site file service_cidrs")
        #expect(find(LabTopology.podCIDR, "pod-pool")?["source"]?.stringValue?.hasPrefix("inferred") == true)
        // Text output: one row per block with its node.
        let text = try PodRouteBinary.run(["cidrs", "--site", site, "--no-kubectl"], environment: Self.noSession)
        #expect(text.standardOutput.split(separator: "\n").contains { $0.hasPrefix("10.21.230.0/26") && $0.contains("node1") })
    }

    @Test func aggregatePlanPreviewsTheDiffAndCommandsThatTheKernelThenMatches() throws {
        let lab = try SiteLab(.vxlan, label: "plan")
        defer { try? lab.remove() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planPath = directory.appendingPathComponent("plan.json").path
        let gw = lab.namespace(.gw)
        let run = try PodRouteBinary.run(["plan", "--netns", gw, "--cidr", LabTopology.podCIDR, "--via", LabNode.node1.address,
                                          "-o", planPath], environment: Self.noSession)
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let command = "ip route add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"
        #expect(lines.contains("+ 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"))
        #expect(lines.contains(command))
        #expect(lines.contains("ip route del 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"))
        #expect(lines.contains { $0.hasPrefix("[warning] 10.21.0.0/16 has a single next hop, 10.20.1.22") })
        #expect(lines.contains { $0.hasPrefix("10.21.0.1 (an address in 10.21.0.0/16): no route (unreachable) -> '10.21.0.0/16 via") })
        #expect(lines.dropLast().last == "planned: nothing applied; written to \(planPath)")
        #expect(try !lab.ip(on: .gw, "route").contains("10.21."), "plan must not change the kernel")

        // The plan file decodes back to the same plan, byte for byte.
        let text = try String(contentsOfFile: planPath, encoding: .utf8)
        let plan = try RoutePlanJSON.decode(text)
        #expect(RoutePlanJSON.text(plan) == text)
        #expect(plan.target == PlanTarget(name: gw, source: .namespace(gw)))
        #expect(plan.operations.map(\.action) == [.add])
        #expect(plan.operations.first?.route.gateway == IPAddress(LabNode.node1.address))
        #expect(plan.deviceName(plan.operations[0].route.device!) == "eth1")
        #expect(plan.preState.routes.isEmpty, "gw has no default route and nothing overlapping 10.21.0.0/16")

        // The printed command does on the kernel what the preview says: the table after it
        // equals the preview's lines, and the office reaches the pods.
        let diffStart = try #require(lines.firstIndex { $0.hasPrefix("routes before -> after (table main)") }) + 1
        let previewAfter = lines[diffStart...].prefix { !$0.isEmpty }.filter { !$0.hasPrefix("- ") }
            .map { $0.hasPrefix("+ ") ? String($0.dropFirst(2)) : $0 }
        try lab.ip(on: .gw, String(command.dropFirst(3)))
        let kernel = try lab.ip(on: .gw, "-4 route show table main").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Array(previewAfter) == kernel)
        #expect(lab.ping(from: .office, to: "10.21.69.212"))
        // Planned again, the route is there: nothing to do.
        let again = try PodRouteBinary.run(["plan", "--netns", gw, "--cidr", LabTopology.podCIDR, "--via", LabNode.node1.address],
                                           environment: Self.noSession)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("is already routed so on"))
        #expect(again.standardOutput.hasSuffix("nothing to change\n"))
    }

    @Test func refusalsAndHardErrors() throws {
        let lab = try SiteLab(.vxlan, label: "refuse")
        defer { try? lab.remove() }
        let gw = lab.namespace(.gw)
        let offSubnet = try PodRouteBinary.run(["plan", "--netns", gw, "--cidr", LabTopology.podCIDR, "--via", "10.30.0.1"],
                                               environment: Self.noSession)
        #expect(offSubnet.status == 2)
        #expect(offSubnet.standardOutput.contains("[error] next hop 10.30.0.1 is not on a connected subnet of \(gw) "
            + "(connected: 192.168.50.0/24 on eth0, 10.20.1.0/24 on eth1)"))
        #expect(!offSubnet.standardOutput.contains("ip route add"), "no commands for a failed plan")

        let hostBits = try PodRouteBinary.run(["plan", "--netns", gw, "--cidr", "10.21.0.1/16", "--via", LabNode.node1.address],
                                              environment: Self.noSession)
        #expect(hostBits.status == 2)
        #expect(hostBits.standardError == "Error: --cidr: 10.21.0.1/16 has host bits set; did you mean 10.21.0.0/16?\n")
        #expect(hostBits.standardOutput.isEmpty)

        // The operator is on the office LAN; routing part of it away cuts the session.
        let office = ["SSH_CONNECTION": "\(LabTopology.officeAddress) 50022 \(LabTopology.gatewayOfficeAddress) 22", "SSH_CLIENT": ""]
        let arguments = ["plan", "--netns", gw, "--cidr", "192.168.50.0/25", "--via", LabNode.node1.address]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planPath = directory.appendingPathComponent("lockout.json").path
        let refused = try PodRouteBinary.run(arguments + ["-o", planPath], environment: office)
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("[refused] lockout: the route to your SSH client 192.168.50.10 (SSH_CONNECTION) "
            + "changes from '192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.1' to "
            + "'192.168.50.0/25 via 10.20.1.22 dev eth1 proto static'"))
        #expect(refused.standardOutput.contains("refused: 3 checks refuse this plan"))
        #expect(!FileManager.default.fileExists(atPath: planPath), "a refused plan is not written")

        let forced = try PodRouteBinary.run(arguments + ["--force", "-o", planPath], environment: office)
        #expect(forced.status == 0, "\(forced.standardOutput)")
        #expect(forced.standardOutput.contains("[forced] lockout: the route to your SSH client 192.168.50.10"))
        #expect(forced.standardOutput.contains("planned (3 refusals overridden by --force)"))
        let plan = try RoutePlanJSON.decode(try String(contentsOfFile: planPath, encoding: .utf8))
        #expect(plan.warnings.contains { $0.hasPrefix("forced: lockout: the route to your SSH client 192.168.50.10") })
        #expect(try !lab.ip(on: .gw, "route").contains("192.168.50.0/25"))

        // --force never overrides a hard error.
        let forcedError = try PodRouteBinary.run(["plan", "--netns", gw, "--cidr", LabTopology.podCIDR, "--via", "10.30.0.1",
                                                  "--force"], environment: Self.noSession)
        #expect(forcedError.status == 2)
    }

    @Test func perNodeOverTheSiteAndTheChainFromTheOffice() throws {
        let lab = try SiteLab(.vxlan, label: "pernode")
        defer { try? lab.remove() }
        let site = try Self.siteFile(lab)
        defer { Self.removeSite(site) }
        let gw = lab.namespace(.gw)
        let run = try PodRouteBinary.run(["plan", "--netns", gw, "--site", site, "--strategy", "per-node", "--cidr",
                                          LabTopology.podCIDR, "--json"], environment: Self.noSession)
        #expect(run.status == 0, "\(run.standardOutput)")
        let report = try JSONValue.parse(run.standardOutput, strict: true)
        let operations = report["hosts"]?.arrayValue?.first?["operations"]?.arrayValue ?? []
        let routes = operations.map { "\($0["route"]?["dst"]?.stringValue ?? "") via \($0["route"]?["gateway"]?.stringValue ?? "")" }
        #expect(routes == ["10.21.69.192/26 via 10.20.1.24", "10.21.230.0/26 via 10.20.1.22"])
        #expect(report["status"]?.stringValue == "planned")

        // From the office: gw is the only router without a route; -o writes one file per host.
        let planPath = ((site as NSString).deletingLastPathComponent as NSString).appendingPathComponent("chain.json")
        let chain = try PodRouteBinary.run(["plan", "--site", site, "--from-host", "office", "--cidr", LabTopology.podCIDR,
                                            "--via", LabNode.node1.address, "-o", planPath], environment: Self.noSession)
        #expect(chain.status == 0, "\(chain.standardOutput)")
        #expect(chain.standardOutput.contains("plan for gw (netns \(gw)): 1 change"))
        #expect(chain.standardOutput.contains("ip route add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"))
        #expect(!chain.standardOutput.contains("plan for office"))
        let written = planPath.replacingOccurrences(of: "chain.json", with: "chain-gw.json")
        #expect(chain.standardOutput.hasSuffix("planned: nothing applied; written to \(written)\n"))
        let plan = try RoutePlanJSON.decode(try String(contentsOfFile: written, encoding: .utf8))
        #expect(plan.target == PlanTarget(name: "gw", source: .namespace(gw)))
    }

    /// The hand-off: the file `plan -o` writes is what `apply` takes; applied, the office reaches
    /// the pods; rolled back, it does not.
    @Test func aWrittenPlanIsWhatApplyTakes() throws {
        let lab = try SiteLab(.vxlan, label: "handoff")
        defer { try? lab.remove() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planPath = directory.appendingPathComponent("plan.json").path
        var environment = Self.noSession
        environment["PODROUTE_STATE_DIR"] = directory.appendingPathComponent("state").path
        let gw = lab.namespace(.gw)
        _ = try PodRouteBinary.run(["plan", "--netns", gw, "--cidr", LabTopology.podCIDR, "--via", LabNode.node1.address,
                                    "--via", LabNode.node2.address, "-o", planPath], environment: environment).succeeded()
        #expect(!lab.ping(from: .office, to: "10.21.69.212", attempts: 1))
        // A short deadline: should the test stop half-way, the guardian reverts on its own.
        let apply = try PodRouteBinary.run(["apply", planPath, "--netns", gw, "--confirm-within", "20", "--yes"],
                                           environment: environment).succeeded()
        #expect(try lab.ip(on: .gw, "route").contains("10.21.0.0/16 proto static"))
        #expect(lab.ping(from: .office, to: "10.21.69.212"))
        #expect(lab.ping(from: .office, to: "10.21.230.3"))
        let prefix = "Applied and verified: change "
        let id = try #require(apply.standardOutput.split(separator: "\n").first { $0.hasPrefix(prefix) }?.dropFirst(prefix.count))
        _ = try PodRouteBinary.run(["rollback", String(id)], environment: environment).succeeded()
        #expect(try !lab.ip(on: .gw, "route").contains("10.21."))
        #expect(!lab.ping(from: .office, to: "10.21.69.212", attempts: 1))
    }
}
