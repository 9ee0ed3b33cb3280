/// The checks `podroute doctor` runs on each host without tracing a packet: forwarding,
/// reverse-path filtering, MTU consistency between workload, tunnel and physical devices,
/// pod blocks without their blackhole or missing from other nodes, and CIDR overlaps.
public enum HostChecks {
    /// Encapsulation overhead in bytes (IPv4 underlay): IPIP 20, VXLAN 50, WireGuard 60.
    static func overhead(_ role: LinkRole) -> UInt32? {
        switch role {
        case .calicoIPIP, .tunnel: 20
        case .calicoVXLAN, .flannelVXLAN, .vxlan, .ciliumOverlay: 50
        case .calicoWireguard: 60
        default: nil
        }
    }

    /// Findings for one host on its own.
    public static func check(_ host: SiteHost) -> [Finding] {
        forwarding(host) + reversePath(host) + mtu(host) + ownBlock(host)
    }

    /// Findings across the hosts of a site: each node's block routed by the other nodes,
    /// and LAN subnets that overlap pod or service CIDRs.
    public static func check(_ site: Site) -> [Finding] {
        site.hosts.flatMap(check) + blocksAcrossNodes(site) + overlaps(site)
    }

    private static func forwarding(_ host: SiteHost) -> [Finding] {
        guard host.role != .workstation, ForwardingView(host.snapshot).forwards(.inet, arrivingOn: nil) == false else { return [] }
        return [Finding(.ipForwardOff, host: host.name,
                        message: "\(host.name) is a \(host.role.rawValue) but does not forward IPv4 (net.ipv4.ip_forward = 0)",
                        fix: "on \(host.name): sysctl -w net.ipv4.ip_forward=1 (and persist it in /etc/sysctl.d)")]
    }

    /// Strict rp_filter on a device where tunnelled or LAN traffic arrives asymmetrically.
    private static func reversePath(_ host: SiteHost) -> [Finding] {
        guard host.role == .node else { return [] }
        let view = ForwardingView(host.snapshot)
        return host.snapshot.links.compactMap { link -> Finding? in
            guard let role = host.classifier.role(of: link.index), role.isOverlay || role == .physical,
                  view.reversePathFilter(on: link.index) == .strict else { return nil }
            let name = Sanitizer.printable(link.name)
            return Finding(.rpFilterStrict, host: host.name,
                           message: "\(host.name) filters strictly on \(name) (rp_filter 1): packets from the office that arrive on \(name) while the route back leaves elsewhere are dropped silently",
                           fix: "on \(host.name): sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.\(name).rp_filter=2 (loose)")
        }
    }

    /// Workload veths larger than the tunnel, tunnels larger than their underlay allows.
    private static func mtu(_ host: SiteHost) -> [Finding] {
        let snapshot = host.snapshot
        let roles = host.classifier.linkRoles
        let tunnels = snapshot.links.filter { roles[$0.index].flatMap(overhead) != nil && roles[$0.index]?.encapsulation != nil }
        let physical = snapshot.links.filter { roles[$0.index] == .physical && $0.isUp }
        var findings: [Finding] = []
        for tunnel in tunnels {
            guard let role = roles[tunnel.index], let overhead = overhead(role) else { continue }
            let underlay = tunnel.vxlan?.underlyingDevice.flatMap { snapshot.link(named: $0) } ?? physical.min { $0.mtu < $1.mtu }
            if let underlay, tunnel.mtu + overhead > underlay.mtu {
                findings.append(Finding(.mtuMismatch, host: host.name,
                    message: "\(Sanitizer.printable(tunnel.name)) has MTU \(tunnel.mtu), but with its \(overhead)-byte header that exceeds \(Sanitizer.printable(underlay.name))'s \(underlay.mtu): full-size packets are fragmented or dropped",
                    fix: "set the tunnel MTU to \(underlay.mtu - overhead) (Calico: FELIX_\(role == .calicoVXLAN ? "VXLANMTU" : "IPINIPMTU") or the installation's mtu)"))
            }
            let workloads = snapshot.links.filter { roles[$0.index]?.isWorkload == true && $0.mtu > tunnel.mtu }
            if let largest = workloads.max(by: { $0.mtu < $1.mtu }) {
                findings.append(Finding(.mtuMismatch, host: host.name,
                    message: "\(workloads.count) workload device(s) have an MTU above \(Sanitizer.printable(tunnel.name))'s \(tunnel.mtu) (e.g. \(Sanitizer.printable(largest.name)) \(largest.mtu)): pods send packets the tunnel cannot carry",
                    fix: "give pods the tunnel's MTU (Calico: veth_mtu \(tunnel.mtu)) and restart them"))
            }
        }
        return findings
    }

    /// A node with workload routes needs the blackhole for its own block.
    private static func ownBlock(_ host: SiteHost) -> [Finding] {
        guard host.role == .node else { return [] }
        var hasWorkloads = false
        var hasBlock = false
        for route in host.snapshot.routes where route.table == .main {
            switch host.classifier.classify(route).role {
            case .workload: hasWorkloads = true
            case .localBlock: hasBlock = true
            default: break
            }
            if hasWorkloads && hasBlock { return [] }
        }
        guard hasWorkloads, !hasBlock else { return [] }
        return [Finding(.missingBlock, host: host.name,
                        message: "\(host.name) runs pods but has no blackhole for its own pod block: addresses of pods that are gone are routed onward (possibly back out) instead of dropped",
                        fix: "check the CNI on \(host.name) (Calico: calico-node and BIRD/Felix are running, `calicoctl ipam show --show-blocks`)")]
    }

    private static func blocksAcrossNodes(_ site: Site) -> [Finding] {
        let nodes = site.hosts.filter { $0.role == .node }
        guard nodes.count > 1 else { return [] }
        var findings: [Finding] = []
        for owner in nodes {
            let blocks = owner.snapshot.routes.filter { $0.table == .main && owner.classifier.classify($0).role == .localBlock }
            for block in blocks {
                for other in nodes where other.name != owner.name {
                    let reaches = other.snapshot.routes.contains { route in
                        route.table == .main && route.destination.contains(block.destination) && !route.destination.isDefault
                            && other.classifier.classify(route).role == .remoteBlock
                    }
                    if !reaches {
                        let prefix = RouteText.prefix(block.destination)
                        findings.append(Finding(.missingBlock, host: other.name,
                            message: "\(other.name) has no route for \(owner.name)'s pod block \(prefix): pods there are unreachable from \(other.name)",
                            fix: "check BGP sessions / Felix on \(other.name) (calicoctl node status) — \(owner.name) must advertise \(prefix)"))
                    }
                }
            }
        }
        return findings
    }

    /// LAN subnets on non-node hosts that overlap the cluster's pod blocks or service CIDRs.
    static func overlaps(_ site: Site) -> [Finding] {
        let cluster = ClusterCIDRs(site: site)
        let clusterPrefixes = cluster.podPrefixes + cluster.serviceCIDRs
        var findings: [Finding] = []
        for host in site.hosts where host.role != .node {
            for address in host.snapshot.addresses where address.scope == .universe {
                let subnet = address.subnet
                guard subnet.length > 0, let clash = clusterPrefixes.first(where: { $0.overlaps(subnet) }) else { continue }
                findings.append(Finding(.cidrOverlap, host: host.name,
                    message: "\(host.name)'s subnet \(subnet) overlaps the cluster's \(clash): traffic for one of them goes to the other",
                    fix: "renumber one of them (a pod pool or service CIDR that no LAN uses; Calico: a new IPPool)"))
            }
        }
        return findings
    }
}
