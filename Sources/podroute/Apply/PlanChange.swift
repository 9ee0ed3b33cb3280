import PodRouteApply
import PodRouteCore
import PodRouteNetlink

/// A plan file turned into a change for the live target: devices re-bound by name to the
/// target's interface indexes (the plan's indexes are only its pre-state's).
enum PlanChange {
    /// `asserted`: `--target-host NAME`, the operator's word that this host is the plan's target.
    static func load(_ path: String, namespace: String?, asserted: String? = nil) throws -> (plan: RoutePlan, request: ChangeRequest) {
        let text = try FileAccess.readText(path)
        let plan: RoutePlan
        do { plan = try RoutePlanJSON.decode(text) } catch {
            throw CLIFailure(Sanitizer.printable("\(path): \(error.problems.joined(separator: "; "))"))
        }
        let request = try self.request(for: plan, document: try? JSONValue.parse(text, strict: true), namespace: namespace,
                                       named: path, asserted: asserted)
        return (plan, request)
    }

    /// The change for a plan already in memory (the TUI's), against the live `namespace`.
    /// `document` is what the journal records as the plan (the file as given, or the plan's JSON).
    /// The plan's target is checked against the live host when the change is previewed and
    /// again under the apply lock (`TargetCheck`).
    static func request(for plan: RoutePlan, document: JSONValue?, namespace: String?, named name: String = "the plan",
                        asserted: String? = nil) throws -> ChangeRequest {
        let check = TargetCheck(target: plan.target, identity: plan.targetIdentity,
                                here: namespace.map { "netns \($0)" } ?? HostInfo.name(), asserted: asserted)
        let live: NetworkSnapshot
        do {
            let links = try RTNetlink.links(in: namespace)
            // Another host first: its devices would not fit either, but that is not the news.
            if let refusal = check.refusal(live: try RTNetlink.addresses(in: namespace)) { throw CLIFailure(refusal) }
            live = NetworkSnapshot(host: namespace ?? HostInfo.name(), source: namespace.map { .namespace($0) } ?? .live, links: links)
        } catch let error as NetlinkError {
            throw CLIFailure(error.description)
        }
        let operations: [RouteOperation]
        do { operations = try plan.operations(boundTo: live) } catch {
            throw CLIFailure(Sanitizer.printable("\(name) does not fit this host: \(error.problems.joined(separator: "; "))"))
        }
        return ChangeRequest(operations: operations, preState: plan.preState.routes.map { rebind($0, plan: plan, live: live) },
                             namespace: namespace, targetHost: plan.target.name,
                             plan: document ?? (try? JSONValue.parse(RoutePlanJSON.text(plan), strict: true)),
                             targetCheck: check)
    }

    /// A pre-state route with its devices named as the live host names them. A device the host
    /// no longer has keeps no index, so the route cannot match a live one: that is drift.
    private static func rebind(_ route: Route, plan: RoutePlan, live: NetworkSnapshot) -> Route {
        func index(_ old: InterfaceIndex?) -> InterfaceIndex? {
            guard let old else { return nil }
            return live.link(named: plan.deviceName(old))?.index ?? InterfaceIndex(0)
        }
        var route = route
        route.device = index(route.device)
        for position in route.nexthops.indices { route.nexthops[position].device = index(route.nexthops[position].device) }
        return route
    }
}
