/// Which route of one prefix answers a query, the way each family's kernel code chooses.
///
/// IPv4 (fib_table_lookup): routes of a prefix in order (TOS descending, metric ascending);
/// one whose TOS is set and differs is passed over; a throw route ends the table's lookup; a
/// blackhole, unreachable or prohibit route answers whatever its next hops; a unicast route
/// answers when one of its next hops is alive (not dead, not link-down on a device that
/// ignores such routes, on the requested output device).
///
/// IPv6 (rt6_select, find_rr_leaf): among the routes of the lowest metric, the usable one of
/// the best router preference (the first on a tie); when none is usable, the same among all
/// higher metrics; the chosen route's type then decides (throw: no answer).
struct RouteSelection {
    let snapshot: NetworkSnapshot
    let linkdown: LinkdownPolicy
    let family: AddressFamily

    enum Verdict {
        case found(Int)
        case threw
        case none
    }

    func select<Recorder: LookupRecorder>(_ bucket: ArraySlice<Int32>, query: RouteQuery,
                                          recorder: inout Recorder) -> Verdict {
        family == .inet ? selectIPv4(bucket, query, &recorder) : selectIPv6(bucket, query, &recorder)
    }

    private func selectIPv4<Recorder: LookupRecorder>(_ bucket: ArraySlice<Int32>, _ query: RouteQuery,
                                                      _ recorder: inout Recorder) -> Verdict {
        for candidate in bucket {
            let index = Int(candidate)
            let route = snapshot.routes[index]
            if route.tos != 0, route.tos != query.tos {
                recorder.record(.skipped(index: index, reason: .tos))
                continue
            }
            if route.type == .throw { return .threw }
            if route.type.discards { return .found(index) }
            if let reason = unusable(route, query) {
                recorder.record(.skipped(index: index, reason: reason))
                continue
            }
            return .found(index)
        }
        return .none
    }

    private func selectIPv6<Recorder: LookupRecorder>(_ bucket: ArraySlice<Int32>, _ query: RouteQuery,
                                                      _ recorder: inout Recorder) -> Verdict {
        var candidates: [(index: Int, route: Route)] = []
        for candidate in bucket {
            let route = snapshot.routes[Int(candidate)]
            // Source-specific routes (`from PREFIX`) serve only packets from that prefix.
            if let source = route.source, source.length > 0, !(query.source.map { source.contains($0) } ?? false) {
                recorder.record(.skipped(index: Int(candidate), reason: .source))
                continue
            }
            candidates.append((Int(candidate), route))
        }
        guard let lowest = candidates.first?.route.effectiveMetric else { return .none }
        var best: (index: Int, route: Route, score: Int)?
        for pass in [true, false] {
            for (index, route) in candidates where (route.effectiveMetric == lowest) == pass {
                // Reject and throw routes point at `lo`; their next hop is never in question.
                if !route.type.discards, route.type != .throw, let reason = unusable(route, query) {
                    recorder.record(.skipped(index: index, reason: reason))
                    continue
                }
                let score = Self.preferenceScore(route.preference)
                if score > (best?.score ?? -1) { best = (index, route, score) }
            }
            if best != nil { break }
        }
        guard let best else { return .none }
        return best.route.type == .throw ? .threw : .found(best.index)
    }

    /// IPV6_DECODE_PREF: high 3, medium 2, low 1, the reserved value 0.
    private static func preferenceScore(_ preference: RoutePreference?) -> Int {
        Int((preference?.rawValue ?? 0) ^ 2) & 3
    }

    /// Why a route cannot carry the packet, or nil when one of its next hops can.
    func unusable(_ route: Route, _ query: RouteQuery) -> LookupStep.SkipReason? {
        let hops = route.hops
        if hops.isEmpty { return nil }  // local, broadcast and device-less routes
        var reason = LookupStep.SkipReason.dead
        for hop in hops {
            let flags = route.nexthops.isEmpty ? route.flags : hop.flags
            if flags.contains(.dead) { reason = .dead; continue }
            if flags.contains(.linkdown), let device = hop.device, linkdown.ignores(device, family: family) {
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

    // MARK: - Answers computed once per prefix

    /// The answer for a plain query (no TOS, no output device, no source) of a prefix holding
    /// several routes or unusual ones.
    func plainAnswer(_ bucket: ArraySlice<Int32>) -> Int32 {
        for candidate in bucket where snapshot.routes[Int(candidate)].source.map({ $0.length > 0 }) == true {
            return PrefixAnswer.dependsOnQuery
        }
        var recorder = NoRecorder()
        switch select(bucket, query: RouteQuery(destination: .any(family)), recorder: &recorder) {
        case .found(let index): return Int32(index)
        case .threw: return PrefixAnswer.threw
        case .none: return PrefixAnswer.noneUsable
        }
    }

    /// The same for a prefix of one ordinary route, judged from its packed facts alone; nil
    /// when the route needs a full look (next hops, a source prefix, no device).
    func quickAnswer(_ facts: RouteLookupFacts, index: Int32) -> Int32? {
        if facts.hasExtras { return nil }
        if facts.tos != 0 { return PrefixAnswer.noneUsable }  // serves only its TOS
        if facts.type == .throw { return PrefixAnswer.threw }
        if facts.type.discards { return index }
        guard let device = facts.device else { return nil }
        if facts.flags.contains(.dead) { return PrefixAnswer.noneUsable }
        if facts.flags.contains(.linkdown), linkdown.ignores(device, family: family) { return PrefixAnswer.noneUsable }
        return index
    }
}
