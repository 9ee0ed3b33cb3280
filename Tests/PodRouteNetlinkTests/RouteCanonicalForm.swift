import Foundation
import PodRouteCore

/// One line per route in a form both `ip -j -d route show table all` and a decoded `Route` can
/// produce, so the two compare as multisets. `expires` keeps only its presence (it ticks).
enum RouteCanonicalForm {
    static func line(ip object: [String: Any]) -> String {
        var fields: [String] = []
        func add(_ key: String, _ value: Any?) { if let value { fields.append("\(key)=\(value)") } }
        add("type", object["type"])
        add("dst", object["dst"])
        add("from", object["src"])
        add("tos", object["tos"])
        add("table", object["table"])
        add("proto", object["protocol"])
        add("scope", object["scope"])
        add("metric", object["metric"])
        add("gateway", object["gateway"])
        if let via = object["via"] as? [String: Any] { add("via", via["host"]) }
        add("dev", object["dev"])
        add("prefsrc", object["prefsrc"])
        add("flags", (object["flags"] as? [String])?.joined(separator: ","))
        add("pref", object["pref"])
        if let metrics = object["metrics"] as? [[String: Any]] {
            let pairs = metrics.flatMap { $0.map { "\($0.key):\($0.value)" } }.sorted()
            add("metrics", pairs.joined(separator: ","))
        }
        if object["expires"] != nil { add("expires", "yes") }
        add("nhid", object["nhid"])
        if let hops = object["nexthops"] as? [[String: Any]] {
            let text = hops.map { hop in
                var parts = ["\(hop["gateway"] ?? "-")", "\(hop["dev"] ?? "-")", "w\(hop["weight"] ?? 1)",
                             ((hop["flags"] as? [String]) ?? []).joined(separator: ",")]
                if let via = hop["via"] as? [String: Any] { parts[0] = "via \(via["host"] ?? "-")" }
                return parts.joined(separator: " ")
            }
            add("nexthops", text.joined(separator: " | "))
        }
        return fields.joined(separator: " ")
    }

    static func line(_ route: Route, names: IPNames, deviceName: (InterfaceIndex) -> String) -> String {
        var fields: [String] = []
        func add(_ key: String, _ value: Any?) { if let value { fields.append("\(key)=\(value)") } }
        add("type", route.type.name)
        add("dst", prefixText(route.destination))
        add("from", route.source.map(prefixText))
        add("tos", route.tos == 0 ? nil : String(format: "0x%x", route.tos))
        add("table", names.name(of: route.table))
        add("proto", names.name(of: route.proto))
        add("scope", names.name(of: route.scope))
        add("metric", route.metric)
        add("gateway", route.gateway?.description)
        add("via", route.via?.description)
        add("dev", route.device.map(deviceName))
        add("prefsrc", route.preferredSource?.description)
        add("flags", route.flags.names.joined(separator: ","))
        add("pref", route.preference?.name)
        if !route.metrics.values.isEmpty {
            let pairs = route.metrics.values.compactMap { metric in metric.kind.name.map { "\($0):\(metric.value)" } }.sorted()
            add("metrics", pairs.joined(separator: ","))
        }
        if route.expires != nil { add("expires", "yes") }
        add("nhid", route.nexthopID)
        if !route.nexthops.isEmpty {
            let text = route.nexthops.map { hop in
                [hop.via.map { "via \($0)" } ?? hop.gateway?.description ?? "-", hop.device.map(deviceName) ?? "-",
                 "w\(hop.weight)", hop.flags.names.joined(separator: ",")].joined(separator: " ")
            }
            add("nexthops", text.joined(separator: " | "))
        }
        return fields.joined(separator: " ")
    }

    /// iproute2's destination text: `default` for /0, the bare address for a host prefix.
    static func prefixText(_ prefix: IPPrefix) -> String {
        if prefix.isDefault { return "default" }
        return prefix.isHost ? prefix.address.description : prefix.description
    }
}
