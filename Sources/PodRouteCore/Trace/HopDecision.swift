/// What one host does with a packet: checks on arrival (forwarding, reverse-path filter),
/// the route the kernel picks, and where that sends the packet next (a tunnel's far end, the
/// host owning the next hop, a pod, or out of the site).
struct HopDecision {
    let host: SiteHost
    let packet: PathTracer.Packet
    let arrivedOn: InterfaceIndex?
    let site: Site
    let cluster: ClusterCIDRs

    struct Result {
        var hop: TraceHop
        var findings: [Finding] = []
        var next: (host: SiteHost, arrival: InterfaceIndex?)?
        var chosenSource: IPAddress?
    }

    private var snapshot: NetworkSnapshot { host.snapshot }
    private func name(_ index: InterfaceIndex?) -> String? { index.map { Sanitizer.printable(snapshot.deviceName($0)) } }

    func decide() -> Result {
        let query = RouteQuery(destination: packet.destination, source: packet.source,
                               inputInterface: arrivedOn.map { snapshot.deviceName($0) }, mark: packet.mark)
        let lookup = host.lookup.lookup(query)
        var hop = TraceHop(host: host.name, arrivedOn: name(arrivedOn), route: nil, classification: nil, egressDevice: nil,
                           gateway: nil, encapsulation: nil, mtu: nil, outcome: .dropped(.noRoute), lookup: lookup)
        guard let index = lookup.routeIndex else {
            return dropped(hop, noAnswer(lookup))
        }
        let route = snapshot.routes[index]
        let classification = host.classifier.classify(route)
        hop.route = route
        hop.classification = classification
        if route.type == .local || route.type == .broadcast || route.type == .multicast || route.type == .anycast {
            if let refusal = arrivalRefusal(forwarding: false) { return dropped(hop, refusal) }
            hop.outcome = .deliveredLocally
            return Result(hop: hop)
        }
        if let refusal = arrivalRefusal(forwarding: true) { return dropped(hop, refusal) }
        if route.type.discards || route.type == .throw { return dropped(hop, discard(route, classification)) }
        return forward(hop, route: route, classification: classification)
    }

    // MARK: - Arrival checks

    /// Forwarding off or the reverse-path filter: the kernel drops the packet before routing it on.
    private func arrivalRefusal(forwarding needed: Bool) -> Finding? {
        guard let arrivedOn, let source = packet.source else { return nil }
        let view = ForwardingView(snapshot)
        if needed, view.forwards(packet.destination.family, arrivingOn: arrivedOn) == false {
            let sysctl = packet.destination.family == .inet ? "net.ipv4.ip_forward" : "net.ipv6.conf.all.forwarding"
            return Finding(.ipForwardOff, host: host.name,
                           message: "\(host.name) does not forward \(packet.destination.family == .inet ? "IPv4" : "IPv6") packets (forwarding is off on \(name(arrivedOn) ?? "?")): the packet to \(packet.destination) is dropped",
                           fix: "on \(host.name): sysctl -w \(sysctl)=1 (and persist it in /etc/sysctl.d)")
        }
        guard packet.destination.family == .inet, let mode = view.reversePathFilter(on: arrivedOn), mode != .off else { return nil }
        let reverse = host.lookup.lookup(RouteQuery(destination: source, source: packet.destination))
        let reverseRoute = reverse.routeIndex.map { snapshot.routes[$0] }
        let device = name(arrivedOn) ?? "?"
        guard let reverseRoute, !reverseRoute.type.discards else {
            return Finding(.rpFilterStrict, host: host.name,
                           message: "\(host.name) has no route back to \(source), so rp_filter (\(mode.name)) drops the packet arriving on \(device)",
                           fix: "on \(host.name): add a route to \(source), or sysctl -w net.ipv4.conf.\(device).rp_filter=2 (loose)")
        }
        if mode == .strict, !reverseRoute.hops.contains(where: { $0.device == arrivedOn }) {
            let back = name(reverseRoute.hops.first?.device) ?? "another device"
            return Finding(.rpFilterStrict, host: host.name,
                           message: "\(host.name) receives \(source) → \(packet.destination) on \(device) but routes replies to \(source) through \(back); strict rp_filter drops it",
                           fix: "on \(host.name): sysctl -w net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.\(device).rp_filter=2 (loose), or make the return route use \(device)")
        }
        return nil
    }

    // MARK: - Drops

    private func dropped(_ hop: TraceHop, _ finding: Finding) -> Result {
        var hop = hop
        hop.outcome = .dropped(finding.code)
        return Result(hop: hop, findings: [finding])
    }

    private func noAnswer(_ lookup: LookupResult) -> Finding {
        let destination = packet.destination
        if case .ruleAction(let action) = lookup.outcome {
            return Finding(action == .blackhole ? .blackhole : .prohibited, host: host.name,
                           message: "rule \(lookup.rule.map { String($0.priority) } ?? "?") on \(host.name) \(action == .unreachable ? "refuses as unreachable" : action.name + "s") packets to \(destination)",
                           fix: "on \(host.name): review `ip rule` priority \(lookup.rule.map { String($0.priority) } ?? "?")")
        }
        return missingRoute(destination, detail: "no route for \(destination)")
    }

    /// A host without a route for a pod address: the fix names the CIDR and a node to route it via.
    private func missingRoute(_ destination: IPAddress, detail: String) -> Finding {
        let cidr = cluster.summary(containing: destination)
        let node = cluster.node(holding: destination).flatMap { site.host(named: $0) }
        let nodeAddress = node.flatMap { Self.primaryAddress(of: $0.snapshot, family: destination.family) }
        let code: FindingCode = host.role == .node ? .noRoute : .noRouteOnGateway
        let isService = cluster.serviceCIDRs.contains { $0.contains(destination) }
        let what = cidr.map { "the \(isService ? "service" : "pod") CIDR \($0)" } ?? String(describing: destination)
        let via = nodeAddress.map { " via \($0)" } ?? " via a node"
        let fix = cidr != nil
            ? "on \(host.name): add \(cidr!) \(via.trimmingSpaces) — or per-node blocks, which keep replies symmetric (podroute plan)"
            : "on \(host.name): add a route for \(destination)\(via)"
        return Finding(code, host: host.name, message: "\(host.name) has \(detail)\(cidr != nil ? " (\(what))" : "")", fix: fix)
    }

    private func discard(_ route: Route, _ classification: RouteClassification) -> Finding {
        let prefix = RouteText.prefix(route.destination)
        switch route.type {
        case .blackhole where classification.role == .localBlock:
            return Finding(.blackhole, host: host.name,
                           message: "\(packet.destination) is in \(host.name)'s own pod block \(prefix), but no pod has that address there (no /32 workload route): the block's blackhole drops it",
                           fix: "check the pod's IP (kubectl get pod -o wide); if it moved, the route toward \(host.name) is stale")
        case .blackhole:
            return Finding(.blackhole, host: host.name, message: "\(host.name) blackholes \(prefix)",
                           fix: "on \(host.name): ip route del blackhole \(prefix) if it is not intended")
        case .throw:
            return missingRoute(packet.destination, detail: "only a throw route for \(prefix)")
        default:
            return Finding(.prohibited, host: host.name, message: "\(host.name) has an \(route.type.name) route for \(prefix)",
                           fix: "on \(host.name): ip route del \(route.type.name) \(prefix) if it is not intended")
        }
    }

    // MARK: - Forwarding

    private func forward(_ hop: TraceHop, route: Route, classification: RouteClassification) -> Result {
        var hop = hop
        let next = route.hops.first
        let device = next?.device
        let gateway = next?.gateway ?? next?.via
        hop.egressDevice = name(device)
        hop.gateway = gateway
        hop.mtu = Self.mtu(route: route, device: device, in: snapshot)
        let source = packet.source ?? chooseSource(route: route, device: device, gateway: gateway)
        var result = Result(hop: hop, chosenSource: source)

        if classification.role == .workload, gateway == nil, let device {
            result.hop.outcome = .deliveredToWorkload(device: name(device) ?? "?", pod: host.classifier.pod(of: device))
            return result
        }
        if let gateway, let device, !route.flags.contains(.onlink), !(next?.flags.contains(.onlink) ?? false),
           let problem = unreachableGateway(gateway, device: device) {
            return dropped(result.hop, problem)
        }
        let role = host.classifier.role(of: device)
        if let encapsulation = role?.encapsulation, role?.isOverlay == true {
            return tunnel(result, encapsulation: encapsulation, device: device, gateway: gateway)
        }
        let target = gateway ?? packet.destination
        if let owner = site.owner(of: target), owner.host.name != host.name {
            result.hop.outcome = .forwarded(toHost: owner.host.name)
            result.next = (owner.host, owner.device)
            return result
        }
        if classification.role == .default, cluster.contains(packet.destination), host.role != .node {
            var finding = missingRoute(packet.destination,
                                       detail: "no route for \(packet.destination); only the default route via \(gateway.map(String.init(describing:)) ?? name(device) ?? "?"), outside the cluster")
            finding.code = host.role == .workstation ? .noRoute : .noRouteOnGateway
            return dropped(result.hop, finding)
        }
        result.hop.outcome = .leftSite(nextHop: gateway)
        return result
    }

    /// Encapsulation: the packet leaves through tunl0 / vxlan.calico / wireguard.cali and comes
    /// out of the same kind of device on the node that owns the outer destination.
    private func tunnel(_ partial: Result, encapsulation: Encapsulation, device: InterfaceIndex?,
                        gateway: IPAddress?) -> Result {
        var result = partial
        let link = snapshot.link(device)
        var info = EncapsulationInfo(kind: encapsulation, device: name(device) ?? "?")
        var target: (host: SiteHost, device: InterfaceIndex)?
        switch encapsulation {
        case .ipip:
            info.outerDestination = gateway
            if let gateway { target = site.owner(of: gateway) }
            info.outerSource = gateway.flatMap { outerSource(toward: $0) }
        case .vxlan:
            let vxlan = self.vxlan(device: device, gateway: gateway, parameters: link?.vxlan)
            info = vxlan.info
            target = vxlan.target
            result.hop.encapsulation = info
            if vxlan.dropped, let finding = vxlan.findings.first { return dropped(result.hop, finding) }
            result.findings += vxlan.findings
        case .wireguard, .none:
            if let node = cluster.node(holding: packet.destination).flatMap({ site.host(named: $0) }) {
                let far = node.snapshot.links.first { node.classifier.role(of: $0.index) == host.classifier.role(of: device) }
                target = far.map { (node, $0.index) }
                info.outerDestination = Self.primaryAddress(of: node.snapshot, family: packet.destination.family)
            }
        }
        result.hop.encapsulation = info
        guard let target, target.host.name != host.name else {
            result.hop.outcome = .leftSite(nextHop: gateway)
            // One host traced alone is no site: "add that node to the site file" would be noise
            // there, and the verdict already says the packet leaves the host.
            guard site.hosts.count > 1 else { return result }
            result.findings.append(Finding(.unknownNextHop, host: host.name,
                message: "\(host.name) tunnels \(packet.destination) through \(info.device) to \(gateway.map(String.init(describing:)) ?? "a peer") that is not among the site's hosts",
                fix: "add that node to the site file to follow the packet further"))
            return result
        }
        // The packet comes out of the far end's tunnel device of the same kind.
        let farDevice = target.host.snapshot.links.first {
            target.host.classifier.role(of: $0.index) == host.classifier.role(of: device)
        }?.index ?? target.device
        result.hop.outcome = .forwarded(toHost: target.host.name)
        result.next = (target.host, farDevice)
        return result
    }

    /// VXLAN: the remote from this host's neighbour and FDB tables (what its kernel does), checked
    /// against the site: the node owning the VTEP address should be the one the FDB names.
    private func vxlan(device: InterfaceIndex?, gateway: IPAddress?, parameters: VXLANParameters?)
        -> (info: EncapsulationInfo, target: (host: SiteHost, device: InterfaceIndex)?, findings: [Finding], dropped: Bool) {
        let vtep = gateway ?? packet.destination
        var info = EncapsulationInfo(kind: .vxlan, device: name(device) ?? "?", vni: parameters?.vni,
                                     port: parameters?.port, vtep: vtep)
        var findings: [Finding] = []
        let remote = device.map { VXLANRemote.resolve(vtep, device: $0, in: snapshot) }
        info.vtepMAC = remote?.vtepMAC
        if let entry = remote?.entries.first {
            info.vni = entry.vni ?? info.vni
            info.port = entry.port ?? info.port
        }
        // The node the site knows for the VTEP address, and the underlay address it listens on.
        let owner = gateway.flatMap { site.owner(of: $0) }
        let expected = owner.flatMap { owner in
            owner.host.snapshot.link(owner.device)?.vxlan?.local
                ?? Self.primaryAddress(of: owner.host.snapshot, family: vtep.family)
        }
        var target = owner
        let mac = remote?.vtepMAC.map { "\($0)" } ?? "<MAC>"
        if let destination = remote?.destination {
            info.outerDestination = destination
            if let reached = site.owner(of: destination) { target = reached }
            if let owner, let expected, destination != expected,
               !owner.host.snapshot.addresses.contains(where: { $0.local == destination }) {
                findings.append(Finding(.vxlanFDB, host: host.name,
                    message: "\(host.name)'s FDB sends \(vtep) (\(owner.host.name)'s VTEP, \(mac)) to \(destination), but \(owner.host.name) listens on \(expected)",
                    fix: "on \(host.name): bridge fdb replace \(mac) dev \(info.device) dst \(expected) self permanent (Felix rewrites it; check calico-node's logs)"))
            }
        } else if let remote, remote.isMissingEntry {
            info.outerDestinationUnknown = remote.unknownReason
            findings.append(Finding(.vxlanFDB, host: host.name,
                message: "\(host.name) has no VXLAN remote for \(vtep): \(remote.unknownReason ?? "?"); the kernel has no node to send the packet to and drops it",
                fix: "on \(host.name): check that calico-node (Felix) runs and programs \(info.device); `ip neigh show dev \(info.device)`, `bridge fdb show dev \(info.device)`"))
        } else {
            // Tables not read (an older snapshot or capture): the site may still say which node owns the VTEP.
            info.outerDestination = expected
            if expected == nil { info.outerDestinationUnknown = remote?.unknownReason ?? "\(info.device) is not in the snapshot" }
        }
        info.outerSource = parameters?.local ?? info.outerDestination.flatMap { outerSource(toward: $0) }
        return (info, target, findings, remote?.isMissingEntry == true)
    }

    // MARK: - Helpers

    /// A gateway that is on no connected subnet of the device (and not onlink): the kernel
    /// would not have accepted it, so it comes from a capture or a device that lost its address.
    private func unreachableGateway(_ gateway: IPAddress, device: InterfaceIndex) -> Finding? {
        let subnets = snapshot.addresses(of: device).filter { $0.family == gateway.family }.map(\.subnet)
        guard !subnets.isEmpty, !subnets.contains(where: { $0.contains(gateway) }) else { return nil }
        if gateway.family == .inet6, case .v6(let v6) = gateway, v6.high >> 54 == 0x3fa { return nil }  // fe80::/10
        let device = name(device) ?? "?"
        return Finding(.nexthopUnreachable, host: host.name,
                       message: "next hop \(gateway) is on no subnet of \(device) on \(host.name) (\(subnets.map(String.init(describing:)).joined(separator: ", ")))",
                       fix: "on \(host.name): route via an address on \(device)'s subnet, or add `onlink` if the neighbour is really on that link")
    }

    /// The kernel's source address for locally generated traffic (`SourceSelection`).
    private func chooseSource(route: Route, device: InterfaceIndex?, gateway: IPAddress?) -> IPAddress? {
        SourceSelection.choose(route: route, device: device, gateway: gateway, family: packet.destination.family, in: snapshot)
    }

    /// The outer source of a tunnelled packet: what this host would use to reach the far end.
    private func outerSource(toward address: IPAddress) -> IPAddress? {
        let outer = host.lookup.lookup(RouteQuery(destination: address))
        guard let index = outer.routeIndex else { return nil }
        let route = snapshot.routes[index]
        if let preferred = route.preferredSource { return preferred }
        let device = route.hops.first?.device
        return device.flatMap { snapshot.addresses(of: $0).first { $0.family == address.family && $0.scope == .universe }?.local }
    }

    /// A host's main address: the first global address on a physical device.
    static func primaryAddress(of snapshot: NetworkSnapshot, family: AddressFamily) -> IPAddress? {
        let classifier = CNIClassifier(snapshot: snapshot)
        let global = snapshot.addresses.filter { $0.family == family && $0.scope == .universe }
        return (global.first { classifier.role(of: $0.interface) == .physical } ?? global.first)?.local
    }

    /// The MTU of the egress device, lowered by the route's `mtu` metric.
    static func mtu(route: Route, device: InterfaceIndex?, in snapshot: NetworkSnapshot) -> UInt32? {
        let linkMTU = snapshot.link(device)?.mtu
        switch (linkMTU, route.metrics.mtu) {
        case (let a?, let b?): return min(a, b)
        case (let a?, nil): return a
        case (nil, let b): return b
        }
    }
}
