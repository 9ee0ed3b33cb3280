import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute links|routes|rules --json` against iproute2 on the real kernel: every key iproute2
/// prints must be in podroute's output with the same value (a jq script keeps working).
@Suite(.needsNetns, .serialized) struct DifferentialTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Substring(text)) }

    private func expectSuperset(of expected: String, in actual: String, tolerance: JSONSuperset.Tolerance = .none,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let differences = JSONSuperset.differences(expected: try json(expected), actual: try json(actual), tolerance: tolerance)
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    @Test func routesAreASupersetOfIPRoute() throws {
        let fixture = try CalicoNodeFixture(label: "cli-routes")
        defer { try? fixture.remove() }
        let ours = try PodRouteBinary.run("routes", "--json", "--netns", fixture.node.name).succeeded()
        // `ip route show table all` without -4/-6 prints both families, IPv4 first.
        let theirs = try fixture.node.ip("-j -d route show table all")
        try expectSuperset(of: theirs, in: ours.standardOutput)
        let routes = try #require(try json(ours.standardOutput).arrayValue)
        let roles = Dictionary(routes.compactMap { route in
            route["dst"]?.stringValue.map { ($0, route["role"]?.stringValue ?? "") }
        }, uniquingKeysWith: { first, _ in first })
        #expect(roles["10.21.230.5"] == "workload")
        #expect(roles["10.21.230.0/26"] == "local-block")
        #expect(roles["10.21.69.192/26"] == "remote-block")
        #expect(roles["10.21.12.64/26"] == "remote-block")
        #expect(routes.first { $0["dst"]?.stringValue == "10.21.12.64/26" }?["encap"]?.stringValue == "vxlan")
        #expect(roles["default"] == "default")
    }

    @Test func linksAreASupersetOfIPAddr() throws {
        let fixture = try CalicoNodeFixture(label: "cli-links")
        defer { try? fixture.remove() }
        let ours = try PodRouteBinary.run("links", "--json", "--netns", fixture.node.name).succeeded()
        let theirs = try fixture.node.ip("-j -d addr show")
        try expectSuperset(of: theirs, in: ours.standardOutput, tolerance: .tickingTimers)
        let links = try #require(try json(ours.standardOutput).arrayValue)
        let role = { (name: String) in links.first { $0["ifname"]?.stringValue == name }?["role"]?.stringValue }
        #expect(role("calic440f455693") == "calico-workload")
        #expect(role("vxlan.calico") == "calico-vxlan")
        #expect(role("br0") == "bridge")
        #expect(role("lo") == "loopback")
    }

    @Test func rulesAreASupersetOfIPRulePerFamily() throws {
        let fixture = try CalicoNodeFixture(label: "cli-rules")
        defer { try? fixture.remove() }
        let ours = try #require(try json(PodRouteBinary.run("rules", "--json", "--netns", fixture.node.name)
            .succeeded().standardOutput).arrayValue)
        for (family, option) in [("inet", "-4"), ("inet6", "-6")] {
            let theirs = try fixture.node.ip("-j -d \(option) rule show")
            let mine = JSONValue.array(ours.filter { $0["family"]?.stringValue == family })
            let differences = JSONSuperset.differences(expected: try json(theirs), actual: mine)
            #expect(differences.isEmpty, "\(family): \(differences.prefix(10).joined(separator: "\n"))")
        }
    }

    /// A snapshot file reads back to the same routes and links, byte for byte.
    @Test func snapshotsRoundTrip() throws {
        let fixture = try CalicoNodeFixture(label: "cli-snap")
        defer { try? fixture.remove() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-snap-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try PodRouteBinary.run("snapshot", "--netns", fixture.node.name, "-o", file).succeeded()
        let live = try PodRouteBinary.run("routes", "--json", "--netns", fixture.node.name).succeeded()
        let saved = try PodRouteBinary.run("routes", "--json", "--from", file).succeeded()
        #expect(saved.standardOutput == live.standardOutput)
        #expect(saved.standardError.isEmpty)
        let savedLinks = try PodRouteBinary.run("links", "--json", "--from", file).succeeded()
        try expectSuperset(of: try fixture.node.ip("-j -d addr show"), in: savedLinks.standardOutput, tolerance: .tickingTimers)
    }

    @Test func countMatchesIPRoute() throws {
        let fixture = try CalicoNodeFixture(label: "cli-count")
        defer { try? fixture.remove() }
        let expected = try #require(try json(fixture.node.ip("-j route show table all")).arrayValue).count
        let count = try PodRouteBinary.run("routes", "--count", "--json", "--netns", fixture.node.name).succeeded()
        #expect(try json(count.standardOutput)["count"]?.intValue == Int64(expected))
    }
}
