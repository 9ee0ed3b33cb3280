import PodRouteCore

/// podroute's own members, written after everything iproute2 prints.
enum PodRouteJSONExtras {
    static func link(_ link: Link, classifier: CNIClassifier) -> IPJSONExtra {
        var members: [(String, JSONValue)] = [("role", .string((classifier.role(of: link.index) ?? .other).rawValue))]
        if let pod = classifier.pod(of: link.index) { members.append(("pod", .string(pod.description))) }
        if link.isInferred { members.append(("inferred", .bool(true))) }
        return .members(members)
    }

    static func route(_ route: Route, classifier: CNIClassifier) -> IPJSONExtra {
        let classification = classifier.classify(route)
        var members: [(String, JSONValue)] = [("role", .string(classification.role.rawValue))]
        if let encapsulation = classification.encapsulation { members.append(("encap", .string(encapsulation.rawValue))) }
        if let node = classification.node { members.append(("node", .string(node.description))) }
        if let pod = classification.pod { members.append(("pod", .string(pod.description))) }
        return .members(members)
    }
}

/// `podroute links --json`: `ip -j -d addr show` plus `role` and `pod`.
enum LinksJSONOutput {
    static func write(snapshot: NetworkSnapshot, classifier: CNIClassifier) {
        let encoder = IPAddressJSON(snapshot: snapshot)
        var writer = JSONWriter()
        writer.beginArray()
        for link in snapshot.links {
            encoder.write(link, to: &writer, extra: PodRouteJSONExtras.link(link, classifier: classifier))
            writer.drain(to: OutputBuffer.standardOutputSink)
        }
        writer.endArray()
        writer.newline()
        writer.flush(to: OutputBuffer.standardOutputSink)
    }
}

/// `podroute routes --json`: `ip -j -d route show table all` of both families plus `family`,
/// `role`, `encap`, `node` and `pod`, streamed in 64 KiB chunks.
enum RoutesJSONOutput {
    static func write(snapshot: NetworkSnapshot, classifier: CNIClassifier, filter: RouteFilter) {
        let encoder = IPRouteJSON(snapshot: snapshot)
        var writer = JSONWriter()
        writer.beginArray()
        for index in filter.indices(in: snapshot.routes) {
            let route = snapshot.routes[index]
            guard filter.accepts(route) else { continue }
            encoder.write(route, to: &writer, extra: PodRouteJSONExtras.route(route, classifier: classifier))
            writer.drain(to: OutputBuffer.standardOutputSink)
        }
        writer.endArray()
        writer.newline()
        writer.flush(to: OutputBuffer.standardOutputSink)
    }
}

/// `podroute rules --json`: what `ip -j -d rule` prints for each family, plus `family`.
enum RulesJSONOutput {
    static func write(snapshot: NetworkSnapshot) {
        let encoder = IPRuleJSON(names: snapshot.names, options: .init(detailed: true, includeFamily: true))
        var writer = JSONWriter()
        writer.beginArray()
        for rule in snapshot.rules { encoder.write(rule, to: &writer) }
        writer.endArray()
        writer.newline()
        writer.flush(to: OutputBuffer.standardOutputSink)
    }
}
