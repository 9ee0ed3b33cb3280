import FoundationEssentials

/// A staged change to one host's routing table, as data: what `podroute plan -o` writes, what
/// an operator reviews and edits in a change ticket, and what `podroute apply` validates again
/// and executes. Encoded by `RoutePlanJSON` (versioned, no checksum: apply re-validates).
public struct RoutePlan: Equatable, Sendable {
    /// The document version written in `"version"`; readers refuse other versions.
    public static let formatVersion: UInt64 = 1

    /// The host the plan is for and how podroute read it.
    public var target: PlanTarget
    /// The changes in the order to apply them; rollback applies their inverses in reverse.
    public var operations: [RouteOperation]
    /// What the target looked like when the plan was computed: apply refuses when the live
    /// state has drifted from it. Device names in `operations` resolve against its links.
    public var preState: PlanPreState
    /// What the planner wants the reviewer to know (single points of failure, forced refusals).
    public var warnings: [String]
    public var createdAt: Date
    /// `podroute 0.1.0`: the tool that wrote the plan.
    public var toolVersion: String

    public init(target: PlanTarget, operations: [RouteOperation], preState: PlanPreState, warnings: [String] = [],
                createdAt: Date, toolVersion: String) {
        self.target = target
        self.operations = operations
        self.preState = preState
        self.warnings = warnings
        self.createdAt = createdAt
        self.toolVersion = toolVersion
    }

    /// The device name of an index in this plan (`if7` when the pre-state does not know it).
    public func deviceName(_ index: InterfaceIndex) -> String {
        preState.links.first { $0.index == index }?.name ?? "if\(index.rawValue)"
    }

    /// The operations with their devices re-bound by name to `live`'s interface indexes: an
    /// index in a plan is only the pre-state's, and a device may have been re-created since.
    public func operations(boundTo live: NetworkSnapshot) throws(RoutePlanError) -> [RouteOperation] {
        var problems: [String] = []
        func rebind(_ index: InterfaceIndex?, _ path: String) -> InterfaceIndex? {
            guard let index else { return nil }
            let name = deviceName(index)
            guard let link = live.link(named: name) else {
                problems.append(".\(path): device '\(Sanitizer.printable(name))' does not exist on \(live.host)")
                return index
            }
            return link.index
        }
        func rebind(_ route: Route, _ path: String) -> Route {
            var route = route
            route.device = rebind(route.device, "\(path).dev")
            for position in route.nexthops.indices {
                route.nexthops[position].device = rebind(route.nexthops[position].device, "\(path).nexthops[\(position)].dev")
            }
            return route
        }
        let bound = operations.enumerated().map { position, operation in
            RouteOperation(operation.action, rebind(operation.route, "operations[\(position)].route"),
                           previous: operation.previous.map { rebind($0, "operations[\(position)].previous") })
        }
        if !problems.isEmpty { throw RoutePlanError(problems) }
        return bound
    }
}

/// The host a plan is for: its name and where its state was read (a namespace, a capture,
/// `ssh://host`, the local host), so that apply can say which host it expects.
public struct PlanTarget: Hashable, Sendable {
    public var name: String
    public var source: SnapshotSource

    public init(name: String, source: SnapshotSource) {
        self.name = name
        self.source = source
    }
}

/// The part of the target's state a plan depends on: all its links and addresses (to resolve
/// device names and connected subnets), and its routes in the tables the plan touches that
/// overlap the planned destinations, plus the default routes (the management path).
public struct PlanPreState: Equatable, Sendable {
    public var links: [Link]
    public var addresses: [InterfaceAddress]
    public var routes: [Route]
    /// The target's names for tables and protocols (its /etc/iproute2 files).
    public var names: IPNames

    public init(links: [Link], addresses: [InterfaceAddress], routes: [Route], names: IPNames = .iproute2Defaults) {
        self.links = links
        self.addresses = addresses
        self.routes = routes
        self.names = names
    }

    /// The pre-state of `snapshot` for operations on `destinations` in `tables`. Links keep
    /// only what identifies them and their state; counters would make every plan differ.
    public init(of snapshot: NetworkSnapshot, destinations: [IPPrefix], tables: Set<RouteTableID>) {
        links = snapshot.links.filter { !$0.isInferred }.map(Self.essential)
        addresses = snapshot.addresses
        routes = snapshot.routes.filter { route in
            tables.contains(route.table) && !route.flags.contains(.cloned)
                && (route.destination.isDefault || destinations.contains { $0.overlaps(route.destination) })
        }
        names = snapshot.names
    }

    /// The pre-state as a snapshot of `host` (for lookups and validation).
    public func snapshot(host: String, source: SnapshotSource) -> NetworkSnapshot {
        NetworkSnapshot(host: host, source: source, links: links, addresses: addresses, routes: RouteStore(routes),
                        names: names)
    }

    static func essential(_ link: Link) -> Link {
        Link(index: link.index, name: link.name, altNames: link.altNames, flags: link.flags, mtu: link.mtu,
             operState: link.operState, linkType: link.linkType, address: link.address, master: link.master,
             group: link.group, kind: link.kind)
    }
}

/// Why a plan cannot be read or used: one sentence per problem, each naming its JSON path.
public struct RoutePlanError: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [String]

    public init(_ problems: [String]) { self.problems = problems }
    public init(_ problem: String) { problems = [problem] }

    public var description: String { problems.joined(separator: "\n") }
}
