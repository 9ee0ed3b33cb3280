import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute neigh` and `podroute fdb` against `ip -j neigh show nud all` and `bridge -j fdb show`
/// on the Calico-like node (its vxlan.calico has a permanent neighbour and a `self permanent`
/// FDB entry with a dst; its bridge has learned and local entries): the same entries, member
/// for member, in JSON and in text.
@Suite(.needsNetns, .serialized) struct NeighbourCommandTests {
    /// Each element of a JSON array, keyed by `key(element)`, for an order-free comparison.
    private func elements(_ text: String, key: (JSONValue) -> String) throws -> [String: JSONValue] {
        let array = try #require(try JSONValue.parse(text).arrayValue, "\(text)")
        return Dictionary(array.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func compare(_ ours: [String: JSONValue], _ theirs: [String: JSONValue]) {
        #expect(Set(ours.keys) == Set(theirs.keys))
        for (key, expected) in theirs {
            guard let actual = ours[key] else { continue }
            let differences = JSONSuperset.differences(expected: expected, actual: actual)
                + JSONSuperset.differences(expected: actual, actual: expected)
            #expect(differences.isEmpty, "\(key): \(differences)")
        }
    }

    @Test("neigh --json equals `ip -j neigh show nud all`; the text equals `ip neigh show nud all`")
    func neighbours() throws {
        let fixture = try CalicoNodeFixture(label: "neigh-cmd")
        defer { try? fixture.remove() }
        let key = { (value: JSONValue) in "\(value["dst"]?.stringValue ?? "?") \(value["dev"]?.stringValue ?? "?")" }
        let ours = try PodRouteBinary.run("neigh", "--json", "--netns", fixture.node.name).succeeded().standardOutput
        let theirs = try fixture.node.ip("-j neigh show nud all")
        compare(try elements(ours, key: key), try elements(theirs, key: key))
        #expect(ours.contains(#"{"dst":"10.21.12.64","dev":"vxlan.calico","lladdr":"66:aa:bb:cc:dd:01","state":["PERMANENT"]}"#))

        let text = try PodRouteBinary.run("neigh", "--netns", fixture.node.name).succeeded().standardOutput
        let expected = try fixture.node.ip("neigh show nud all")
        let normalise = { (text: String) in Set(text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }) }
        #expect(normalise(text) == normalise(expected))
    }

    @Test("fdb --json equals `bridge -j fdb show`; the text equals `bridge fdb show`")
    func fdb() throws {
        let fixture = try CalicoNodeFixture(label: "fdb-cmd")
        defer { try? fixture.remove() }
        let key = { (value: JSONValue) in
            ["mac", "ifname", "dst", "master", "vlan"].map { value[$0].map { "\($0)" } ?? "-" }.joined(separator: " ")
        }
        let ours = try PodRouteBinary.run("fdb", "--json", "--netns", fixture.node.name).succeeded().standardOutput
        let theirs = try fixture.node.run("bridge", "-j", "fdb", "show")
        compare(try elements(ours, key: key), try elements(theirs, key: key))
        #expect(ours.contains(#"{"mac":"66:aa:bb:cc:dd:01","ifname":"vxlan.calico","dst":"10.20.1.26","flags":["self"],"state":"permanent"}"#))

        let text = try PodRouteBinary.run("fdb", "--netns", fixture.node.name).succeeded().standardOutput
        let expected = try fixture.node.run("bridge", "fdb", "show")
        let normalise = { (text: String) in Set(text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }) }
        #expect(normalise(text) == normalise(expected))
    }

    @Test("a snapshot without the tables: one sentence, exit status not 0")
    func oldSnapshotSaysSo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("neigh-old-\(getpid()).txt").path
        try "root@n1:~# ip route\n10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1\n".write(toFile: file, atomically: false, encoding: .utf8)
        defer { unlink(file) }
        for command in ["neigh", "fdb"] {
            let run = try PodRouteBinary.run(command, "--from", file)
            #expect(run.status != 0)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
            #expect(run.standardError.contains(command == "neigh" ? "has no neighbour table" : "has no FDB"), "\(run.standardError)")
        }
    }
}
