/// Refuses changes that would cut the operator off: a change of the route back to the SSH
/// client, of the route to the target's default gateway (its management path), or of any
/// route covering the subnet the SSH session arrived on.
public struct LockoutGuard {
    public let before: NetworkSnapshot
    public let after: NetworkSnapshot

    public init(before: NetworkSnapshot, after: NetworkSnapshot) {
        self.before = before
        self.after = after
    }

    public func issues(session: SSHSession?, planned: [Route]) -> [PlanIssue] {
        var issues: [PlanIssue] = []
        let beforeLookup = RouteLookup(snapshot: before), afterLookup = RouteLookup(snapshot: after)
        var probes: [(IPAddress, String)] = []
        if let session { probes.append((session.client, "your SSH client \(session.client) (\(session.variable))")) }
        let gateways = before.routes.filter { $0.table == .main && $0.destination.isDefault }.flatMap(\.hops).compactMap(\.gateway)
        for gateway in Set(gateways).sorted() { probes.append((gateway, "\(before.host)'s default gateway \(gateway)")) }
        for (address, label) in probes {
            let old = PathDescription(beforeLookup, address), new = PathDescription(afterLookup, address)
            guard old != new else { continue }
            issues.append(PlanIssue(.refusal, "lockout: the route to \(label) changes from \(old) to \(new); "
                                    + "the session could be cut (--force only if you are sure)"))
        }
        if let local = session?.local,
           let arrival = before.addresses.first(where: { $0.local == local }) {
            let subnet = arrival.subnet
            for route in planned where route.destination.overlaps(subnet) && !route.destination.contains(subnet) {
                issues.append(PlanIssue(.refusal, "lockout: \(route.destination) covers part of \(subnet), the subnet of "
                                        + "\(before.deviceName(arrival.interface)) that your SSH session arrives on (\(local))"))
            }
        }
        return issues
    }
}

/// What a lookup answered, as words: `'10.21.0.0/16 via 10.20.1.22 dev eth1 proto static'`,
/// `no route`, a rule's action. Equal descriptions mean the packet goes the same way.
public struct PathDescription: Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ lookup: RouteLookup, _ address: IPAddress) {
        let result = lookup.lookup(RouteQuery(destination: address))
        switch result.outcome {
        case .route(let index):
            description = "'\(RouteText(snapshot: lookup.snapshot).ipRouteLine(lookup.snapshot.routes[index]))'"
        case .ruleAction(let action):
            description = "rule \(result.rule.map { String($0.priority) } ?? "?") (\(action))"
        case .noRoute:
            description = "no route (unreachable)"
        }
    }
}
