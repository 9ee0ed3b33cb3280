import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute probe` end to end: the report, JSON, privileges and bad input.
@Suite struct ProbeCommandTests {
    @Test(arguments: [
        (["probe", "pod.example"], "'pod.example' is not an IPv4 or IPv6 address"),
        (["probe", "10.0.0.1", "--udp", "0"], "--udp takes a port from 1 to 65535 (got 0)"),
        (["probe", "10.0.0.1", "--tcp", "70000"], "--tcp takes a port from 1 to 65535 (got 70000)"),
        (["probe", "10.0.0.1", "--icmp", "--udp", "53"], "choose one probe method"),
        (["probe", "10.0.0.1", "--count", "0"], "--count must be 1 to 100 (got 0)"),
        (["probe", "10.0.0.1", "--max-ttl", "256"], "--max-ttl must be 1 to 255 (got 256)"),
        (["probe", "10.0.0.1", "--interval=-5"], "--interval must be 0 to 60000 milliseconds (got -5)"),
        (["probe", "10.0.0.1", "--netns", "podroute-no-such-ns", "--udp", "53"],
         "cannot enter network namespace 'podroute-no-such-ns': it does not exist"),
    ])
    func badInputIsOneSentence(arguments: [String], sentence: String) throws {
        let run = try PodRouteBinary.run(arguments)
        #expect(run.status != 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
        #expect(run.standardError.contains(sentence), "\(run.standardError)")
    }
}

@Suite("podroute probe in the lab", .needsNetns, .needsLabTools,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs setpriv (util-linux)"))
struct ProbeCommandLabTests {
    /// `setpriv` to the unprivileged user nobody, all capabilities gone.
    private static let asNobody = ["/usr/bin/setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups",
                                   "--inh-caps=-all", "--bounding-set=-all"]

    @Test func reportJSONAndPrivileges() throws {
        let lab = try SiteLab(.vxlan, label: "probecli")
        defer { try? lab.remove() }
        try lab.addGatewayRoute(.aggregate(via: .node1))
        let office = lab.namespace(.office)

        // The mtr-style report: header, one row per hop, how it ended.
        let text = try PodRouteBinary.run("probe", LabProbing.pod, "--netns", office, "--count", "2", "--interval", "10")
            .succeeded().standardOutput
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("probe 10.21.69.212 from network namespace \(office): ICMP echo") == true)
        #expect(lines.dropFirst().first?.split(separator: " ", omittingEmptySubsequences: true)
            == ["HOP", "ADDRESS", "LOSS%", "SENT", "LAST", "AVG", "BEST", "WORST"])
        let rows = lines.dropFirst(2).dropLast().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0.prefix(4) } == zip(1..., LabProbing.pathViaNode1).map { ["\($0)", $1, "0.0%", "2"] })
        #expect(lines.last == "reached the destination at hop 4")

        // JSON, UDP to one port.
        let json = try PodRouteBinary.run("probe", LabProbing.pod, "--netns", office, "--udp", "33434", "--json").succeeded()
        let document = try JSONValue.parse(json.standardOutput)
        guard case .object(let root) = document, case .array(let hops)? = root["hops"] else {
            Issue.record("no hops in \(json.standardOutput)")
            return
        }
        #expect(root["reached"] == .bool(true))
        #expect(root["method"] == .string("udp") && root["mechanism"] == .string("udp"))
        let addresses: [String?] = hops.map {
            guard case .object(let hop) = $0, case .array(let list)? = hop["addresses"] else { return nil }
            return list.first?.stringValue
        }
        #expect(addresses == LabProbing.pathViaNode1)

        // Unprivileged ICMP: one sentence, exit status 1, nothing on stdout.
        let denied = try lab.run(on: .office, Self.asNobody + [PodRouteBinary.path, "probe", LabProbing.pod, "--icmp"])
        #expect(denied.status == 1)
        #expect(denied.standardOutput.isEmpty)
        #expect(denied.standardError.split(separator: "\n").count == 1)
        #expect(denied.standardError.contains("ICMP probes need raw sockets (CAP_NET_RAW)"), "\(denied.standardError)")

        // Unprivileged UDP and TCP work: the errors come from the sockets' error queues.
        for method in [["--udp", "33434"], ["--tcp", "80"]] {
            let run = try lab.run(on: .office, Self.asNobody + [PodRouteBinary.path, "probe", LabProbing.pod, "--json"] + method)
            #expect(run.status == 0, "\(method): \(run.standardError)")
            #expect(run.standardOutput.contains("\"reached\":true"), "\(method): \(run.standardOutput)")
        }

        // Admitted by net.ipv4.ping_group_range (in the office namespace only), nobody sends ICMP
        // over an unprivileged datagram socket.
        try lab.run(on: .office, "sysctl", "-q", "-w", "net.ipv4.ping_group_range=65534 65534").succeeded()
        let admitted = try lab.run(on: .office, Self.asNobody + [PodRouteBinary.path, "probe", LabProbing.pod, "--json"])
        #expect(admitted.status == 0, "\(admitted.standardError)")
        #expect(admitted.standardOutput.contains("\"mechanism\":\"datagram-icmp\""))
        #expect(admitted.standardOutput.contains("\"reached\":true"))
    }
}
