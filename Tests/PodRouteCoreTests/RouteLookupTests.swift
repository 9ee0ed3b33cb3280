import Testing
@testable import PodRouteCore

@Suite struct RouteLookupTests {
    private func prefix(_ text: String) -> IPPrefix { IPPrefix(captureText: Substring(text))! }
    private func address(_ text: String) -> IPAddress { IPAddress(text)! }

    private func snapshot(routes: [Route], rules: [Rule] = []) -> NetworkSnapshot {
        NetworkSnapshot(host: "t", source: .demo,
                        links: [Link(index: InterfaceIndex(2), name: "eth0"), Link(index: InterfaceIndex(3), name: "tunl0")],
                        routes: RouteStore(routes), rules: rules)
    }

    @Test func longestPrefixWins() {
        let lookup = RouteLookup(snapshot: snapshot(routes: [
            Route(family: .inet, destination: .default(.inet), gateway: address("10.0.0.1"), device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.21.0.0/16"), gateway: address("10.0.0.2"), device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.21.69.192/26"), flags: .onlink, gateway: address("10.20.1.24"), device: InterfaceIndex(3)),
        ]))
        #expect(lookup.lookup(RouteQuery(destination: address("10.21.69.212"))).routeIndex == 2)
        #expect(lookup.lookup(RouteQuery(destination: address("10.21.1.1"))).routeIndex == 1)
        #expect(lookup.lookup(RouteQuery(destination: address("8.8.8.8"))).routeIndex == 0)
        #expect(lookup.lookup(RouteQuery(destination: address("2001:db8::1"))).outcome == .noRoute)
    }

    @Test func deadRoutesFallBackToShorterPrefixesButBlackholesAnswer() {
        let lookup = RouteLookup(snapshot: snapshot(routes: [
            Route(family: .inet, destination: prefix("10.0.0.0/8"), gateway: address("10.0.0.1"), device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.21.0.0/16"), flags: [.dead, .linkdown], gateway: address("10.0.0.2"), device: InterfaceIndex(2)),
            Route(family: .inet, type: .blackhole, destination: prefix("10.22.0.0/16")),
        ]))
        let dead = lookup.lookup(RouteQuery(destination: address("10.21.0.5")))
        #expect(dead.routeIndex == 0)
        #expect(dead.steps.contains(.skipped(index: 1, reason: .dead)))
        #expect(lookup.lookup(RouteQuery(destination: address("10.22.1.1"))).routeIndex == 2)
    }

    @Test func rulesSelectTablesThrowAndSuppress() {
        let routes = [
            Route(family: .inet, destination: .default(.inet), gateway: address("10.0.0.1"), device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.21.0.0/16"), table: RouteTableID(100), gateway: address("10.0.0.7"), device: InterfaceIndex(2)),
            Route(family: .inet, type: .throw, destination: prefix("10.21.5.0/24"), table: RouteTableID(100)),
            Route(family: .inet, destination: .default(.inet), table: RouteTableID(200), gateway: address("10.0.0.9"), device: InterfaceIndex(2)),
        ]
        let rules = [
            Rule(family: .inet, priority: 0, table: .local),
            Rule(family: .inet, priority: 10, table: RouteTableID(100), fwmark: 0x200000, fwmask: 0x200000),
            Rule(family: .inet, priority: 20, table: RouteTableID(200), suppressPrefixLength: 0),
            Rule(family: .inet, priority: 30, action: .unreachable, source: prefix("192.168.99.0/24")),
            Rule(family: .inet, priority: 32766, table: .main),
        ]
        let lookup = RouteLookup(snapshot: snapshot(routes: routes, rules: rules))
        #expect(lookup.lookup(RouteQuery(destination: address("10.21.1.1"), mark: 0x200001)).routeIndex == 1)
        // throw: on to the next rules; table 200 answers only with a default, which is suppressed.
        let thrown = lookup.lookup(RouteQuery(destination: address("10.21.5.5"), mark: 0x200000))
        #expect(thrown.routeIndex == 0)
        #expect(thrown.steps.contains(.tableMissed(RouteTableID(100), threw: true)))
        #expect(thrown.steps.contains(.suppressed(RouteTableID(200), prefixLength: 0)))
        #expect(lookup.lookup(RouteQuery(destination: address("10.21.1.1"))).routeIndex == 0)
        let refused = lookup.lookup(RouteQuery(destination: address("8.8.8.8"), source: address("192.168.99.4")))
        #expect(refused.outcome == .ruleAction(.unreachable))
    }

    /// Thousands of prefixes in one /16 give its slice a second directory; sparse ones elsewhere
    /// keep the plain slices. Every answer must equal a linear longest-prefix scan.
    @Test("crowded and sparse slices of the range table answer like a linear longest-prefix scan", arguments: AddressFamily.allCases)
    func crowdedSlicesAnswerLikeALinearScan(family: AddressFamily) {
        var random = SeededGenerator(seed: family == .inet ? 11 : 13)
        func address(_ high: UInt64, _ low: UInt64) -> IPAddress {
            family == .inet ? .v4(IPv4Address(UInt32(truncatingIfNeeded: high >> 32))) : .v6(IPv6Address(high: high, low: low))
        }
        // Host bits of the top 64 only: IPv4 uses the top 32 of them, IPv6 is dense enough there.
        let crowded: UInt64 = 0x0a15 << 48  // 10.21.0.0/16 or a15::/16
        var prefixes: [IPPrefix] = [.default(family)]
        var seen = Set<IPPrefix>(prefixes)
        let width = Int(family.bitWidth)
        while prefixes.count < 3_000 {
            let inCrowd = random.next() % 4 != 0
            let high = inCrowd ? crowded | random.next() >> 16 : random.next()
            let length = UInt8(inCrowd ? 16 + Int(random.next() % UInt64(min(width, 64) - 16 + 1)) : 8 + Int(random.next() % 17))
            let prefix = IPPrefix(containing: address(high, random.next()), length: min(length, family.bitWidth))
            if seen.insert(prefix).inserted { prefixes.append(prefix) }
        }
        let routes = prefixes.map { Route(family: family, destination: $0, device: InterfaceIndex(2)) }
        let lookup = RouteLookup(snapshot: snapshot(routes: routes))
        #expect(lookup.indexSize.ranges > 512)  // big enough for the directory
        let destinations = (0..<3_000).map { probe in
            address(probe % 4 != 0 ? crowded | random.next() >> 16 : random.next(), random.next())
        }
        // Warming reads the directories and ranges the lookups will: an index out of bounds traps.
        lookup.warm(destinations + [address(0, 0), address(.max, .max)])
        for destination in destinations {
            let expected = prefixes.indices.filter { prefixes[$0].contains(destination) }
                .max { prefixes[$0].length < prefixes[$1].length }
            #expect(lookup.answer(RouteQuery(destination: destination)).routeIndex == expected, "\(destination)")
        }
    }

    /// Each range's resolved answer (fallbacks past dead prefixes followed, throw and blackhole
    /// kept, source-specific routes left to the query) must agree with the prefix-by-prefix walk
    /// `lookup(_:)` takes, in crowded slices and sparse ones, across rules and tables.
    @Test("resolved range answers agree with the prefix-by-prefix walk", arguments: AddressFamily.allCases)
    func resolvedAnswersAgreeWithTheWalk(family: AddressFamily) {
        var random = SeededGenerator(seed: family == .inet ? 17 : 19)
        func address(_ high: UInt64) -> IPAddress {
            family == .inet ? .v4(IPv4Address(UInt32(truncatingIfNeeded: high >> 32))) : .v6(IPv6Address(high: high, low: random.next()))
        }
        let crowded: UInt64 = 0x0a15 << 48
        let width = min(Int(family.bitWidth), 64)
        var routes: [Route] = [Route(family: family, destination: .default(family), gateway: nil, device: InterfaceIndex(2))]
        var seen = Set<IPPrefix>()
        while routes.count < 4_000 {
            let high = random.next() % 4 != 0 ? crowded | random.next() >> 16 : random.next()
            let length = UInt8(random.next() % 4 != 0 ? 16 + Int(random.next() % UInt64(width - 16 + 1)) : 8 + Int(random.next() % 9))
            let prefix = IPPrefix(containing: address(high), length: length)
            guard seen.insert(prefix).inserted else { continue }
            let table: RouteTableID = random.next() % 5 == 0 ? RouteTableID(100) : .main
            switch random.next() % 10 {
            case 0: routes.append(Route(family: family, type: .blackhole, destination: prefix, table: table))
            case 1: routes.append(Route(family: family, type: .throw, destination: prefix, table: table))
            case 2, 3: routes.append(Route(family: family, destination: prefix, table: table, flags: [.dead, .linkdown], device: InterfaceIndex(2)))
            case 4 where family == .inet6:
                var route = Route(family: family, destination: prefix, table: table, device: InterfaceIndex(3))
                route.source = IPPrefix(containing: address(0x2001_0db8 << 32), length: 32)
                routes.append(route)
            default: routes.append(Route(family: family, destination: prefix, table: table, device: InterfaceIndex(2)))
            }
        }
        let rules = [
            Rule(family: family, priority: 0, table: .local),
            Rule(family: family, priority: 100, table: RouteTableID(100)),
            Rule(family: family, priority: 32766, table: .main),
        ]
        let lookup = RouteLookup(snapshot: snapshot(routes: routes, rules: rules))
        #expect(lookup.indexSize.ranges > 512)
        var walkedOutcomes: [IPAddress: LookupResult.Outcome] = [:]
        for probe in 0..<4_000 {
            let destination = address(probe % 4 != 0 ? crowded | random.next() >> 16 : random.next())
            let source: IPAddress? = family == .inet6 && probe % 2 == 0 ? address(0x2001_0db8 << 32) : nil
            let query = RouteQuery(destination: destination, source: source)
            let walked = lookup.lookup(query)
            let answered = lookup.answer(query)
            #expect(answered.outcome == walked.outcome, "\(destination)")
            if source == nil { walkedOutcomes[destination] = walked.outcome }
        }
        // The same plain IPv4 queries answered a block at a time.
        guard family == .inet else { return }
        #expect(lookup.answersIPv4InBulk)
        let destinations = Array(walkedOutcomes.keys)
        let words = destinations.map { $0.v4Value }
        var routeIndexes = [Int32](repeating: -2, count: words.count)
        words.withUnsafeBufferPointer { words in
            routeIndexes.withUnsafeMutableBufferPointer { lookup.answers(ipv4: words, into: $0) }
        }
        for (destination, route) in zip(destinations, routeIndexes) {
            let expected: LookupResult.Outcome = route >= 0 ? .route(index: Int(route)) : .noRoute
            #expect(walkedOutcomes[destination] == expected, "\(destination)")
        }
    }

    /// Rules that ask more than a table (a mark, suppression, another action) keep IPv4 lookups
    /// one query at a time.
    @Test func onlyPlainRulesAnswerInBulk() {
        let route = Route(family: .inet, destination: .default(.inet), gateway: address("10.0.0.1"), device: InterfaceIndex(2))
        let plain = [Rule(family: .inet, priority: 0, table: .local), Rule(family: .inet, priority: 32766, table: .main)]
        #expect(RouteLookup(snapshot: snapshot(routes: [route], rules: plain)).answersIPv4InBulk)
        for extra in [Rule(family: .inet, priority: 10, table: RouteTableID(100), fwmark: 0x200, fwmask: 0x200),
                      Rule(family: .inet, priority: 20, table: .main, suppressPrefixLength: 0),
                      Rule(family: .inet, priority: 30, action: .unreachable)] {
            #expect(!RouteLookup(snapshot: snapshot(routes: [route], rules: plain + [extra])).answersIPv4InBulk, "\(extra)")
        }
    }
}
