/// Compares the reply's path with the request's: a reply that cannot get back, or that leaves
/// the cluster from another node than the one the request entered (Calico's "wrong node": the
/// entry node's conntrack sees only half the TCP handshake and drops the client's ACK as
/// INVALID — ping works, TCP stalls).
struct ReturnPathCheck {
    let findings: [Finding]

    init(forward: [TraceHop], reply: PathTracer.Walk, site: Site, cluster: ClusterCIDRs) {
        var findings: [Finding] = []
        let destination = reply.packet.source.map(String.init(describing:)) ?? "the destination"
        let client = String(describing: reply.packet.destination)
        if reply.verdict != .reachable {
            let stop = reply.hops.last?.host ?? "?"
            findings.append(Finding(.noReturnRoute, host: stop,
                message: "replies from \(destination) to \(client) stop at \(stop)",
                fix: "on \(stop): add a route back to \(client)'s network"))
            findings += reply.findings.filter { $0.code.isFatal }
        }
        let isNode: (TraceHop) -> Bool = { site.host(named: $0.host)?.role == .node }
        if let entry = forward.first(where: isNode), let exit = reply.hops.last(where: isNode), entry.host != exit.host {
            // The last host before the cluster: where the route that picks the entry node lives.
            let where_ = forward.prefix { !isNode($0) }.last?.host
            findings.append(Finding(.asymmetricReturn, host: where_,
                message: "requests enter the cluster at \(entry.host) but replies leave from \(exit.host): \(entry.host)'s conntrack sees half of each TCP handshake and drops the client's ACK as INVALID (ping works, TCP stalls)",
                fix: "route each node's pod blocks via that node (podroute plan --strategy per-node)\(where_.map { " on \($0)" } ?? ""), or SNAT at the entry node"))
        }
        self.findings = findings
    }
}
