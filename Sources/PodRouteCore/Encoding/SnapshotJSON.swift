/// podroute's snapshot file: one JSON object holding a whole `NetworkSnapshot`, built from the
/// same objects iproute2 prints so that one codec (these encoders, `IPJSONReader`) serves
/// both snapshots and `ip -j` captures, and `jq` filters written for iproute2 apply to the
/// `links` and `routes` arrays unchanged:
///
///     {"podroute_snapshot":1, "host":"node1", "captured_at":"2024-05-01T12:00:00Z",
///      "source":"live", "ip_names":{...}, "links":[ip -j -d addr objects],
///      "routes":[route objects of both families], "rules":[...], "netconf":[...],
///      "neighbours":[ip -j neigh objects], "fdb":[bridge -j fdb objects],
///      "pods":[{"namespace":"default","name":"web-0","ips":["10.21.69.212"]}]}
///
/// `ip_names` lists only the names that differ from iproute2's built-in ones (a host's
/// /etc/iproute2 files), which a reader needs to turn `"table":"calico"` back into a number.
/// `neighbours` and `fdb` are left out when the snapshot's source did not read them (so a
/// reader can tell "not read" from "none"). Routes and rules carry podroute's `"family"`; links carry `linkmode` and `-s -s` stats so
/// that writing, reading and writing again gives the same bytes.
public struct SnapshotJSON: Sendable {
    /// The format version written in `podroute_snapshot`; readers warn about newer ones.
    public static let formatVersion: UInt64 = 1

    public let snapshot: NetworkSnapshot
    private let links: IPAddressJSON
    private let routes: IPRouteJSON
    private let rules: IPRuleJSON
    private let netconf: IPNetconfJSON
    private let neighbours: IPNeighbourJSON
    private let fdb: BridgeFDBJSON

    public init(snapshot: NetworkSnapshot) {
        self.snapshot = snapshot
        links = IPAddressJSON(snapshot: snapshot, options: .init(includeAddresses: true, includeLinkMode: true,
                                                                 statistics: .extended))
        routes = IPRouteJSON(snapshot: snapshot, options: .init(detailed: true, includeFamily: true))
        rules = IPRuleJSON(names: snapshot.names, options: .init(detailed: true, includeFamily: true))
        netconf = IPNetconfJSON(devices: links.devices)
        neighbours = IPNeighbourJSON(devices: links.devices)
        fdb = BridgeFDBJSON(devices: links.devices)
    }

    /// Writes the whole snapshot into `writer`; `linkExtra` and `routeExtra` give podroute's
    /// members of each link and route (roles, pods, encapsulation).
    public func write(to writer: inout JSONWriter, linkExtra: (Link) -> IPJSONExtra = { _ in .none },
                      routeExtra: (Route) -> IPJSONExtra = { _ in .none }) {
        writeBody(to: &writer, linkExtra: linkExtra, routeExtra: routeExtra, afterElement: { _ in })
    }

    /// Writes the snapshot to `sink` in 64 KiB chunks while encoding, for snapshots of a
    /// million routes that should not be held as one buffer.
    public func stream(to sink: (UnsafeRawBufferPointer) throws -> Void,
                       linkExtra: (Link) -> IPJSONExtra = { _ in .none },
                       routeExtra: (Route) -> IPJSONExtra = { _ in .none }) rethrows {
        var writer = JSONWriter()
        try writeBody(to: &writer, linkExtra: linkExtra, routeExtra: routeExtra,
                      afterElement: { try $0.drain(to: sink) })
        writer.newline()
        try writer.flush(to: sink)
    }

    /// The snapshot as text, newline-terminated.
    public func text() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        writer.newline()
        return writer.text
    }

    private func writeBody(to writer: inout JSONWriter, linkExtra: (Link) -> IPJSONExtra,
                           routeExtra: (Route) -> IPJSONExtra,
                           afterElement: (inout JSONWriter) throws -> Void) rethrows {
        writer.beginObject()
        writer.member("podroute_snapshot", Self.formatVersion)
        writer.member("host", snapshot.host)
        writer.key("captured_at")
        if let date = snapshot.capturedAt { writer.string(ISO8601Timestamp.format(date)) } else { writer.null() }
        writer.member("source", snapshot.source.description)
        writeNames(to: &writer)
        writer.key("links")
        writer.beginArray()
        for link in snapshot.links {
            links.write(link, to: &writer, extra: linkExtra(link))
            try afterElement(&writer)
        }
        writer.endArray()
        writer.key("routes")
        writer.beginArray()
        for route in snapshot.routes {
            routes.write(route, to: &writer, extra: routeExtra(route))
            try afterElement(&writer)
        }
        writer.endArray()
        writer.key("rules")
        writer.beginArray()
        for rule in snapshot.rules { rules.write(rule, to: &writer) }
        writer.endArray()
        writer.key("netconf")
        writer.beginArray()
        for config in snapshot.forwarding { netconf.write(config, to: &writer) }
        writer.endArray()
        if let entries = snapshot.neighbours {
            writer.key("neighbours")
            writer.beginArray()
            for entry in entries { neighbours.write(entry, to: &writer) }
            writer.endArray()
        }
        if let entries = snapshot.fdb {
            writer.key("fdb")
            writer.beginArray()
            for entry in entries { fdb.write(entry, to: &writer) }
            writer.endArray()
        }
        writer.key("pods")
        writer.beginArray()
        for pod in snapshot.pods {
            writer.beginObject()
            writer.member("namespace", pod.namespace)
            writer.member("name", pod.name)
            writer.key("ips")
            writer.beginArray()
            for address in pod.addresses { writer.address(address) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// `"ip_names":{"tables":{"100":"calico"},...}`: only entries iproute2 does not build in.
    private func writeNames(to writer: inout JSONWriter) {
        let defaults = IPNames.iproute2Defaults
        let names = snapshot.names
        func changed<Key: BinaryInteger>(_ own: [Key: String], _ builtIn: [Key: String]) -> [(Key, String)] {
            own.filter { builtIn[$0.key] != $0.value }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        let tables = changed(names.tables, defaults.tables)
        let protocols = changed(names.protocols, defaults.protocols)
        let scopes = changed(names.scopes, defaults.scopes)
        let groups = changed(names.groups, defaults.groups)
        guard !(tables.isEmpty && protocols.isEmpty && scopes.isEmpty && groups.isEmpty) else { return }
        writer.key("ip_names")
        writer.beginObject()
        func section<Key: BinaryInteger>(_ name: StaticString, _ entries: [(Key, String)]) {
            guard !entries.isEmpty else { return }
            writer.key(name)
            writer.beginObject()
            for (number, text) in entries {
                writer.key(dynamic: String(number))
                writer.string(text)
            }
            writer.endObject()
        }
        section("tables", tables)
        section("protocols", protocols)
        section("scopes", scopes)
        section("groups", groups)
        writer.endObject()
    }
}
