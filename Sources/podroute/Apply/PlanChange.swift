import PodRouteApply
import PodRouteCore
import PodRouteNetlink

/// A plan file turned into a change for the live target: devices re-bound by name to the
/// target's interface indexes (the plan's indexes are only its pre-state's).
enum PlanChange {
    static func load(_ path: String, namespace: String?) throws -> (plan: RoutePlan, request: ChangeRequest) {
        let text = try FileAccess.readText(path)
        let plan: RoutePlan
        do { plan = try RoutePlanJSON.decode(text) } catch {
            throw CLIFailure(Sanitizer.printable("\(path): \(error.problems.joined(separator: "; "))"))
        }
        let request = try self.request(for: plan, document: try? JSONValue.parse(text, strict: true), namespace: namespace,
                                       named: path)
        return (plan, request)
    }

    /// The change for a plan already in memory (the TUI's), against the live `namespace`.
    /// `document` is what the journal records as the plan (the file as given, or the plan's JSON).
    static func request(for plan: RoutePlan, document: JSONValue?, namespace: String?, named name: String = "the plan") throws -> ChangeRequest {
        let live: NetworkSnapshot
        do {
            let links = try RTNetlink.links(in: namespace)
            live = NetworkSnapshot(host: namespace ?? HostInfo.name(), source: namespace.map { .namespace($0) } ?? .live, links: links)
        } catch {
            throw CLIFailure(error.description)
        }
        let operations: [RouteOperation]
        do { operations = try plan.operations(boundTo: live) } catch {
            throw CLIFailure(Sanitizer.printable("\(name) does not fit this host: \(error.problems.joined(separator: "; "))"))
        }
        return ChangeRequest(operations: operations, preState: plan.preState.routes.map { rebind($0, plan: plan, live: live) },
                             namespace: namespace, targetHost: plan.target.name,
                             plan: document ?? (try? JSONValue.parse(RoutePlanJSON.text(plan), strict: true)))
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
