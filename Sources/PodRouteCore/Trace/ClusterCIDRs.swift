/// The pod and service address space a site's nodes reveal: each node's own blocks (its
/// `local-block` blackholes and workload routes), the blocks nodes route to each other
/// (`remote-block`), and the service CIDRs. Used to tell pod traffic from internet traffic.
public struct ClusterCIDRs: Sendable {
    /// Pod blocks with the node that owns them (nil when only seen as another node's route).
    public let blocks: [(prefix: IPPrefix, node: String?)]
    public let serviceCIDRs: [IPPrefix]

    public init(site: Site) {
        var owned: [IPPrefix: String] = [:]
        var seen: [IPPrefix] = []
        var services: [IPPrefix] = []
        for host in site.hosts where host.role == .node {
            for route in host.snapshot.routes where route.table == .main {
                let role = host.classifier.classify(route).role
                if role == .localBlock { owned[route.destination] = host.name }
                if role == .remoteBlock || role == .localBlock { seen.append(route.destination) }
            }
            services += host.classifier.serviceCIDRs
        }
        var blocks: [(IPPrefix, String?)] = owned.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for prefix in Set(seen).sorted() where owned[prefix] == nil { blocks.append((prefix, nil)) }
        self.blocks = blocks
        serviceCIDRs = Array(Set(services)).sorted()
    }

    public var podPrefixes: [IPPrefix] { blocks.map(\.prefix) }

    /// Whether the address is a pod or service address of the cluster.
    public func contains(_ address: IPAddress) -> Bool {
        blocks.contains { $0.prefix.contains(address) } || serviceCIDRs.contains { $0.contains(address) }
    }

    /// The node owning the block that holds `address`.
    public func node(holding address: IPAddress) -> String? {
        blocks.filter { $0.prefix.contains(address) }.max { $0.prefix.length < $1.prefix.length }?.node
    }

    /// The prefix a gateway route should cover for `address`: the service CIDR holding it, or
    /// the smallest prefix covering every known pod block of its family (Calico allocates
    /// blocks from one pool, so this approximates the pool), never wider than a /8.
    public func summary(containing address: IPAddress) -> IPPrefix? {
        if let service = serviceCIDRs.first(where: { $0.contains(address) }) { return service }
        let family = podPrefixes.filter { $0.family == address.family }
        guard var covering = family.first else { return nil }
        for prefix in family.dropFirst() {
            while !covering.contains(prefix), covering.length > 0 { covering = covering.widened(to: covering.length - 1) }
        }
        if covering.contains(address), covering.length >= 8 { return covering }
        return family.first { $0.contains(address) }
    }
}
