import PodRouteCore

/// Words for where a route came from (`rtm_protocol`).
public enum ProtocolWords {
    /// `learned over BGP (BIRD)`, `installed by Calico Felix`, `added by the kernel (connected)`.
    public static func origin(_ proto: RouteProtocol, names: IPNames) -> String {
        switch proto.rawValue {
        case 0: "of unknown origin (proto unspec)"
        case 1: "learned from an ICMP redirect"
        case 2: "added by the kernel (connected)"
        case 3: "installed at boot or by a tool that named no protocol (proto boot)"
        case 4: "configured statically (proto static)"
        case 9: "learned from IPv6 router advertisements"
        case 11: "installed by FRR/Quagga (zebra)"
        case 12: "learned over BGP (BIRD)"
        case 16: "learned from DHCP"
        case 18: "installed by keepalived"
        case 80: "installed by Calico Felix"
        case 186: "learned over BGP"
        case 187: "learned over IS-IS"
        case 188: "learned over OSPF"
        case 189: "learned over RIP"
        default: "installed by protocol \(names.name(of: proto))"
        }
    }
}

/// Explains a link in words, then lists every field the model has.
public enum LinkExplainer {
    public static func lines(_ link: Link, model: SnapshotModel, rates: RateTracker, isLive: Bool) -> [DetailLine] {
        let text = model.linkText
        let role = model.role(of: link)
        let name = text.name(link)
        var lines: [DetailLine] = [.paragraph(summary(link, role: role, model: model))]
        if !link.isUp {
            lines.append(.warning("[!] administratively DOWN: routes through \(name) are not used."))
        } else if !link.flags.contains(.running) {
            lines.append(.warning("[!] NO-CARRIER: \(name) is up but has no carrier (nothing attached, or its peer is down)."))
        }

        var fields: [DetailField] = []
        fields.append(DetailField("kind", link.kind?.rawValue ?? link.linkType.name))
        fields.append(DetailField("ifindex", String(link.index.rawValue)))
        if let address = link.address { fields.append(DetailField(link.linkType.addressIsIP ? "link" : "mac", address.description)) }
        fields.append(DetailField("state", text.state(link)))
        fields.append(DetailField("flags", link.flags.names.joined(separator: ",")))
        fields.append(DetailField("mtu", String(link.mtu)))
        if let qdisc = link.qdisc { fields.append(DetailField("qdisc", Sanitizer.printable(qdisc))) }
        if let master = text.master(link) { fields.append(DetailField("master", master)) }
        let peer = text.peer(link)
        if !peer.isEmpty { fields.append(DetailField("peer", peer)) }
        if let alias = text.alias(link) { fields.append(DetailField("alias", alias)) }
        if !link.altNames.isEmpty {
            fields.append(DetailField("altname", link.altNames.map(Sanitizer.printable).joined(separator: ",")))
        }
        if link.isInferred { fields.append(DetailField("", "(known only from routes in the capture)")) }
        lines.append(.fields(fields))

        if let vxlan = link.vxlan {
            var vx: [DetailField] = []
            if let vni = vxlan.vni { vx.append(DetailField("vni", String(vni))) }
            if let local = vxlan.local { vx.append(DetailField("local", local.description)) }
            if let remote = vxlan.remote { vx.append(DetailField("remote", remote.description)) }
            if let port = vxlan.port { vx.append(DetailField("port", String(port))) }
            if let device = vxlan.underlyingDevice { vx.append(DetailField("dev", Sanitizer.printable(device))) }
            if let learning = vxlan.learning { vx.append(DetailField("learning", learning ? "yes" : "no")) }
            if !vx.isEmpty { lines.append(.fields([DetailField("vxlan", "")] + vx)) }
        }

        let addresses = model.snapshot.addresses(of: link.index)
        if !addresses.isEmpty {
            lines.append(.fields(addresses.map {
                DetailField($0.family == .inet ? "inet" : "inet6", "\($0.local)/\($0.prefixLength) scope \(model.snapshot.names.name(of: $0.scope))")
            }))
        }

        if let pod = model.classifier.pod(of: link.index) {
            let ips = pod.addresses.map(\.description).joined(separator: ",")
            lines.append(.fields([DetailField("pod", Sanitizer.printable(pod.description) + (ips.isEmpty ? "" : " " + ips))]))
        }

        lines.append(.fields(counterFields(link, rates: rates, isLive: isLive)))

        if let routes = model.deviceRoutes[link.index] {
            for position in routes.indices {
                lines.append(.fields([DetailField("route", model.routeText.ipRouteLine(model.snapshot.routes[position]))]))
            }
            if routes.count > routes.indices.count {
                lines.append(.paragraph("… and \(routes.count - routes.indices.count) more routes use \(name) (2, then / \(name))"))
            }
        } else {
            lines.append(.paragraph("No route uses \(name)."))
        }
        return lines
    }

    static func counterFields(_ link: Link, rates: RateTracker, isLive: Bool) -> [DetailField] {
        var fields: [DetailField] = []
        if let rate = rates.rates(for: link.index) {
            fields.append(DetailField("rx", "\(LinkText.bytes(rate.rxBytes))/s \(Format.packets(rate.rxPackets))"))
            fields.append(DetailField("tx", "\(LinkText.bytes(rate.txBytes))/s \(Format.packets(rate.txPackets))"))
        } else {
            let why = !isLive ? "static source" : rates.sampleCount < 2 ? "after the next sample"
                : rates.stats(for: link.index) == nil ? "no counters for this link" : "a counter went back (reset)"
            fields.append(DetailField("rates", "- (\(why))"))
        }
        if let stats = rates.stats(for: link.index) ?? link.stats {
            fields.append(DetailField("errors", "rx \(stats.rxErrors) tx \(stats.txErrors)"))
            fields.append(DetailField("dropped", "rx \(stats.rxDropped) tx \(stats.txDropped)"))
            fields.append(DetailField("total", "rx \(LinkText.bytes(Double(stats.rxBytes))) tx \(LinkText.bytes(Double(stats.txBytes)))"))
        }
        return fields
    }

    /// One sentence: what the device is and how it connects.
    static func summary(_ link: Link, role: LinkRole, model: SnapshotModel) -> String {
        let text = model.linkText
        let name = text.name(link)
        let routeCount = model.deviceRoutes[link.index]?.count ?? 0
        let routes = routeCount == 1 ? "1 route uses it" : "\(routeCount) routes use it"
        let addresses = text.addresses(link)
        switch role {
        case .loopback:
            return "Loopback: this host's traffic to its own addresses."
        case .physical:
            var sentence = "Physical NIC\(addresses.isEmpty ? "" : " with \(addresses.joined(separator: ", "))")"
            if let gateway = defaultGateway(through: link, model: model) {
                sentence += "; the default route leaves here via \(gateway)"
            }
            return sentence + "; \(routes)."
        case .calicoIPIP:
            return "Calico's IPIP tunnel: packets for other nodes' pod blocks are wrapped in IP-in-IP here and sent to "
                + "the node's own address\(addresses.isEmpty ? "" : " (this node's tunnel address is \(addresses[0]))"); \(routes)."
        case .calicoVXLAN:
            let vxlan = link.vxlan
            var words: [String] = []
            if let vni = vxlan?.vni { words.append("VNI \(vni)") }
            if let port = vxlan?.port { words.append("UDP \(port)") }
            if let device = vxlan?.underlyingDevice { words.append("over \(Sanitizer.printable(device))") }
            return "Calico's VXLAN device\(words.isEmpty ? "" : " (" + words.joined(separator: ", ") + ")"): packets for "
                + "other nodes' pod blocks are wrapped in VXLAN here; \(routes)."
        case .calicoWireguard:
            return "Calico's WireGuard device: traffic to other nodes' pods is encrypted here; \(routes)."
        case .flannelVXLAN:
            return "flannel's VXLAN device: packets for other nodes' pod subnets are wrapped in VXLAN here; \(routes)."
        case .cniBridge:
            return "CNI bridge: the pods' veths are its ports; pods on this node reach each other through it."
        case .ciliumHost:
            return "Cilium's host device: the node's address in the pod network; \(routes)."
        case .ciliumOverlay:
            return "Cilium's overlay device: traffic to other nodes' pods is encapsulated here."
        case .calicoWorkload, .cniWorkload, .ciliumWorkload:
            return workloadSummary(link, model: model)
        case .dockerBridge:
            return "Docker's bridge for containers run outside Kubernetes\(addresses.isEmpty ? "" : " (\(addresses[0]))")."
        case .kubeIPVS:
            return "kube-proxy's IPVS dummy device: it holds the Service ClusterIPs so this host accepts them."
        case .nodelocaldns:
            return "NodeLocal DNSCache's dummy device: it holds the node-local DNS address."
        case .bridge:
            return "Bridge\(addresses.isEmpty ? "" : " with \(addresses.joined(separator: ", "))"); \(routes)."
        case .veth:
            return "veth pair end\(text.peer(link).isEmpty ? "" : ", peer \(text.peer(link))"); \(routes)."
        case .vxlan:
            return "VXLAN device; \(routes)."
        case .tunnel:
            return "Tunnel device (\(link.kind?.rawValue ?? link.linkType.name)); \(routes)."
        case .other:
            return "\(link.kind?.rawValue ?? link.linkType.name) device \(name); \(routes)."
        }
    }

    static func workloadSummary(_ link: Link, model: SnapshotModel) -> String {
        var whereText = ""
        if let parent = link.parent, parent.rawValue != 0 {
            if let netns = link.linkNetnsID {
                let namespace = link.linkNetnsName.map(Sanitizer.printable) ?? String(netns)
                whereText = " (netns \(namespace), its eth0 is if\(parent.rawValue) there)"
            } else {
                whereText = " (peer if\(parent.rawValue))"
            }
        }
        let hosts = model.deviceRoutes[link.index]?.hostDestinations.map(RouteText.prefix) ?? []
        let reached = hosts.isEmpty ? " No host route points here yet."
            : " The host reaches the pod at \(hosts.joined(separator: ", ")) through this device."
        if let pod = model.classifier.pod(of: link.index) {
            return "veth, host side of pod \(Sanitizer.printable(pod.description))\(whereText).\(reached)"
        }
        return "veth, host side of a pod's interface\(whereText); no pod list names its pod.\(reached)"
    }

    static func defaultGateway(through link: Link, model: SnapshotModel) -> String? {
        for position in model.deviceRoutes[link.index]?.indices ?? [] {
            let route = model.snapshot.routes[position]
            if route.destination.isDefault, let gateway = route.hops.first?.gateway { return gateway.description }
        }
        return nil
    }
}

/// Explains a route in words: what it is for, where packets go and how, who installed it.
public enum RouteExplainer {
    public static func lines(_ route: Route, model: SnapshotModel) -> [DetailLine] {
        let classification = model.classifier.classify(route)
        var lines: [DetailLine] = [.paragraph(explanation(route, classification, model: model))]
        if route.type.discards {
            let how = switch route.type {
            case .blackhole: "dropped silently"
            case .unreachable: "dropped with ICMP host unreachable"
            default: "dropped with ICMP administratively prohibited"
            }
            lines.append(.warning("[!] \(route.type.name): packets to \(RouteText.prefix(route.destination)) are \(how)."))
        }
        if route.nexthops.count > 1 {
            let total = route.nexthops.reduce(0) { $0 + Int($1.weight) }
            for (number, hop) in route.nexthops.enumerated() {
                var words: [String] = []
                if let gateway = hop.gateway ?? hop.via { words.append("via \(gateway)") }
                if let device = hop.device { words.append("dev \(model.routeText.deviceName(device))") }
                words.append("weight \(hop.weight) (\(Int(hop.weight) * 100 / max(1, total))% of flows)")
                words += hop.flags.names
                lines.append(.fields([DetailField("hop \(number + 1)", words.joined(separator: " "))]))
            }
        }
        var fields: [DetailField] = [
            DetailField("type", route.type.name), DetailField("table", model.routeText.table(route)),
            DetailField("proto", model.routeText.proto(route)), DetailField("scope", model.routeText.scope(route)),
        ]
        if let metric = route.metric { fields.append(DetailField("metric", String(metric))) }
        if let source = route.preferredSource { fields.append(DetailField("src", source.description)) }
        for value in route.metrics.values {
            guard let name = value.kind.name else { continue }
            let locked = route.metrics.locked & (1 << UInt32(value.kind.rawValue)) != 0
            fields.append(DetailField(name, String(value.value) + (locked ? " (locked)" : "")))
        }
        if let congestion = route.metrics.congestionControl { fields.append(DetailField("congctl", Sanitizer.printable(congestion))) }
        if let preference = route.preference { fields.append(DetailField("pref", preference.name)) }
        if let expires = route.expires { fields.append(DetailField("expires", "\(expires)s")) }
        if !route.flags.names.isEmpty { fields.append(DetailField("flags", route.flags.names.joined(separator: ","))) }
        lines.append(.fields(fields))
        lines.append(.fields([DetailField("ip route", model.routeText.ipRouteLine(route))]))
        return lines
    }

    public static func explanation(_ route: Route, _ classification: RouteClassification, model: SnapshotModel) -> String {
        let text = model.routeText
        let destination = RouteText.prefix(route.destination)
        let origin = ProtocolWords.origin(route.proto, names: model.snapshot.names)
        let hop = route.hops.first
        let device = hop?.device.map(text.deviceName)
        let gateway = hop?.gateway ?? hop?.via
        let onlink = route.flags.union(hop?.flags ?? []).contains(.onlink)
        var sentences: [String] = []

        switch classification.role {
        case .default:
            if route.type.discards {
                sentences.append("Default \(route.type.name): packets without a more specific route are dropped here.")
            } else {
                var sentence = "Default route: packets without a more specific route leave"
                if let gateway { sentence += " via the gateway \(gateway)" }
                if let device { sentence += " through \(device)" }
                sentences.append(sentence + ", \(origin).")
            }
        case .connected:
            var sentence = "Connected subnet"
            if let device { sentence += " of \(device)" }
            sentence += ": hosts in \(destination) are reached directly, without a gateway"
            if route.proto == .kernel { sentence += "; added by the kernel when the address was configured" } else { sentence += "; \(origin)" }
            if let source = route.preferredSource { sentence += "; replies leave from \(source)" }
            sentences.append(sentence + ".")
        case .workload:
            var sentence: String
            if let pod = classification.pod {
                sentence = "Host route to pod \(Sanitizer.printable(pod.description))"
            } else {
                sentence = "Host route to a pod (no pod list names it)"
            }
            if let device { sentence += " on \(device), the host side of its veth" }
            sentences.append(sentence + "; \(origin).")
        case .localBlock:
            sentences.append("This node's own pod block: its pods get addresses from \(destination) and each has a "
                + "host route to its veth; addresses in it without a workload route are dropped (\(route.type.name)) "
                + "rather than sent out the default route. \(capitalised(origin)).")
        case .remoteBlock:
            sentences.append(remoteBlock(route, classification, destination: destination, origin: origin, device: device,
                                         gateway: gateway, onlink: onlink, model: model))
        case .service:
            var sentence = "Kubernetes Service range \(destination)"
            if model.classifier.serviceCIDRsAssumed {
                sentence += " (kubeadm's default service CIDR, assumed)"
            }
            sentence += ": kube-proxy translates ClusterIPs before routing, so this route only matters for traffic it did not translate"
            sentences.append(sentence + "; \(origin).")
        case .local:
            sentences.append(localTable(route, destination: destination, device: device))
        case .other:
            sentences.append(generic(route, destination: destination, origin: origin, device: device, gateway: gateway,
                                     onlink: onlink))
        }
        if route.table != .main, route.table != .local {
            sentences.append("It is in table \(text.table(route)): only packets a policy rule sends to that table see it.")
        }
        let flags = route.flags.union(route.nexthops.reduce(RouteFlags()) { $0.union($1.flags) })
        if flags.contains(.linkdown) { sentences.append("Its device has no carrier (linkdown).") }
        if flags.contains(.dead) { sentences.append("Its next hop is dead (the device is down).") }
        if route.nexthops.count > 1 {
            sentences.append("Multipath: \(route.nexthops.count) next hops; the kernel picks one per flow by hash, in proportion to the weights.")
        }
        if let mtu = route.metrics.mtu, classification.role != .remoteBlock {
            sentences.append("Path MTU \(mtu) (a route metric).")
        }
        return sentences.joined(separator: " ")
    }

    static func remoteBlock(_ route: Route, _ classification: RouteClassification, destination: String, origin: String,
                            device: String?, gateway: IPAddress?, onlink: Bool, model: SnapshotModel) -> String {
        // Through IPIP or directly the next hop is the node itself; through VXLAN and WireGuard
        // it is the node's tunnel address.
        let node: String
        switch (classification.node, classification.encapsulation ?? .none) {
        case (nil, _): node = "another node"
        case (let address?, .vxlan): node = "the node whose VXLAN tunnel address is \(address)"
        case (let address?, .wireguard): node = "the node whose WireGuard address is \(address)"
        case (let address?, _): node = "node \(address)"
        }
        var sentence = "Pod block of \(node), \(origin)."
        let leave = device.map { " and leave through \($0)\(onlink ? " (onlink)" : "")" } ?? ""
        let outerSource = classification.node.flatMap { underlayAddress(toward: $0, model: model) }
        switch classification.encapsulation ?? .none {
        case .ipip:
            let outer = outerSource.map { " (outer \($0) → \(classification.node.map(\.description) ?? "?"))" } ?? ""
            sentence += " Packets are wrapped in IPIP\(outer)\(leave)"
        case .vxlan:
            var words: [String] = []
            if let link = route.hops.first?.device.flatMap({ model.snapshot.link($0) }), let vxlan = link.vxlan {
                if let vni = vxlan.vni { words.append("VNI \(vni)") }
                if let port = vxlan.port { words.append("UDP \(port)") }
                if let local = vxlan.local { words.append("outer source \(local)") }
            }
            sentence += " Packets are wrapped in VXLAN\(words.isEmpty ? "" : " (" + words.joined(separator: ", ") + ")")\(leave);"
                + " the outer destination (the node's own address) comes from the VXLAN forwarding database"
        case .wireguard:
            sentence += " Packets are encrypted by WireGuard\(leave)"
        case .none:
            sentence += " Packets go unencapsulated\(gateway.map { " to \($0)" } ?? "")\(device.map { " through \($0)" } ?? ""),"
                + " so the network between the nodes must route pod addresses (or the nodes share a subnet)"
        }
        if let mtu = route.metrics.mtu ?? route.hops.first?.device.flatMap({ model.snapshot.link($0)?.mtu }) {
            sentence += "; path MTU \(mtu)"
        }
        return sentence + "."
    }

    static func localTable(_ route: Route, destination: String, device: String?) -> String {
        let on = device.map { " on \($0)" } ?? ""
        switch route.type {
        case .local:
            return "Local table: \(destination) is an address of this host\(on); packets to it are delivered to the host itself, never forwarded."
        case .broadcast:
            return "Local table: \(destination) is a broadcast address\(on); packets to it go to every host on the link."
        case .multicast:
            return "Local table: multicast \(destination)\(on); group traffic is delivered to local listeners."
        case .anycast:
            return "Local table: \(destination) is an anycast address of this host\(on)."
        default:
            return "Local table entry for \(destination)\(on)."
        }
    }

    static func generic(_ route: Route, destination: String, origin: String, device: String?, gateway: IPAddress?,
                        onlink: Bool) -> String {
        switch route.type {
        case .blackhole, .unreachable, .prohibit:
            return "A \(route.type.name) route for \(destination), \(origin): nothing is forwarded there."
        case .throw: return "Throw: the lookup for \(destination) leaves this table and continues with the next rule; \(origin)."
        default:
            if route.nexthops.count > 1 { return "Route to \(destination) over \(route.nexthops.count) next hops, \(origin)." }
            var sentence = "Route to \(destination)"
            if let gateway { sentence += " via \(gateway)" }
            if let device { sentence += " through \(device)\(onlink ? " (onlink: the gateway is assumed on the link)" : "")" }
            if gateway == nil, device != nil { sentence += ", directly on the link" }
            return sentence + ", \(origin)."
        }
    }

    /// This host's address in the subnet that reaches `node` (the outer source of a tunnel).
    static func underlayAddress(toward node: IPAddress, model: SnapshotModel) -> IPAddress? {
        model.snapshot.addresses.first { $0.family == node.family && $0.prefixLength < node.family.bitWidth && $0.subnet.contains(node) }?.local
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
