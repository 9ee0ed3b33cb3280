/// Candidates read from the hosts' own routing tables: each node's `local-block` blackholes are
/// its blocks, other nodes' `remote-block` routes name blocks with the node they lead to, and
/// the classifier's service CIDRs (known or assumed) are the services.
public enum SiteCandidates {
    /// `serviceSource` says where known service CIDRs came from (`site file service_cidrs`).
    public static func candidates(of site: Site, serviceSource: String = "--service-cidr") -> [RouteCandidate] {
        var found: [RouteCandidate] = []
        var blocks: [IPPrefix] = []
        for host in site.hosts where host.role == .node {
            let ownAddress = primaryAddress(of: host)
            for route in host.snapshot.routes where route.table == .main {
                let classification = host.classifier.classify(route)
                switch classification.role {
                case .localBlock:
                    blocks.append(route.destination)
                    found.append(RouteCandidate(cidr: route.destination, kind: .podBlock, node: host.name, nodeIP: ownAddress,
                                                source: "local-block blackhole on \(host.name)"))
                case .remoteBlock:
                    blocks.append(route.destination)
                    let gateway = classification.node ?? route.hops.first?.gateway
                    let owner = gateway.flatMap { site.owner(of: $0)?.host }
                    // A VXLAN next hop is the peer's VTEP address, not the node's own.
                    let nodeIP = owner.flatMap(primaryAddress) ?? (classification.encapsulation == .vxlan ? nil : gateway)
                    let via = gateway.map { " via \($0)" } ?? ""
                    found.append(RouteCandidate(cidr: route.destination, kind: .podBlock, node: owner?.name, nodeIP: nodeIP,
                                                source: "remote-block route on \(host.name)\(via)"))
                default:
                    break
                }
            }
            for service in host.classifier.serviceCIDRs {
                let source = host.classifier.serviceCIDRsAssumed
                    ? "assumed: kubeadm's default service CIDR (no service CIDR known; give --service-cidr or the site's service_cidrs)"
                    : serviceSource
                found.append(RouteCandidate(cidr: service, kind: .service, source: source))
            }
        }
        let pool = poolEstimate(blocks)
        if let pool {
            found.append(RouteCandidate(cidr: pool, kind: .podPool,
                                        source: "inferred: the smallest prefix covering the \(Set(blocks).count) pod blocks seen "
                                            + "(the IPPool may be wider: kubectl get ippools)"))
        }
        return RouteCandidate.merged(found)
    }

    /// The smallest prefix covering every block of the first family, when there are several.
    static func poolEstimate(_ blocks: [IPPrefix]) -> IPPrefix? {
        guard let first = blocks.first else { return nil }
        let family = Set(blocks.filter { $0.family == first.family })
        guard family.count >= 2 else { return nil }
        var covering = first
        for prefix in family {
            while !covering.contains(prefix), covering.length > 0 { covering = covering.widened(to: covering.length - 1) }
        }
        return covering.length >= 8 ? covering : nil
    }

    /// The address a host is reached at: the IPv4 address on its default route's device, else
    /// its first global address outside loopback and CNI devices.
    public static func primaryAddress(of host: SiteHost) -> IPAddress? {
        let snapshot = host.snapshot
        let global = snapshot.addresses.filter { $0.scope == .universe && $0.family == .inet }
        if let route = snapshot.routes.first(where: { $0.table == .main && $0.destination.isDefault && $0.family == .inet }),
           let device = route.hops.first?.device, let address = global.first(where: { $0.interface == device }) {
            return address.local
        }
        return global.first { address in
            let role = host.classifier.role(of: address.interface)
            return snapshot.link(address.interface)?.flags.contains(.loopback) == false
                && role?.encapsulation == nil && role?.isWorkload != true
        }?.local
    }
}
