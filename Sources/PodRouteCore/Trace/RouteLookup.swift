/// The kernel's route selection computed from a snapshot: policy rules in priority order,
/// then, in each table they name, the longest matching prefix whose route is usable
/// (net/core/fib_rules.c, net/ipv4/fib_trie.c fib_table_lookup, net/ipv6/route.c).
///
/// Multipath routes are returned whole: the kernel picks one next hop by a per-boot hash.
public struct RouteLookup: Sendable {
    public let snapshot: NetworkSnapshot
    private var tables4: [RouteTableID: PrefixIndex<IPv4Address>] = [:]
    private var tables6: [RouteTableID: PrefixIndex<IPv6Address>] = [:]
    private let rules4: [Rule]
    private let rules6: [Rule]
    /// Devices whose configuration ignores routes through them while they lack carrier.
    private let ignoresLinkdown: Set<InterfaceIndex>

    public init(snapshot: NetworkSnapshot) {
        self.snapshot = snapshot
        let routes = snapshot.routes
        for index in routes.indices {
            let route = routes[index]
            // Cache entries and routes that only exist for multicast forwarding are not candidates.
            if route.flags.contains(.cloned) { continue }
            switch route.destination.address {
            case .v4(let address):
                tables4[route.table, default: PrefixIndex()].insert(address, length: route.destination.length, route: Int32(index))
            case .v6(let address):
                tables6[route.table, default: PrefixIndex()].insert(address, length: route.destination.length, route: Int32(index))
            }
        }
        rules4 = snapshot.effectiveRules(.inet)
        rules6 = snapshot.effectiveRules(.inet6)
        var linkdown = Set<InterfaceIndex>()
        let allIgnore = snapshot.forwarding.contains { $0.scope == .all && $0.ignoreRoutesWithLinkdown == true }
        for entry in snapshot.forwarding {
            if case .interface(let index) = entry.scope, entry.ignoreRoutesWithLinkdown == true || allIgnore {
                linkdown.insert(index)
            }
        }
        ignoresLinkdown = linkdown
    }

    /// What the kernel would answer for `ip route get` with these parameters.
    public func lookup(_ query: RouteQuery) -> LookupResult {
        let rules = query.family == .inet ? rules4 : rules6
        var steps: [LookupStep] = []
        var position = 0
        while position < rules.count {
            let rule = rules[position]
            position += 1
            guard matches(rule, query) else { continue }
            switch rule.action {
            case .goto:
                // Jump to the first rule at or after the target priority.
                guard let target = rule.gotoTarget,
                      let next = rules.firstIndex(where: { $0.priority >= target && $0.priority > rule.priority }) else { continue }
                position = next
                continue
            case .nop:
                continue
            case .lookup:
                let table = rule.table
                steps.append(.ruleMatched(priority: rule.priority, table: table))
                switch lookup(query, in: table, steps: &steps) {
                case .miss(let threw):
                    steps.append(.tableMissed(table, threw: threw))
                    continue
                case .found(let index, let length):
                    if let suppress = rule.suppressPrefixLength, UInt32(length) <= suppress {
                        steps.append(.suppressed(table, prefixLength: length))
                        continue
                    }
                    return LookupResult(outcome: .route(index: index), rule: rule, steps: steps)
                }
            default:
                return LookupResult(outcome: .ruleAction(rule.action), rule: rule, steps: steps)
            }
        }
        return LookupResult(outcome: .noRoute, rule: nil, steps: steps)
    }

    private enum TableAnswer {
        case miss(threw: Bool)
        case found(index: Int, prefixLength: UInt8)
    }

    private func lookup(_ query: RouteQuery, in table: RouteTableID, steps: inout [LookupStep]) -> TableAnswer {
        let buckets: [(length: UInt8, bucket: RouteBucket)]
        switch query.destination {
        case .v4(let address): buckets = tables4[table].map { Array($0.matches(address)) } ?? []
        case .v6(let address): buckets = tables6[table].map { Array($0.matches(address)) } ?? []
        }
        for (length, bucket) in buckets {
            let candidates = query.family == .inet6 ? orderedByMetric(bucket) : bucket.routes
            for candidate in candidates {
                let index = Int(candidate)
                let route = snapshot.routes[index]
                if route.tos != 0, route.tos != query.tos {
                    steps.append(.skipped(index: index, reason: .tos))
                    continue
                }
                if route.type == .throw { return .miss(threw: true) }
                // Discarding types answer at once, whatever their next hops (fib_props[].error).
                if route.type.discards { return .found(index: index, prefixLength: length) }
                if let reason = unusable(route, query) {
                    steps.append(.skipped(index: index, reason: reason))
                    continue
                }
                return .found(index: index, prefixLength: length)
            }
        }
        return .miss(threw: false)
    }

    /// IPv6 keeps routes of one prefix in metric order; a dump lists them so, but captures may not.
    private func orderedByMetric(_ bucket: RouteBucket) -> [Int32] {
        if bucket.isSingle { return bucket.routes }
        return bucket.routes.sorted { snapshot.routes[Int($0)].effectiveMetric < snapshot.routes[Int($1)].effectiveMetric }
    }

    /// Why a route cannot carry the packet, or nil when one of its next hops can.
    private func unusable(_ route: Route, _ query: RouteQuery) -> LookupStep.SkipReason? {
        let hops = route.hops
        if hops.isEmpty { return nil }  // local, broadcast and device-less routes
        var reason = LookupStep.SkipReason.dead
        for hop in hops {
            let flags = route.nexthops.isEmpty ? route.flags : hop.flags
            if flags.contains(.dead) { reason = .dead; continue }
            if flags.contains(.linkdown), let device = hop.device, ignoresLinkdown.contains(device) {
                reason = .linkdown
                continue
            }
            if let wanted = query.outputInterface, let device = hop.device, snapshot.deviceName(device) != wanted {
                reason = .outputDevice
                continue
            }
            return nil
        }
        return reason
    }

    /// A rule's selectors against the query (fib_rule_match, fib4_rule_match, fib6_rule_match).
    private func matches(_ rule: Rule, _ query: RouteQuery) -> Bool {
        var result = true
        if let source = rule.source, !(query.source.map { source.contains($0) } ?? source.isDefault) { result = false }
        if result, let destination = rule.destination, !destination.contains(query.destination) { result = false }
        if result, rule.tos != 0, rule.tos != query.tos { result = false }
        if result, let mark = rule.fwmark, (mark ^ query.mark) & (rule.fwmask ?? UInt32.max) != 0 { result = false }
        if result, let name = rule.inputInterface {
            result = !rule.inputInterfaceDetached && name == (query.inputInterface ?? "lo")
        }
        if result, let name = rule.outputInterface {
            result = !rule.outputInterfaceDetached && name == query.outputInterface
        }
        if result, let proto = rule.ipProto, proto != query.ipProto { result = false }
        if result, let ports = rule.sourcePorts, !(query.sourcePort.map { ports.contains($0) } ?? false) { result = false }
        if result, let ports = rule.destinationPorts, !(query.destinationPort.map { ports.contains($0) } ?? false) { result = false }
        if result, let range = rule.uidRange, !range.contains(query.uid ?? 0) { result = false }
        if result, rule.l3mdev { result = false }  // VRF lookups need l3mdev devices, which podroute does not model
        return rule.invert ? !result : result
    }
}
