/// Route fields as short text, the way `ip route` words them; shared by the CLI tables and
/// the TUI. Names from the kernel are sanitised here, once.
public struct RouteText: Sendable {
    public let snapshot: NetworkSnapshot

    public init(snapshot: NetworkSnapshot) { self.snapshot = snapshot }

    /// `default`, a host address without `/32`, or `prefix/len`; `from SRC` appended when set.
    public func destination(_ route: Route) -> String {
        var text = Self.prefix(route.destination)
        if let source = route.source { text += " from " + Self.prefix(source) }
        return text
    }

    public static func prefix(_ prefix: IPPrefix) -> String {
        if prefix.isDefault { return "default" }
        return prefix.isHost ? prefix.address.description : prefix.description
    }

    /// The next hop(s): `10.20.1.24`, several for multipath, or the type of a non-unicast route.
    public func via(_ route: Route) -> String {
        // Discarding and local-table types have no next hop worth showing: the type says it all.
        if route.type != .unicast { return route.type.name }
        let hops = route.hops.compactMap { hop -> String? in
            guard let gateway = hop.gateway ?? hop.via else { return nil }
            return route.nexthops.count > 1 && hop.weight != 1 ? "\(gateway)*\(hop.weight)" : gateway.description
        }
        return hops.joined(separator: ",")
    }

    /// The device(s), with `onlink` / `linkdown` / `dead` when the kernel flags them.
    public func device(_ route: Route) -> String {
        var names: [String] = []
        for hop in route.hops {
            guard let device = hop.device else { continue }
            let name = deviceName(device)
            if !names.contains(name) { names.append(name) }
        }
        var text = names.joined(separator: ",")
        let flags = route.flags.union(route.nexthops.reduce(RouteFlags()) { $0.union($1.flags) })
        for (flag, word) in [(RouteFlags.onlink, "onlink"), (.linkdown, "linkdown"), (.dead, "dead")] where flags.contains(flag) {
            text += " " + word
        }
        return text
    }

    public func deviceName(_ index: InterfaceIndex) -> String {
        Sanitizer.printable(snapshot.deviceName(index))
    }

    public func proto(_ route: Route) -> String { snapshot.names.name(of: route.proto) }
    public func scope(_ route: Route) -> String { snapshot.names.name(of: route.scope) }
    public func table(_ route: Route) -> String { snapshot.names.name(of: route.table) }
    public func metric(_ route: Route) -> String { route.metric.map(String.init) ?? "" }

    /// `remote-block ipip -> node 10.20.1.24`, `workload default/nginx`, `local-block`.
    public func role(_ classification: RouteClassification) -> String {
        var text = classification.role.rawValue
        if let encapsulation = classification.encapsulation { text += " " + encapsulation.rawValue }
        if let node = classification.node { text += " → node \(node)" }
        if let pod = classification.pod { text += " " + Sanitizer.printable(pod.description) }
        return text
    }

    /// The route as one `ip route` line, every field spelled out (for plans and explanations).
    public func ipRouteLine(_ route: Route) -> String {
        var words: [String] = []
        if route.type != .unicast { words.append(route.type.name) }
        words.append(destination(route))
        if route.nexthops.isEmpty {
            if let gateway = route.gateway { words += ["via", gateway.description] }
            if let device = route.device { words += ["dev", deviceName(device)] }
        }
        if route.table != .main { words += ["table", table(route)] }
        if route.proto != .boot { words += ["proto", proto(route)] }
        if route.scope != .universe { words += ["scope", scope(route)] }
        if let source = route.preferredSource { words += ["src", source.description] }
        if let metric = route.metric, metric != 0 || route.family == .inet6 { words += ["metric", String(metric)] }
        for name in route.flags.names { words.append(name) }
        for value in route.metrics.values { if let name = value.kind.name { words += [name, String(value.value)] } }
        for hop in route.nexthops {
            words.append("nexthop")
            if let gateway = hop.gateway { words += ["via", gateway.description] }
            if let device = hop.device { words += ["dev", deviceName(device)] }
            words += ["weight", String(hop.weight)]
            words += hop.flags.names
        }
        return words.joined(separator: " ")
    }
}
