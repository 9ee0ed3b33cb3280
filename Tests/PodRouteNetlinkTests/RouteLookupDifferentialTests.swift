import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

/// podroute's route lookup computed from a snapshot against the kernel's own answers
/// (`RTM_GETROUTE`, plain and `fibmatch`) on a namespace with ~52,000 policy-routed routes.
/// For multipath routes the kernel picks one next hop by a hash: the matched route is compared
/// (fibmatch), and the kernel's hop must be one of the route's.
@Suite(.needsNetns, .serialized) struct RouteLookupDifferentialTests {
    /// One `ip route get` question, asked of both.
    private struct Case {
        var query: RouteQuery
        var get: RouteGetQuery
        var text: String
    }

    private enum KernelAnswer {
        case route(Route)
        case refused(Errno)
    }

    @Test("11,000+ random lookups over 50,000+ routes, 14 rules: the snapshot's answer is the kernel's")
    func snapshotLookupEqualsKernel() throws {
        let seed = UInt64.random(in: 1...UInt64.max)
        let fixture = try PolicyFIBNamespace(label: "lookupdiff", seed: seed)
        defer { try? fixture.remove() }
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: fixture.namespace.name, names: .iproute2Defaults, host: "diff")
        #expect(snapshot.routes.count > 50_000)
        let lookup = RouteLookup(snapshot: snapshot)
        var socket = try RTNetlinkSocket(namespace: fixture.namespace.name)
        var random = SplitMix64(seed: seed ^ 0xd1ff)
        let cases = try makeCases(fixture: fixture, snapshot: snapshot, random: &random)
        #expect(cases.count >= 11_000)

        var shared: [String: Int] = [:]
        for route in snapshot.routes { shared[Self.key(route), default: 0] += 1 }
        var mismatches: [String] = []
        var seen: [String: Int] = [:]
        for item in cases {
            let explained = lookup.lookup(item.query)
            let answer = lookup.answer(item.query)
            if answer.outcome != explained.outcome {
                mismatches.append("\(item.text): the fast path says \(answer.outcome), the explained lookup \(explained.outcome)")
            }
            let plain = try ask(&socket, item.get)
            var matchQuery = item.get
            matchQuery.fibMatch = true
            let matched = try ask(&socket, matchQuery)
            if let problem = compare(explained.outcome, snapshot: snapshot, plain: plain, matched: matched) {
                mismatches.append("\(item.text): \(problem)")
            }
            count(item, explained, snapshot: snapshot, shared: shared, into: &seen)
        }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.count) of \(cases.count) differ:\n\(mismatches.prefix(25).joined(separator: "\n"))")
        // Every mechanism was exercised, so agreement means something.
        for (what, minimum) in [("route", 3000), ("multipath", 200), ("blackhole", 100), ("unreachable", 50),
                                ("prohibit", 50), ("rule-action", 100), ("no-route", 100), ("suppressed", 50),
                                ("threw", 50), ("dead-skipped", 10), ("input", 2000), ("ipv6", 800),
                                ("metric-choice", 50), ("local", 5)] {
            #expect(seen[what, default: 0] >= minimum, "seed \(seed): only \(seen[what, default: 0]) \(what) cases (want \(minimum)): \(seen)")
        }
    }

    // MARK: - Questions

    private func makeCases(fixture: PolicyFIBNamespace, snapshot: NetworkSnapshot,
                           random: inout SplitMix64) throws -> [Case] {
        var cases: [Case] = []
        let index = { (name: String) in snapshot.link(named: name)?.index }
        func add(_ destination: IPAddress, source: IPAddress? = nil, iif: String? = nil, mark: UInt32 = 0) {
            var text = "ip route get \(destination)"
            if let source { text += " from \(source)" }
            if let iif { text += " iif \(iif)" }
            if mark != 0 { text += " mark 0x\(String(mark, radix: 16))" }
            cases.append(Case(query: RouteQuery(destination: destination, source: source, inputInterface: iif, mark: mark),
                              get: RouteGetQuery(destination: destination, source: source,
                                                 inputInterface: iif.flatMap(index), mark: mark == 0 ? nil : mark),
                              text: text))
        }
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }

        // IPv4: half uniform over 10.0.0.0/8, half inside a route's own prefix.
        for _ in 0..<10_000 {
            let destination: UInt32
            if random.next() % 2 == 0 {
                destination = UInt32(10) << 24 | UInt32(truncatingIfNeeded: random.next()) & 0x00ff_ffff
            } else {
                let prefix = pick(fixture.prefixes4)
                let host: UInt32 = prefix.length == 32 ? 0 : UInt32(truncatingIfNeeded: random.next()) & (~0 >> UInt32(prefix.length))
                destination = prefix.address | host
            }
            let address = IPAddress.v4(IPv4Address(destination))
            switch random.next() % 100 {
            case 0..<40: add(address)
            case 40..<70: add(address, mark: pick(PolicyFIBNamespace.marks))
            case 70..<75: add(address, source: IPAddress("192.0.2.1"), mark: pick(PolicyFIBNamespace.marks))
            default:
                // A forwarded packet: from a LAN, a 172.16/12 or 192.168/16 network, arriving on d0..d2.
                let source = pick(["172.16.\(random.next() % 256).9", "192.168.\(random.next() % 256).7",
                                   "198.51.100.77", "203.0.113.9", "100.100.0.5"])
                add(address, source: IPAddress(source), iif: pick(["d0", "d1", "d2"]), mark: pick(PolicyFIBNamespace.marks))
            }
        }
        // Local addresses, their subnets, and outside the routed space. (A loopback destination
        // arriving from outside is a martian, refused before any lookup: not asked as input.)
        for text in ["192.0.2.1", "198.51.100.1", "127.0.0.1", "192.0.2.77", "100.64.3.9", "100.64.4.9", "8.8.8.8", "11.0.0.1"] {
            let address = try #require(IPAddress(text))
            add(address)
            add(address, mark: 0x1)
            if !text.hasPrefix("127.") { add(address, source: IPAddress("203.0.113.9"), iif: "d2") }
        }
        for _ in 0..<300 {
            add(.v4(IPv4Address(UInt32(11) << 24 | UInt32(truncatingIfNeeded: random.next()) & 0x00ff_ffff)),
                mark: pick(PolicyFIBNamespace.marks))
        }
        // IPv6: inside the routes' prefixes and uniformly inside 2001:db8:1000::/36.
        for _ in 0..<1_000 {
            let high: UInt64
            if random.next() % 2 == 0 {
                high = 0x2001_0db8_1000_0000 | random.next() & 0x0fff_ffff
            } else {
                let prefix = pick(fixture.prefixes6)
                high = prefix.high | random.next() & (~0 >> UInt64(prefix.length))
            }
            add(.v6(IPv6Address(high: high, low: random.next())), mark: pick([0, 0, 0x1, 0x8]))
        }
        return cases
    }

    private func ask(_ socket: inout RTNetlinkSocket, _ query: RouteGetQuery) throws -> KernelAnswer {
        do {
            return .route(try socket.routeGet(query))
        } catch {
            guard case .kernel(let errno, _) = error.reason else { throw error }
            return .refused(errno)
        }
    }

    // MARK: - Comparison

    /// The errno `ip route get` answers with when the lookup refuses the packet.
    private func refusal(_ outcome: LookupResult.Outcome, snapshot: NetworkSnapshot) -> Errno? {
        switch outcome {
        case .noRoute: return .ENETUNREACH
        case .ruleAction(let action):
            return action == .unreachable ? .ENETUNREACH : action == .prohibit ? .EACCES : .EINVAL
        case .route(let index):
            switch snapshot.routes[index].type {
            case .blackhole: return .EINVAL
            case .unreachable: return .EHOSTUNREACH
            case .prohibit: return .EACCES
            default: return nil
            }
        }
    }

    private func describe(_ answer: KernelAnswer, snapshot: NetworkSnapshot) -> String {
        switch answer {
        case .route(let route): RouteText(snapshot: snapshot).ipRouteLine(route)
        case .refused(let errno): "refused (\(errno.name))"
        }
    }

    private func hopKeys(_ route: Route) -> [String] {
        route.hops.map { "\($0.gateway?.description ?? "-")@\($0.device?.rawValue ?? 0)" }.sorted()
    }

    /// nil when the kernel agrees with the snapshot's outcome, else what differs.
    private func compare(_ outcome: LookupResult.Outcome, snapshot: NetworkSnapshot,
                         plain: KernelAnswer, matched: KernelAnswer) -> String? {
        let text = RouteText(snapshot: snapshot)
        if let errno = refusal(outcome, snapshot: snapshot) {
            if case .refused(let kernel) = plain, kernel == errno { return nil }
            let ours = outcome.routeIndex.map { text.ipRouteLine(snapshot.routes[$0]) } ?? "\(outcome)"
            return "snapshot: \(ours) (\(errno.name)); kernel: \(describe(plain, snapshot: snapshot))"
        }
        guard let index = outcome.routeIndex else { return "no route index for \(outcome)" }
        let route = snapshot.routes[index]
        let ours = text.ipRouteLine(route)
        guard case .route(let fib) = matched else {
            return "snapshot: \(ours); kernel fibmatch: \(describe(matched, snapshot: snapshot))"
        }
        if fib.destination != route.destination || fib.table != route.table || fib.type != route.type
            || fib.tos != route.tos || fib.effectiveMetric != route.effectiveMetric || hopKeys(fib) != hopKeys(route) {
            return "snapshot: \(ours); kernel fibmatch: \(text.ipRouteLine(fib))"
        }
        guard case .route(let taken) = plain else {
            return "snapshot: \(ours); kernel: \(describe(plain, snapshot: snapshot))"
        }
        if route.type == .unicast,
           !route.hops.contains(where: { $0.device == taken.device && $0.gateway == taken.gateway }) {
            return "snapshot: \(ours); the kernel's hop \(text.ipRouteLine(taken)) is none of its hops"
        }
        return nil
    }

    /// Tallies which mechanisms decided a lookup; `shared` counts the routes of each table and prefix.
    private func count(_ item: Case, _ result: LookupResult, snapshot: NetworkSnapshot, shared: [String: Int],
                       into seen: inout [String: Int]) {
        func tally(_ what: String) { seen[what, default: 0] += 1 }
        if item.query.inputInterface != nil { tally("input") }
        if item.query.family == .inet6 { tally("ipv6") }
        switch result.outcome {
        case .noRoute: tally("no-route")
        case .ruleAction: tally("rule-action")
        case .route(let index):
            let route = snapshot.routes[index]
            switch route.type {
            case .blackhole: tally("blackhole")
            case .unreachable: tally("unreachable")
            case .prohibit: tally("prohibit")
            case .local: tally("local")
            default: tally("route")
            }
            if route.nexthops.count > 1 { tally("multipath") }
            if shared[Self.key(route), default: 0] > 1 { tally("metric-choice") }
        }
        for step in result.steps {
            switch step {
            case .suppressed: tally("suppressed")
            case .tableMissed(_, threw: true): tally("threw")
            // With ignore_routes_with_linkdown the kernel marks d3's next hops dead as well.
            case .skipped(_, reason: .linkdown), .skipped(_, reason: .dead): tally("dead-skipped")
            default: break
            }
        }
    }

    private static func key(_ route: Route) -> String { "\(route.table.rawValue)|\(route.destination)" }
}

private extension LookupResult.Outcome {
    var routeIndex: Int? {
        if case .route(let index) = self { return index }
        return nil
    }
}
