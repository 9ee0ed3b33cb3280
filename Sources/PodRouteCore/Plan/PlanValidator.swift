/// Checks planned routes against the target's table and turns them into operations: an
/// identical route is a no-op, a different route in the same slot is replaced (a refusal
/// unless forced), and overlaps with connected subnets, the default route or other routes
/// (shadowing either way) are refusals that show both routes.
public struct PlanValidator {
    public let target: NetworkSnapshot
    private let text: RouteText

    public init(target: NetworkSnapshot) {
        self.target = target
        text = RouteText(snapshot: target)
    }

    public struct Result: Sendable {
        public var operations: [RouteOperation] = []
        public var issues: [PlanIssue] = []
    }

    public func validate(_ planned: [Route]) -> Result {
        var result = Result()
        var seen: [Route] = []
        for route in planned {
            if seen.contains(where: { RouteTableEdit.sameSlot($0, route) }) {
                result.issues.append(PlanIssue(.error, "\(route.destination) is planned twice"))
                continue
            }
            seen.append(route)
            let existing = target.routes.filter { candidate in
                candidate.table == route.table && candidate.family == route.family && !candidate.flags.contains(.cloned)
            }
            if let same = existing.first(where: { RouteTableEdit.sameSlot($0, route) }) {
                if RouteTableEdit.forwardsAlike(same, route) {
                    result.issues.append(PlanIssue(.warning, "\(route.destination) is already routed so on \(target.host) "
                                                   + "('\(line(same))'); nothing to do"))
                    continue
                }
                result.issues.append(PlanIssue(.refusal, "\(route.destination) already has a route on \(target.host): "
                                               + "'\(line(same))'; the plan replaces it with '\(line(route))'"))
                result.operations.append(RouteOperation(.replace, route, previous: same))
            } else {
                result.operations.append(RouteOperation(.add, route))
            }
            if route.destination.isDefault {
                result.issues.append(PlanIssue(.refusal, "\(route.destination) is the default route: the plan would redirect "
                                               + "all of \(target.host)'s traffic without a more specific route"))
            }
            overlaps(route, existing: existing, into: &result)
        }
        return result
    }

    private func overlaps(_ route: Route, existing: [Route], into result: inout Result) {
        let destination = route.destination
        for address in target.addresses where address.family == route.family && address.scope == .universe {
            let subnet = address.subnet
            guard subnet.overlaps(destination), !subnet.isHost || destination.contains(subnet) else { continue }
            result.issues.append(PlanIssue(.refusal, "\(destination) overlaps \(target.host)'s connected subnet \(subnet) on "
                                           + "\(text.deviceName(address.interface)): "
                                           + (destination.contains(subnet)
                                              ? "the connected route stays more specific, but the rest of the route is ambiguous"
                                              : "hosts on that LAN would be routed away from it")))
        }
        for other in existing where !RouteTableEdit.sameSlot(other, route) && !other.destination.isDefault {
            guard other.destination.overlaps(destination), other.proto != .kernel,
                  ![.local, .broadcast, .anycast, .multicast].contains(other.type) else { continue }
            if other.destination.contains(destination) {
                result.issues.append(PlanIssue(.refusal, "\(destination) would shadow part of an existing route: "
                                               + "'\(line(other))' (the new, more specific route takes \(destination)); "
                                               + "planned: '\(line(route))'"))
            } else {
                result.issues.append(PlanIssue(.refusal, "\(destination) would be shadowed by an existing route: "
                                               + "'\(line(other))' keeps \(other.destination); planned: '\(line(route))'"))
            }
        }
    }

    private func line(_ route: Route) -> String { text.ipRouteLine(route) }
}
