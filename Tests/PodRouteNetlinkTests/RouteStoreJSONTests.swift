import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

/// `trace --batch` prints each route straight from the store's packed record when it can: that
/// object must be the one the full `Route` gives, and iproute2's own for every kind of route.
@Suite(.needsNetns)
struct RouteStoreJSONTests {
    @Test("routes written in place from the store, and through the batch's cache, equal the full Route's JSON byte for byte and `ip -j -d route show table all`")
    func inPlaceJSONMatchesIP() throws {
        let rich = try RichNamespace("storejson")
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: rich.node.name, names: .iproute2Defaults, host: "node")
        let encoder = IPRouteJSON(snapshot: snapshot, options: .init(detailed: true, includeFamily: false))
        var cache = IPRouteShapeCache(encoder: encoder)
        for family in AddressFamily.allCases {
            let flag = family == .inet ? "-4" : "-6"
            var unmatched = try ipJSON(rich.node.ip("\(flag) -j -d route show table all"))
            for position in snapshot.routes.indices(of: family) {
                var writer = JSONWriter()
                encoder.write(snapshot.routes, at: position, to: &writer)
                let text = writer.text
                #expect(text == encoder.text(snapshot.routes[position]))
                // The batch's cache of route shapes, filled (first pass) and hit (second).
                for _ in 0..<2 {
                    var cached = JSONWriter()
                    cache.write(snapshot.routes, at: position, to: &cached)
                    let cachedText = cached.text
                    #expect(cachedText == text)
                }
                let object = try #require(try JSONValue.parse(text).objectValue)
                // `expires` counts down between the two reads; metrics are compared on their own.
                let match = unmatched.firstIndex {
                    jsonDifferences(object, $0, ignore: { $0 == "expires" || $0 == "metrics" }).isEmpty
                        && metricsAgree(object["metrics"], $0["metrics"])
                }
                #expect(match != nil, "\(text) is none of iproute2's \(unmatched)")
                if let match { unmatched.remove(at: match) }
            }
            #expect(unmatched.isEmpty, "\(family.name): iproute2 has more routes: \(unmatched)")
        }
    }

    /// `"metrics":[{...}]` equal member for member, but for the `"locked"` list podroute adds
    /// (iproute2's JSON does not say which metrics are locked).
    private func metricsAgree(_ ours: JSONValue?, _ theirs: Any?) -> Bool {
        guard let ours else { return theirs == nil }
        guard let mine = ours.arrayValue, let other = theirs as? [[String: Any]], mine.count == other.count else { return false }
        return zip(mine, other).allSatisfy { pair in
            pair.0.objectValue.map { jsonDifferences($0, pair.1, ignore: { $0 == "locked" }).isEmpty } ?? false
        }
    }
}
