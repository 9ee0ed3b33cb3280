import PodRouteApply
import PodRouteCore
import PodRouteNetlink

/// A plan file turned into a change for the live target: devices re-bound by name to the
/// target's interface indexes (the plan's indexes are only its pre-state's).
enum PlanChange {
    /// `asserted`: `--target-host NAME`, the operator's word that this host is the plan's target.
    static func load(_ path: String, namespace: String?, asserted: String? = nil) throws -> (plan: RoutePlan, request: ChangeRequest) {
        let (text, plan) = try read(path)
        let request = try self.request(for: plan, document: try? JSONValue.parse(text, strict: true), namespace: namespace,
                                       named: path, asserted: asserted)
        return (plan, request)
    }

    private static func read(_ path: String) throws -> (text: String, plan: RoutePlan) {
        let text = try FileAccess.readText(path)
        do { return (text, try RoutePlanJSON.decode(text)) } catch {
            throw CLIFailure(Sanitizer.printable("\(path): \(error.problems.joined(separator: "; "))"))
        }
    }

    /// Of several plan files (a chain's, one per host: `plan-gw.json plan-office.json`), the one
    /// for this host: the one whose target it is (`HostIdentity`), or with `asserted`, the one
    /// whose target has that name. Exactly one must fit.
    static func pick(_ paths: [String], namespace: String?, asserted: String?) throws -> String {
        guard paths.count > 1 else { return paths[0] }
        let plans = try paths.map { (path: $0, plan: try read($0).plan) }
        let fitting: [(path: String, plan: RoutePlan)]
        if let asserted {
            fitting = plans.filter { $0.plan.target.name == asserted }
        } else {
            let live: HostIdentity
            do { live = HostIdentity(addresses: try RTNetlink.addresses(in: namespace)) } catch { throw CLIFailure(error.description) }
            fitting = plans.filter { $0.plan.targetIdentity.match(live) == .same }
        }
        guard fitting.count == 1 else {
            let here = namespace.map { "netns \($0)" } ?? HostInfo.name()
            let each = plans.map { "\($0.path) is for \($0.plan.target.madeFrom)" }.joined(separator: "; ")
            let how = asserted.map { "named \($0) by --target-host" } ?? "for this host (\(here))"
            throw CLIFailure(Sanitizer.printable("\(fitting.isEmpty ? "none" : "\(fitting.count)") of the \(plans.count) plans "
                                                 + "\(fitting.count > 1 ? "are" : "is") \(how): \(each); nothing was applied"))
        }
        return fitting[0].path
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
