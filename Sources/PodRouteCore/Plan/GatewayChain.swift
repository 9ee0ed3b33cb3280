/// Plans every router between a host and the cluster: traces from the host toward the CIDR,
/// and each time the path stops at a router without a route (or leaves the site through its
/// default route), plans the route that router needs toward its neighbour in the cluster's
/// direction, adds it to that router's table and traces again. The steps come out in the
/// order to apply them: nearest the cluster first, so that no router forwards into a hole.
public struct GatewayChain {
    public let site: Site

    public init(site: Site) { self.site = site }

    public struct Step: Sendable {
        public var host: String
        public var draft: GatewayPlanner.Draft
    }

    public struct Result: Sendable {
        /// Nearest the cluster first.
        public var steps: [Step] = []
        /// Problems with the chain as a whole (a path that no route can fix).
        public var issues: [PlanIssue] = []
        /// Hosts the path crosses once the steps are applied, from the start host.
        public var path: [String] = []
    }

    public func plan(from start: String, request: PlanRequest, session: SSHSession?) -> Result {
        var result = Result()
        guard site.host(named: start) != nil else {
            let known = site.hosts.map { Sanitizer.printable($0.name) }.joined(separator: ", ")
            result.issues.append(PlanIssue(.error, "no host named '\(Sanitizer.printable(start))' in the site (known: \(known))"))
            return result
        }
        let blocks = SiteCandidates.candidates(of: site).filter { $0.kind == .podBlock } + request.blocks
        var hosts = site.hosts
        var planned: [Step] = []
        for cidr in request.cidrs {
            let destination = sample(in: cidr)
            // The tracer cannot follow a device-only route into a tunnel: after planning one, the
            // trace resumes at the tunnel's far end.
            var from = start
            var tunnel: (host: String, farEnd: String)?
            var walked: [String] = []
            for _ in 0..<PathTracer.hopLimit {
                let trace = PathTracer(site: Site(hosts: hosts)).trace(to: destination, from: from)
                result.path = walked + trace.hops.map(\.host)
                guard trace.verdict != .reachable, let last = trace.hops.last else { break }
                if let tunnel, last.host == tunnel.host {
                    walked += trace.hops.map(\.host)
                    from = tunnel.farEnd
                    continue
                }
                guard let position = hosts.firstIndex(where: { $0.name == last.host }) else { break }
                let host = hosts[position]
                switch last.outcome {
                case .dropped(.noRoute), .dropped(.noRouteOnGateway), .leftSite:
                    break
                case .dropped(let code):
                    let finding = trace.findings.first { $0.code == code }
                    result.issues.append(PlanIssue(.error, "the path to \(cidr) stops at \(host.name) (\(code.rawValue)"
                                                   + (finding.map { ": \(Sanitizer.printable($0.message))" } ?? "")
                                                   + "); a route cannot fix that"))
                    return finalize(planned, into: result)
                default:
                    break
                }
                if planned.contains(where: { $0.host == host.name && $0.draft.operations.contains { $0.route.destination == cidr } }) {
                    result.issues.append(PlanIssue(.error, "the route planned on \(host.name) for \(cidr) does not move the "
                                                   + "path on; check the site's hosts and addresses"))
                    return finalize(planned, into: result)
                }
                let next = self.request(for: host, cidr: cidr, request: request, blocks: blocks, hosts: hosts)
                tunnel = next?.farEnd.map { (host.name, $0) }
                guard let hopRequest = next?.request else {
                    result.issues.append(PlanIssue(.error, "\(host.name) needs a route for \(cidr), but no host of the site "
                                                   + "that leads toward the cluster shares a subnet with it; add that router "
                                                   + "to the site, or give --via-dev for a tunnel"))
                    return finalize(planned, into: result)
                }
                let probes = PathImpact.probes(target: host.snapshot, session: session, site: site, blocks: blocks,
                                               planned: [cidr])
                let draft = GatewayPlanner(target: host.snapshot).plan(hopRequest, session: session, probes: probes)
                planned.append(Step(host: host.name, draft: draft))
                if draft.hasErrors || draft.operations.isEmpty { return finalize(planned, into: result) }
                hosts[position] = SiteHost(name: host.name, snapshot: draft.after, role: host.role, hints: host.classifier.hints,
                                           format: host.format)
            }
        }
        return finalize(planned, into: result)
    }

    /// Steps of one host merged (several CIDRs), ordered nearest the cluster first: the
    /// reverse of the order the trace found them.
    private func finalize(_ planned: [Step], into result: Result) -> Result {
        var result = result
        var merged: [Step] = []
        for step in planned {
            if let position = merged.firstIndex(where: { $0.host == step.host }) {
                let first = merged[position].draft
                let operations = first.operations + step.draft.operations
                let issues = first.issues + step.draft.issues
                let probes = first.impact.changes.map(\.probe) + first.impact.unchanged + step.draft.impact.changes.map(\.probe)
                    + step.draft.impact.unchanged
                var draft = GatewayPlanner(target: first.target).draft(operations: operations, issues: [], session: nil, probes: probes)
                draft.issues = uniqueIssues(issues + draft.issues)
                merged[position] = Step(host: step.host, draft: draft)
            } else {
                merged.append(step)
            }
        }
        result.steps = merged.reversed()
        return result
    }

    /// What `host` needs for `cidr`: the operator's next hops where the host reaches them (the
    /// router next to the nodes), `--via-dev` where it has that device, else its neighbour
    /// nearest the cluster (or the adjacent nodes, ECMP).
    /// `farEnd` names the neighbour behind a device-only route.
    private func request(for host: SiteHost, cidr: IPPrefix, request: PlanRequest, blocks: [RouteCandidate],
                         hosts: [SiteHost]) -> (request: PlanRequest, farEnd: String?)? {
        var hop = PlanRequest(cidrs: [cidr], strategy: .aggregate, blocks: blocks, table: request.table, proto: request.proto)
        let neighbours = Self.neighbours(of: host, among: hosts)
        if let device = request.viaDevice, let link = host.snapshot.link(named: device) {
            hop.viaDevice = device
            return (hop, neighbours.first { $0.device == link.index }?.host.name)
        }
        let strategy = RouteStrategy(target: host.snapshot)
        let reachable = request.vias.filter { (try? strategy.resolve($0).get()) != nil }
        let nodes = neighbours.filter { $0.host.role == .node }
        if !reachable.isEmpty || !nodes.isEmpty {
            hop.strategy = request.strategy
            hop.vias = reachable.isEmpty && request.strategy == .aggregate
                ? Array(Set(nodes.map(\.address))).filter { $0.family == cidr.family }.sorted() : reachable
            return (hop, nil)
        }
        let distances = Self.distancesToNodes(hosts)
        let mine = distances[host.name] ?? Int.max
        guard let next = neighbours.filter({ (distances[$0.host.name] ?? Int.max) < mine && $0.address.family == cidr.family })
            .min(by: { (distances[$0.host.name] ?? Int.max, $0.address) < (distances[$1.host.name] ?? Int.max, $1.address) })
        else { return nil }
        if let device = next.device, host.snapshot.link(device)?.flags.contains(.pointToPoint) == true {
            hop.viaDevice = host.snapshot.deviceName(device)
            return (hop, next.host.name)
        }
        hop.vias = [next.address]
        return (hop, nil)
    }

    struct Neighbour {
        var host: SiteHost
        /// The neighbour's address on the shared subnet.
        var address: IPAddress
        /// This host's device on that subnet.
        var device: InterfaceIndex?
    }

    /// Hosts `host` reaches directly: on a connected subnet, as the peer of a point-to-point
    /// address, or through a host route without a gateway on a point-to-point device (a tunnel).
    static func neighbours(of host: SiteHost, among hosts: [SiteHost]) -> [Neighbour] {
        let snapshot = host.snapshot
        let tunnelRoutes = snapshot.routes.filter { route in
            route.table == .main && route.destination.isHost && route.type == .unicast && route.gateway == nil
                && route.nexthops.isEmpty && snapshot.link(route.device)?.flags.contains(.pointToPoint) == true
        }
        var result: [Neighbour] = []
        for other in hosts where other.name != host.name {
            for address in other.snapshot.addresses where address.scope == .universe {
                if let own = snapshot.addresses.first(where: { own in
                    own.scope == .universe && own.family == address.family
                        && (own.peer == address.local || (own.peer == nil && !own.subnet.isHost && own.subnet.contains(address.local)))
                }) {
                    result.append(Neighbour(host: other, address: address.local, device: own.interface))
                } else if let route = tunnelRoutes.first(where: { $0.destination.address == address.local }) {
                    result.append(Neighbour(host: other, address: address.local, device: route.device))
                }
            }
        }
        return result
    }

    /// Hops from each host to the nearest node (breadth first; a link seen from either end counts).
    static func distancesToNodes(_ hosts: [SiteHost]) -> [String: Int] {
        var adjacent: [String: Set<String>] = [:]
        for host in hosts {
            for neighbour in neighbours(of: host, among: hosts) {
                adjacent[host.name, default: []].insert(neighbour.host.name)
                adjacent[neighbour.host.name, default: []].insert(host.name)
            }
        }
        var distances: [String: Int] = [:]
        var frontier = hosts.filter { $0.role == .node }.map(\.name)
        for node in frontier { distances[node] = 0 }
        var level = 0
        while !frontier.isEmpty {
            level += 1
            var next: [String] = []
            for name in frontier {
                for neighbour in adjacent[name] ?? [] where distances[neighbour] == nil {
                    distances[neighbour] = level
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return distances
    }

    /// A known pod address in the CIDR when there is one, else its first host address.
    private func sample(in cidr: IPPrefix) -> IPAddress {
        for host in site.hosts where host.role == .node {
            for route in host.snapshot.routes where route.table == .main && route.destination.isHost
                && cidr.contains(route.destination) && host.classifier.classify(route).role == .workload {
                return route.destination.address
            }
        }
        return cidr.isHost ? cidr.address : cidr.first.advanced(by: 1)
    }
}

/// Issues without repeats, in first-seen order.
private func uniqueIssues(_ issues: [PlanIssue]) -> [PlanIssue] {
    var seen = Set<PlanIssue>()
    return issues.filter { seen.insert($0).inserted }
}
