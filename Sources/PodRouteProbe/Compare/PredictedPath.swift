import PodRouteCore

/// The hops the state trace predicts probes meet, TTL 1 first, and its verdict.
public struct PredictedPath: Hashable, Sendable {
    public var hops: [PredictedHop]
    public var verdict: TraceVerdict

    public init(hops: [PredictedHop], verdict: TraceVerdict) {
        self.hops = hops
        self.verdict = verdict
    }

    /// The probe hops a state trace predicts from its start host: one per host after the first
    /// (each decrements the TTL once, tunnels included), then the destination when a host hands
    /// the packet to a workload. A router answers from the source its own route back to the
    /// prober picks (not necessarily the address the packet came in on: a node reached through
    /// vxlan.calico answers from its LAN address); without a route back, the ingress address.
    public init(trace: TraceResult, site: Site) {
        verdict = trace.verdict
        var hops: [PredictedHop] = []
        let prober = trace.source
        // The start host sends the probes: it answers none itself, but may deliver them at once
        // (to its own address or to one of its pods), so the destination answers at TTL 1.
        if let start = trace.hops.first, trace.hops.count == 1 {
            switch start.outcome {
            case .deliveredLocally, .deliveredToWorkload: hops.append(PredictedHop(trace.destination, answer: .destination))
            default: break
            }
        }
        for hop in trace.hops.dropFirst() {
            let host = site.host(named: hop.host)
            let family = trace.destination.family
            let addresses = Set(host?.snapshot.addresses.filter { $0.family == family }.map(\.local) ?? [])
            let ingress = host.flatMap { host in
                hop.arrivedOn.flatMap { host.snapshot.link(named: $0) }
                    .flatMap { link in host.snapshot.addresses(of: link.index).first { $0.family == family }?.local }
            }
            let answering = prober.flatMap { host?.localSource(toward: $0) } ?? ingress
            func router(_ answer: PredictedHop.Answer) -> PredictedHop {
                PredictedHop(answering, answer: answer, host: hop.host, otherAddresses: addresses)
            }
            switch hop.outcome {
            case .forwarded, .leftSite:
                hops.append(router(.timeExceeded))
            case .deliveredToWorkload:
                hops.append(router(.timeExceeded))
                hops.append(PredictedHop(trace.destination, answer: .destination))
            case .deliveredLocally:
                hops.append(PredictedHop(trace.destination, answer: .destination, host: hop.host, otherAddresses: addresses))
            case .dropped(let code):
                hops.append(router(Self.answer(droppedFor: code, route: hop.route, lookup: hop.lookup)))
            }
        }
        self.hops = hops
    }

    /// How a Linux router answers a packet it drops: the route lookup comes before the TTL
    /// check, so it answers "unreachable" even to a probe whose TTL runs out there.
    static func answer(droppedFor code: FindingCode, route: Route?, lookup: LookupResult?) -> PredictedHop.Answer {
        if case .ruleAction(let action)? = lookup?.outcome { return answer(for: action) }
        switch code {
        case .noRoute, .noRouteOnGateway, .missingBlock:
            // Only a default route out of the cluster: the kernel still forwards the packet there.
            if let route, !route.type.discards, route.type != .throw { return .timeExceeded }
            // No route (ENETUNREACH) or a throw route falling off the last table: net unreachable.
            return .unreachable(.network)
        case .blackhole, .prohibited:
            guard let type = route?.type else { return .unreachable(nil) }
            if type == .blackhole { return .silent }
            if type == .unreachable { return .unreachable(.host) }
            if type == .prohibit { return .unreachable(.prohibited) }
            return .unreachable(nil)
        case .ipForwardOff, .rpFilterStrict:
            // ip_error drops without ICMP when forwarding is off; rp_filter drops silently.
            return .silent
        default:
            // The neighbour never answers (nexthop-unreachable), a loop: host unreachable or nothing.
            return .unreachable(nil)
        }
    }

    private static func answer(for action: RuleAction) -> PredictedHop.Answer {
        if action == .blackhole { return .silent }
        if action == .unreachable { return .unreachable(.host) }
        if action == .prohibit { return .unreachable(.prohibited) }
        return .unreachable(nil)
    }
}
