/// Roles for every link and route of one snapshot, with the pods behind workload devices.
/// Link roles are computed once; route roles on demand (a million routes need no storage).
public struct CNIClassifier: Sendable {
    public let snapshot: NetworkSnapshot
    public let hints: ClusterHints
    public let linkRoles: [InterfaceIndex: LinkRole]
    /// Pods behind workload devices, by Calico's naming rule or by the device's /32 route.
    public let linkPods: [InterfaceIndex: PodReference]
    /// The service CIDRs used, and whether they were assumed rather than known.
    public let serviceCIDRs: [IPPrefix]
    public let serviceCIDRsAssumed: Bool

    private let podsByAddress: [IPAddress: PodReference]
    /// Each device's connected subnets, for telling connected routes apart.
    private let connectedSubnets: Set<DeviceSubnet>
    /// Addresses of this host's tunnel and workload side, which local blocks contain.
    private let localBlockHints: [IPAddress]

    public init(snapshot: NetworkSnapshot, hints: ClusterHints = ClusterHints()) {
        self.snapshot = snapshot
        self.hints = hints
        var roles: [InterfaceIndex: LinkRole] = [:]
        for link in snapshot.links {
            roles[link.index] = LinkClassifier.role(of: link, master: snapshot.link(link.master),
                                                    calicoPrefix: hints.calicoInterfacePrefix)
        }
        linkRoles = roles

        var byAddress: [IPAddress: PodReference] = [:]
        for pod in snapshot.pods {
            for address in pod.addresses { byAddress[address] = pod }
        }
        podsByAddress = byAddress
        var byName: [String: PodReference] = [:]
        for pod in snapshot.pods {
            byName[CalicoNaming.interfaceName(namespace: pod.namespace, pod: pod.name, prefix: hints.calicoInterfacePrefix)] = pod
        }
        var pods: [InterfaceIndex: PodReference] = [:]
        for link in snapshot.links where roles[link.index]?.isWorkload == true {
            if let pod = byName[link.name] { pods[link.index] = pod }
        }
        // Devices whose /32 route points at a known pod's address (a pass over every route,
        // so read the packed summary and build only the few host routes to workloads).
        let workloads = Set(roles.filter { $0.value.isWorkload }.map(\.key))
        if !byAddress.isEmpty, !workloads.isEmpty {
            let routes = snapshot.routes
            for position in routes.indices {
                let summary = routes.summary(at: position)
                guard summary.isHostPrefix, !summary.hasGateway, let device = summary.device,
                      workloads.contains(device), pods[device] == nil else { continue }
                if let pod = byAddress[routes[position].destination.address] { pods[device] = pod }
            }
        }
        linkPods = pods

        let isKubernetesHost = roles.values.contains {
            $0.isWorkload || [.calicoIPIP, .calicoVXLAN, .calicoWireguard, .flannelVXLAN, .ciliumHost, .kubeIPVS, .nodelocaldns].contains($0)
        }
        if let known = hints.serviceCIDRs {
            serviceCIDRs = known
            serviceCIDRsAssumed = false
        } else {
            serviceCIDRs = isKubernetesHost ? [ClusterHints.kubeadmServiceCIDR] : []
            serviceCIDRsAssumed = isKubernetesHost
        }
        connectedSubnets = Set(snapshot.addresses.map { DeviceSubnet(device: $0.interface, subnet: $0.subnet) })
        localBlockHints = snapshot.addresses.filter {
            [.calicoIPIP, .calicoVXLAN, .calicoWireguard, .ciliumHost].contains(roles[$0.interface])
        }.map(\.local)
    }

    public func role(of index: InterfaceIndex?) -> LinkRole? {
        index.flatMap { linkRoles[$0] }
    }

    public func pod(of index: InterfaceIndex?) -> PodReference? {
        index.flatMap { linkPods[$0] }
    }

    public func classify(_ route: Route) -> RouteClassification {
        if route.table == .local || [.local, .broadcast, .anycast, .multicast].contains(route.type) {
            return RouteClassification(role: .local)
        }
        if route.destination.isDefault { return RouteClassification(role: .default) }
        if route.type == .blackhole {
            let calicoOwned = route.proto == .bird || route.proto == .felix
            let holdsLocalPods = localBlockHints.contains { route.destination.contains($0) }
            return RouteClassification(role: calicoOwned || holdsLocalPods ? .localBlock : .other)
        }
        let hop = route.hops.first
        let deviceRole = role(of: hop?.device)
        let gateway = hop?.gateway ?? hop?.via
        if route.destination.isHost, gateway == nil, deviceRole?.isWorkload == true {
            let pod = pod(of: hop?.device) ?? podsByAddress[route.destination.address]
            return RouteClassification(role: .workload, pod: pod)
        }
        // The kernel's own routes on a tunnel (its fe80::/64, its address's subnet) are no pod block.
        if gateway == nil, route.proto == .kernel, hop?.device != nil {
            return RouteClassification(role: .connected)
        }
        if let deviceRole, let encapsulation = deviceRole.encapsulation, deviceRole != .tunnel || gateway != nil {
            return RouteClassification(role: .remoteBlock, encapsulation: encapsulation, node: gateway)
        }
        if deviceRole == .ciliumHost, let gateway {
            let ownsGateway = localBlockHints.contains(gateway)
            if route.destination.contains(gateway) && ownsGateway { return RouteClassification(role: .localBlock) }
            let overlay = linkRoles.values.contains(.ciliumOverlay)
            return RouteClassification(role: .remoteBlock, encapsulation: overlay ? .vxlan : Encapsulation.none)
        }
        if serviceCIDRs.contains(where: { $0.contains(route.destination) }) {
            return RouteClassification(role: .service)
        }
        let fromPodRouting = [RouteProtocol.bird, .felix, RouteProtocol(rawValue: 17)].contains(route.proto)
        if fromPodRouting, let gateway {
            return RouteClassification(role: .remoteBlock, encapsulation: Encapsulation.none, node: gateway)
        }
        if gateway == nil, let device = hop?.device, isConnected(route.destination, on: device) || route.proto == .kernel {
            return RouteClassification(role: .connected)
        }
        return RouteClassification(role: .other)
    }

    private func isConnected(_ destination: IPPrefix, on device: InterfaceIndex) -> Bool {
        connectedSubnets.contains(DeviceSubnet(device: device, subnet: destination))
    }
}

private struct DeviceSubnet: Hashable {
    var device: InterfaceIndex
    var subnet: IPPrefix
}
