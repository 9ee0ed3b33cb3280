/// Traces a packet through the routing state of every host of a site, the way each kernel
/// would forward it: hop by hop, through tunnels, down to the workload or to the reason it
/// stops; then traces the reply back and reports what breaks with a fix.
public struct PathTracer: Sendable {
    public let site: Site
    public let cluster: ClusterCIDRs
    /// How many hosts a path may cross before podroute calls it a loop.
    public static let hopLimit = 32

    public init(site: Site) {
        self.site = site
        cluster = ClusterCIDRs(site: site)
    }

    /// Traces `destination` from the host named `hostName` (locally generated traffic, or a
    /// packet arriving there on `arrivingOn`), with the kernel's source address unless `source`
    /// is given.
    public func trace(to destination: IPAddress, from hostName: String, source: IPAddress? = nil,
                      mark: UInt32 = 0, arrivingOn: InterfaceIndex? = nil) -> TraceResult {
        guard let start = site.host(named: hostName) else {
            let known = site.hosts.map(\.name).joined(separator: ", ")
            return TraceResult(destination: destination, source: source, verdict: .unknown, hops: [],
                               findings: [Finding(.unknownNextHop, host: nil,
                                                  message: "no host named '\(hostName)' in the site (known: \(known))",
                                                  fix: "name one of the site's hosts with --from-host")])
        }
        var forward = walk(Packet(source: source, destination: destination, mark: mark), from: start, arrivedOn: arrivingOn)
        var findings = forward.findings
        var returnHops: [TraceHop] = []
        if forward.verdict == .reachable, let last = forward.hops.last, let replyTo = forward.packet.source,
           let host = site.host(named: last.host) {
            let arrival: InterfaceIndex? = {
                if case .deliveredToWorkload(let device, _) = last.outcome { return host.snapshot.link(named: device)?.index }
                return nil
            }()
            let reply = walk(Packet(source: destination, destination: replyTo, mark: 0), from: host, arrivedOn: arrival)
            returnHops = reply.hops
            findings += ReturnPathCheck(forward: forward.hops, reply: reply, site: site, cluster: cluster).findings
        }
        findings += MTUCheck(hops: forward.hops, site: site).findings
        // A LAN subnet on the path that overlaps the cluster's addresses.
        let onPath = Set(forward.hops.map(\.host))
        findings += HostChecks.overlaps(site).filter { $0.host.map(onPath.contains) ?? false }
        forward.findings = findings
        return TraceResult(destination: destination, source: forward.packet.source, verdict: forward.verdict,
                           hops: forward.hops, findings: Self.unique(findings), returnHops: returnHops)
    }

    private static func unique(_ findings: [Finding]) -> [Finding] {
        var seen = Set<Finding>()
        return findings.filter { seen.insert($0).inserted }
    }

    /// One direction of a path.
    struct Walk {
        var packet: Packet
        var hops: [TraceHop] = []
        var findings: [Finding] = []
        var verdict: TraceVerdict = .unknown
    }

    struct Packet: Hashable {
        var source: IPAddress?
        var destination: IPAddress
        var mark: UInt32
    }

    /// Follows the packet from host to host until it is delivered, dropped or leaves the site.
    func walk(_ start: Packet, from first: SiteHost, arrivedOn firstArrival: InterfaceIndex?) -> Walk {
        var walk = Walk(packet: start)
        var host = first
        var arrival = firstArrival
        var visited = Set<String>()
        for _ in 0..<Self.hopLimit {
            let key = "\(host.name)|\(arrival?.rawValue ?? 0)"
            if !visited.insert(key).inserted {
                walk.findings.append(Finding(.loop, host: host.name,
                    message: "the packet comes back to \(host.name): the routes form a loop",
                    fix: "check the routes for \(walk.packet.destination) on the hosts listed"))
                walk.verdict = .unreachable
                return walk
            }
            let step = HopDecision(host: host, packet: walk.packet, arrivedOn: arrival, site: site, cluster: cluster).decide()
            if walk.packet.source == nil { walk.packet.source = step.chosenSource }
            walk.hops.append(step.hop)
            walk.findings += step.findings
            switch step.hop.outcome {
            case .forwarded:
                guard let next = step.next else { return walk }
                host = next.host
                arrival = next.arrival
            case .deliveredLocally, .deliveredToWorkload:
                walk.verdict = .reachable
                return walk
            case .leftSite:
                walk.verdict = .forwarded
                return walk
            case .dropped:
                walk.verdict = .unreachable
                return walk
            }
        }
        walk.findings.append(Finding(.loop, host: host.name, message: "the path is longer than \(Self.hopLimit) hosts",
                                     fix: "check the routes for \(walk.packet.destination) on the hosts listed"))
        walk.verdict = .unreachable
        return walk
    }
}
