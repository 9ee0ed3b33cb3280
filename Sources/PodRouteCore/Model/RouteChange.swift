/// One route notification from the kernel (`RTM_NEWROUTE` / `RTM_DELROUTE`).
public enum RouteChange: Sendable, Equatable {
    /// A new route; `replacing` when the kernel says it replaced the route with the same key
    /// (`NLM_F_REPLACE` on the notification).
    case added(Route, replacing: Bool)
    case removed(Route)
}

extension RouteStore {
    /// The store after a batch of notifications, in order. Removed routes are matched by
    /// identity (everything but the flags the kernel flips silently and the expiry countdown);
    /// replacements by the kernel's key. Adding a route that is already there changes nothing,
    /// so notifications that overlap a fresh dump are harmless. One pass per batch.
    public func applying(_ changes: [RouteChange]) -> RouteStore {
        guard !changes.isEmpty else { return self }
        var pending = PendingChanges()
        for change in changes {
            switch change {
            case .added(let route, let replacing): pending.add(route, replacing: replacing)
            case .removed(let route): pending.remove(route)
            }
        }
        var result = RouteStore()
        for route in self {
            // Most routes are untouched by a batch: one hash of the prefix tells.
            guard pending.touches(route.destination) else {
                result.append(route)
                continue
            }
            switch pending.fate(of: route) {
            case .keep: result.append(route)
            case .drop: break
            case .replace(let new): result.append(new)
            }
            pending.alreadyPresent(route)
        }
        // A replacement whose route was not there is an addition.
        for route in pending.unmatchedReplacements + pending.additions { result.append(route) }
        return result
    }
}

/// A route's identity for matching a deletion against the stored copy.
struct RouteIdentity: Hashable {
    let route: Route

    init(_ route: Route) {
        var copy = route
        copy.flags.subtract(RouteFlags.volatile)
        copy.expires = nil
        for index in copy.nexthops.indices { copy.nexthops[index].flags.subtract(RouteFlags.volatile) }
        self.route = copy
    }
}

/// The key under which the kernel replaces a route (`NLM_F_REPLACE`): IPv4 keys on
/// table, prefix, TOS and priority (fib_table_insert); IPv6 on table, prefix, source and metric.
struct RouteReplaceKey: Hashable {
    let family: AddressFamily
    let table: RouteTableID
    let destination: IPPrefix
    let source: IPPrefix?
    let tos: UInt8
    let metric: UInt32

    init(_ route: Route) {
        family = route.family
        table = route.table
        destination = route.destination
        source = route.family == .inet6 ? route.source : nil
        tos = route.tos
        metric = route.effectiveMetric
    }
}

extension RouteFlags {
    /// Flags the kernel changes without a route notification (carrier and offload state).
    static let volatile: RouteFlags = [.dead, .linkdown, .offload, .trap, .routeOffload, .routeTrap, .routeOffloadFailed]
}

private struct PendingChanges {
    enum Fate { case keep, drop, replace(Route) }

    private(set) var additions: [Route] = []
    /// Every destination a pending change names.
    private var touched = Set<IPPrefix>()

    func touches(_ destination: IPPrefix) -> Bool { touched.contains(destination) }
    private var removals: [RouteIdentity: Int] = [:]
    private var replacements: [RouteReplaceKey: Route] = [:]
    private var replacementOrder: [RouteReplaceKey] = []

    /// Replacements still waiting after the pass, in arrival order.
    var unmatchedReplacements: [Route] { replacementOrder.compactMap { replacements[$0] } }

    mutating func add(_ route: Route, replacing: Bool) {
        touched.insert(route.destination)
        if replacing {
            let key = RouteReplaceKey(route)
            if let position = additions.firstIndex(where: { RouteReplaceKey($0) == key }) {
                additions[position] = route
            } else {
                if replacements[key] == nil { replacementOrder.append(key) }
                replacements[key] = route
            }
        } else {
            additions.append(route)
        }
    }

    mutating func remove(_ route: Route) {
        touched.insert(route.destination)
        let identity = RouteIdentity(route)
        if let position = additions.firstIndex(where: { RouteIdentity($0) == identity }) {
            additions.remove(at: position)
        } else {
            removals[identity, default: 0] += 1
        }
    }

    /// Drops a pending addition identical to a route the store already holds.
    mutating func alreadyPresent(_ route: Route) {
        guard !additions.isEmpty else { return }
        let identity = RouteIdentity(route)
        additions.removeAll { RouteIdentity($0) == identity }
    }

    mutating func fate(of route: Route) -> Fate {
        if !removals.isEmpty {
            let identity = RouteIdentity(route)
            if let count = removals[identity] {
                removals[identity] = count > 1 ? count - 1 : nil
                return .drop
            }
        }
        if !replacements.isEmpty, let new = replacements.removeValue(forKey: RouteReplaceKey(route)) {
            return .replace(new)
        }
        return .keep
    }
}
