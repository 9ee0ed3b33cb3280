/// What the guided setup proposes for the candidates found: which CIDRs to tick, the strategy,
/// and why, in words an operator can check against the trace.
public struct SetupRecommendation: Sendable, Hashable {
    public var selected: [IPPrefix]
    public var strategy: PlanRequest.Strategy
    /// Next hops for an aggregate (ECMP over the nodes); empty for per-node (each block's own node).
    public var vias: [IPAddress]
    public var reason: String
    /// A single next hop (single point of failure), nothing found to route...
    public var warnings: [String]
    /// The service CIDR, offered but not ticked.
    public var serviceNote: String?

    /// Per-node when the pod blocks and their nodes are known (replies leave from the node the
    /// request entered, so no node sees half a TCP flow); otherwise one aggregate route per pod
    /// CIDR, ECMP over the nodes known.
    public static func recommend(_ candidates: [RouteCandidate]) -> SetupRecommendation {
        let blocks = candidates.filter { $0.kind == .podBlock && $0.nodeIP != nil }
        let pools = candidates.filter { $0.kind == .podPool || $0.kind == .nodePodCIDR }
        let services = candidates.filter { $0.kind == .service }
        let serviceNote = services.first.map {
            "the service CIDR \($0.cidr) is offered, not ticked: tick it only if the office must reach "
                + "service IPs (kube-proxy answers them on any node)"
        }
        var warnings: [String] = []
        let nodes = unique(blocks.compactMap(\.nodeIP) + pools.compactMap(\.nodeIP)).sorted()
        if !blocks.isEmpty {
            let pool = candidates.first { $0.kind == .podPool }
            let selected = pool.map { [$0.cidr] } ?? blocks.map(\.cidr)
            let perNode = Dictionary(grouping: blocks, by: { $0.nodeIP! })
            let listing = nodes.map { node in
                let name = perNode[node]?.first?.node.map { "\(Sanitizer.printable($0)) " } ?? ""
                return "\(name)\(node): " + (perNode[node] ?? []).map(\.cidr.description).joined(separator: " ")
            }.joined(separator: "; ")
            if nodes.count == 1 {
                warnings.append("one node holds every block: its address is the only next hop, a single point of failure")
            }
            return SetupRecommendation(
                selected: selected, strategy: .perNode, vias: [],
                reason: "per-node (recommended): each block goes via the node that owns it (\(listing)), so replies "
                    + "leave from the node the request entered and no node sees half a TCP flow (no asymmetric return)",
                warnings: warnings, serviceNote: serviceNote)
        }
        let selected = pools.isEmpty ? candidates.filter { $0.kind == .podBlock }.map(\.cidr) : pools.map(\.cidr)
        if selected.isEmpty {
            warnings.append("no pod CIDR found: type one with :cidr CIDR (and the next hop with :via IP)")
        } else if nodes.isEmpty {
            warnings.append("no node address known: give the next hop with :via IP")
        } else if nodes.count == 1 {
            warnings.append("a single next hop (\(nodes[0])) is a single point of failure: add another node with :via IP,IP")
        }
        return SetupRecommendation(
            selected: selected, strategy: .aggregate, vias: nodes,
            reason: "aggregate: the blocks' nodes are not known, so one route per pod CIDR"
                + (nodes.count > 1 ? ", ECMP over the \(nodes.count) nodes" : "")
                + "; the entry node may differ from the pod's (asymmetric return: TCP may stall where conntrack sees half the flow)",
            warnings: warnings, serviceNote: serviceNote)
    }

    private static func unique(_ addresses: [IPAddress]) -> [IPAddress] {
        var seen: Set<IPAddress> = []
        return addresses.filter { seen.insert($0).inserted }
    }
}
