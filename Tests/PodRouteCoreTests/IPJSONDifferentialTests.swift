import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// podroute's JSON against this machine's iproute2, in namespaces built for the purpose: the
/// output of `ip -j` is loaded as a capture, re-encoded, and must contain every member
/// iproute2 printed with the same value.
@Suite(.serialized, .enabled("needs root and iproute2's ip") {
    if let reason = JSONTestNamespace.unavailableReason {
        print("skipping the iproute2 differential tests: \(reason)")
        return false
    }
    return true
})
struct IPJSONDifferentialTests {
    @Test func detailedCaptureReencodesAsSupersetOfIproute2() throws {
        try JSONTestNamespace.withPair { pair in
            try IPJSONFixture.build(in: pair)
            let dumps = try IPJSONFixture.dump(pair)
            let text = IPJSONFixture.capture([
                ("ip -j -d addr show", dumps.addresses),
                ("ip -j -d route show table all", dumps.routes),
                ("ip -j -d rule", dumps.rules4),
                ("ip -6 -j -d rule", dumps.rules6),
                ("ip -j netconf show", dumps.netconf),
            ])
            let snapshot = try CaptureReader.load(text: text, path: "jsfixture.txt")
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")

            let links = encodeLinks(snapshot)
            expectSuperset(expected: dumps.addresses, actual: links, what: "ip -j -d addr show")
            let routes = encodeRoutes(snapshot)
            expectSuperset(expected: dumps.routes, actual: routes, what: "ip -j -d route show table all")
            expectSuperset(expected: dumps.rules4, actual: encodeRules(snapshot, .inet), what: "ip -j -d rule")
            expectSuperset(expected: dumps.plainRules4, actual: encodeRules(snapshot, .inet), what: "ip -j rule")
            expectSuperset(expected: dumps.rules6, actual: encodeRules(snapshot, .inet6), what: "ip -6 -j -d rule")
            expectSuperset(expected: dumps.plainRules6, actual: encodeRules(snapshot, .inet6), what: "ip -6 -j rule")
            expectSuperset(expected: dumps.routes6, actual: encodeRoutes(snapshot, family: .inet6),
                           what: "ip -6 -j -d route show table all")
            expectSuperset(expected: dumps.netconf, actual: encodeNetconf(snapshot), what: "ip -j netconf show")

            // Spot checks of the fixture's point: the quirks are really there.
            let addressJSON = try JSONValue.parse(dumps.addresses)
            let vd0 = addressJSON.arrayValue?.first { $0["ifname"]?.stringValue == "vd0" }
            #expect(vd0?["flags"] == .array([.string("NO-CARRIER"), .string("BROADCAST"), .string("MULTICAST"),
                                             .string("UP"), .string("M-DOWN")]))
            let workload = addressJSON.arrayValue?.first { $0["ifname"]?.stringValue == "calic440f455693" }
            #expect(workload?["link_index"] != nil && workload?["link_netnsid"] != nil)
            let vpa = snapshot.link(named: "vpa")
            #expect(vpa?.alias == IPJSONFixture.hostileAlias)
        }
    }

    @Test func statisticsCaptureReencodesAsSupersetOfDashS() throws {
        try JSONTestNamespace.withPair { pair in
            try IPJSONFixture.build(in: pair)
            let dumps = try IPJSONFixture.dump(pair)
            let text = IPJSONFixture.capture([("ip -j -s -d addr show", dumps.addressesWithStats)])
            let snapshot = try CaptureReader.load(text: text, path: "jsstats.txt")
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            #expect(snapshot.link(named: "lo")?.stats != nil)
            expectSuperset(expected: dumps.addressesWithStats, actual: encodeLinks(snapshot, statistics: .basic),
                           what: "ip -j -s -d addr show")
        }
    }

    @Test func plainRouteCaptureFillsInWhatIproute2Omits() throws {
        try JSONTestNamespace.withPair { pair in
            try IPJSONFixture.build(in: pair)
            let dumps = try IPJSONFixture.dump(pair)
            // Only the plain form: type, table, protocol and scope must come from the defaults.
            let text = IPJSONFixture.capture([
                ("ip -j -d addr show", dumps.addresses),
                ("ip -j route show table all", dumps.plainRoutes),
            ])
            let snapshot = try CaptureReader.load(text: text, path: "jsplain.txt")
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let routes = encodeRoutes(snapshot)
            expectSuperset(expected: dumps.routes, actual: routes, what: "ip -j -d route (from the plain capture)")
            let plain = encodeRoutes(snapshot, options: .init(detailed: false, includeFamily: false))
            expectSuperset(expected: dumps.plainRoutes, actual: plain, what: "ip -j route (plain encoding)")
            expectSuperset(expected: plain, actual: dumps.plainRoutes, what: "plain encoding has no extra keys")
        }
    }

    @Test func outputIsStrictJSONEvenWhereIproute2sIsNot() throws {
        try JSONTestNamespace.withPair { pair in
            try IPJSONFixture.build(in: pair)
            let raw = try pair.ip(["-j", "-d", "addr", "show", "dev", "vpa"])
            // iproute2 copies the ESC of the alias raw into its JSON.
            #expect(throws: (any Error).self) { try JSONValue.parse(raw, strict: true) }
            let snapshot = try CaptureReader.load(text: IPJSONFixture.capture([("ip -j -d addr show", raw)]),
                                                  path: "jsvpa.txt")
            let ours = encodeLinks(snapshot)
            _ = try JSONValue.parse(ours, strict: true)
            #expect(try JSONSerialization.jsonObject(with: Data(ours.utf8)) is [Any])
            #expect(!ours.utf8.contains(0x1b))
        }
    }

    @Test func snapshotOfTheFixtureRoundTripsByteForByte() throws {
        try JSONTestNamespace.withPair { pair in
            try IPJSONFixture.build(in: pair)
            let dumps = try IPJSONFixture.dump(pair)
            let text = IPJSONFixture.capture([
                ("ip -j -d addr show", dumps.addresses),
                ("ip -j -d route show table all", dumps.routes),
                ("ip -j -d rule", dumps.rules4),
                ("ip -6 -j -d rule", dumps.rules6),
                ("ip -j netconf show", dumps.netconf),
            ])
            let source = SnapshotSource.capture(path: "fixture.json")
            let snapshot = try CaptureReader.load(text: text, path: "fixture.txt", source: source)
            let first = SnapshotJSON(snapshot: snapshot).text()
            let reloaded = try CaptureReader.load(text: first, path: "fixture.json", source: source)
            #expect(reloaded.warnings.isEmpty, "\(reloaded.warnings)")
            let second = SnapshotJSON(snapshot: reloaded).text()
            #expect(first == second)
        }
    }

    // MARK: Helpers

    private func encodeLinks(_ snapshot: NetworkSnapshot, statistics: IPAddressJSON.Statistics = .none) -> String {
        let encoder = IPAddressJSON(snapshot: snapshot, options: .init(statistics: statistics))
        var writer = JSONWriter()
        writer.beginArray()
        for link in snapshot.links { encoder.write(link, to: &writer) }
        writer.endArray()
        return writer.text
    }

    private func encodeRoutes(_ snapshot: NetworkSnapshot, options: IPRouteJSON.Options = .init(),
                              family: AddressFamily? = nil) -> String {
        let encoder = IPRouteJSON(snapshot: snapshot, options: options)
        var writer = JSONWriter()
        writer.beginArray()
        for route in snapshot.routes where family == nil || route.family == family { encoder.write(route, to: &writer) }
        writer.endArray()
        return writer.text
    }

    private func encodeRules(_ snapshot: NetworkSnapshot, _ family: AddressFamily) -> String {
        let encoder = IPRuleJSON(names: snapshot.names)
        var writer = JSONWriter()
        writer.beginArray()
        for rule in snapshot.rules where rule.family == family { encoder.write(rule, to: &writer) }
        writer.endArray()
        return writer.text
    }

    private func encodeNetconf(_ snapshot: NetworkSnapshot) -> String {
        let encoder = IPNetconfJSON(snapshot: snapshot)
        var writer = JSONWriter()
        writer.beginArray()
        for config in snapshot.forwarding { encoder.write(config, to: &writer) }
        writer.endArray()
        return writer.text
    }

    private func expectSuperset(expected: String, actual: String, what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let want = try JSONValue.parse(expected)
            let have = try JSONValue.parse(actual, strict: true)
            let differences = JSONSuperset.differences(expected: want, actual: have, checkingOrder: true)
            let report = "\(what): \(differences.count) differences:\n" + differences.prefix(40).joined(separator: "\n")
            #expect(differences.isEmpty, "\(report)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(what): \(error)", sourceLocation: sourceLocation)
        }
    }
}
