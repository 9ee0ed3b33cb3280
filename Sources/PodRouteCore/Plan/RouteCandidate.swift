/// A CIDR the operator may route on a gateway, with where podroute found it.
public struct RouteCandidate: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Calico's IPPool (or its best estimate): the whole pod address space.
        case podPool = "pod-pool"
        /// One node's IPAM block (a /26 by default), with its node.
        case podBlock = "pod-block"
        /// A node's `spec.podCIDR` (host-local IPAM, Flannel, Cilium's Kubernetes IPAM).
        case nodePodCIDR = "node-podcidr"
        case service
    }

    public var cidr: IPPrefix
    public var kind: Kind
    /// The node that owns it (pod blocks and node podCIDRs).
    public var node: String?
    /// The node's address, the next hop that reaches the node's pods directly.
    public var nodeIP: IPAddress?
    /// Where it was found: one phrase per source, `; `-separated (`local-block blackhole on node1`).
    public var source: String

    public init(cidr: IPPrefix, kind: Kind, node: String? = nil, nodeIP: IPAddress? = nil, source: String) {
        self.cidr = cidr
        self.kind = kind
        self.node = node
        self.nodeIP = nodeIP
        self.source = source
    }

    /// Merges candidates naming the same CIDR as the same kind: sources are joined, the node
    /// and its address come from whichever source knows them. The result is sorted: pools,
    /// blocks, node podCIDRs, services; then by address.
    public static func merged(_ candidates: [RouteCandidate]) -> [RouteCandidate] {
        struct Key: Hashable {
            var cidr: IPPrefix
            var kind: Kind
        }
        var order: [Key] = []
        var merged: [Key: RouteCandidate] = [:]
        // Each distinct source once, in the order found (a source's own text may hold "; ").
        var sources: [Key: [String]] = [:]
        for candidate in candidates {
            let key = Key(cidr: candidate.cidr, kind: candidate.kind)
            guard var known = merged[key] else {
                order.append(key)
                merged[key] = candidate
                sources[key] = [candidate.source]
                continue
            }
            known.node = known.node ?? candidate.node
            known.nodeIP = known.nodeIP ?? candidate.nodeIP
            if sources[key]?.contains(candidate.source) == false {
                sources[key]?.append(candidate.source)
                known.source = sources[key]!.joined(separator: "; ")
            }
            merged[key] = known
        }
        let kinds = Kind.allCases
        return order.compactMap { merged[$0] }.sorted { a, b in
            let (kindA, kindB) = (kinds.firstIndex(of: a.kind) ?? 0, kinds.firstIndex(of: b.kind) ?? 0)
            if kindA != kindB { return kindA < kindB }
            return a.cidr < b.cidr
        }
    }

    /// Fills in node addresses by node name (kubectl's InternalIPs for BlockAffinities).
    public static func withNodeAddresses(_ candidates: [RouteCandidate], _ addresses: [String: IPAddress]) -> [RouteCandidate] {
        candidates.map { candidate in
            var candidate = candidate
            if candidate.nodeIP == nil, let node = candidate.node { candidate.nodeIP = addresses[node] }
            return candidate
        }
    }
}
