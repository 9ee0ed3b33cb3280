import PodRouteCore
import SnapshotTesting
import Testing
@testable import PodRouteUI

/// The detail pane's words, for every route role, encapsulation and the usual protocols.
@Suite struct ExplainerTests {
    static let vxlan = InterfaceIndex(40)
    static let wireguard = InterfaceIndex(41)
    static let ipvs = InterfaceIndex(42)

    static func route(_ text: String, type: RouteType = .unicast, table: RouteTableID = .main,
                      proto: RouteProtocol = .boot, scope: RouteScope = .universe, flags: RouteFlags = [],
                      metric: UInt32? = nil, gateway: String? = nil, device: InterfaceIndex? = nil,
                      nexthops: [Nexthop] = [], metrics: RouteMetrics = RouteMetrics()) -> Route {
        Route(family: .inet, type: type, destination: Fixtures.prefix(text), table: table, proto: proto, scope: scope,
              flags: flags, metric: metric, gateway: gateway.map(Fixtures.ip), device: device, nexthops: nexthops,
              metrics: metrics)
    }

    static let extraRoutes: [Route] = [
        route("10.21.68.0/26", proto: .bird, flags: .onlink, gateway: "10.21.68.0", device: vxlan),
        route("10.21.70.0/26", proto: .felix, gateway: "10.21.70.1", device: wireguard),
        route("10.21.71.0/26", proto: .bird, gateway: "10.20.1.26", device: InterfaceIndex(2)),
        route("10.21.72.0/26", proto: .felix, gateway: "10.20.1.27", device: InterfaceIndex(2)),
        route("10.96.0.0/12", proto: .static, gateway: "10.20.1.254", device: InterfaceIndex(2)),
        route("10.30.0.0/16", proto: .static, nexthops: [
            Nexthop(gateway: Fixtures.ip("10.20.1.1"), device: InterfaceIndex(2), weight: 1),
            Nexthop(gateway: Fixtures.ip("10.20.1.2"), device: InterfaceIndex(2), weight: 3),
        ]),
        route("10.40.0.0/16", proto: .dhcp, gateway: "10.20.1.254", device: InterfaceIndex(2),
              metrics: RouteMetrics(values: [RouteMetric(.mtu, 1400), RouteMetric(.advmss, 1360)], locked: 1 << 2)),
        route("10.50.0.0/16", type: .unreachable, proto: .static),
        route("10.51.0.0/16", type: .prohibit, proto: .static),
        route("0.0.0.0/0", table: RouteTableID(100), proto: .static, gateway: "10.20.1.1", device: InterfaceIndex(2)),
        route("192.0.2.0/24", proto: RouteProtocol(rawValue: 11), gateway: "10.20.1.9", device: InterfaceIndex(2)),
    ]

    static let model: SnapshotModel = {
        let base = Fixtures.node(extraRoutes: extraRoutes)
        var links = base.links
        var vxlanData = JSONObject()
        vxlanData["id"] = .uint(4096)
        vxlanData["local"] = .string("10.20.1.22")
        vxlanData["port"] = .uint(4789)
        vxlanData["link"] = .string("ens192")
        links.append(Link(index: vxlan, name: "vxlan.calico", flags: [.broadcast, .multicast, .up, .running, .lowerUp],
                          mtu: 1410, operState: .unknown, kind: .vxlan, kindData: vxlanData))
        links.append(Link(index: wireguard, name: "wireguard.cali", flags: [.pointToPoint, .noarp, .up, .running, .lowerUp],
                          mtu: 1420, linkType: .none, kind: .wireguard))
        links.append(Link(index: ipvs, name: "kube-ipvs0", flags: [.broadcast, .noarp], mtu: 1500, operState: .down,
                          kind: .dummy))
        return SnapshotModel(snapshot: base.replacing(links: links))
    }()

    static func explain(_ destination: String, table: RouteTableID = .main) -> String {
        let routes = model.snapshot.routes
        let route = routes.first { RouteText.prefix($0.destination) == destination && $0.table == table }!
        return RouteExplainer.lines(route, model: model).map(\.text).joined(separator: "\n")
    }

    @Test func everyRoleHasWords() {
        #expect(Self.explain("default").hasPrefix("Default route: packets without a more specific route leave via the gateway 10.20.1.254 through ens192, configured statically (proto static)."))
        #expect(Self.explain("10.20.1.0/24").contains("Connected subnet of ens192: hosts in 10.20.1.0/24 are reached directly, without a gateway; added by the kernel when the address was configured; replies leave from 10.20.1.22."))
        #expect(Self.explain("10.21.230.9").contains("Host route to pod ingress-nginx/ingress-nginx-controller-d864d97df-22ljk on cali3fdcaecccc9, the host side of its veth"))
        #expect(Self.explain("10.21.230.50").contains("Host route to a pod (no pod list names it) on cali0d1e2f3a4b5"))
        #expect(Self.explain("10.21.230.0/26").contains("This node's own pod block"))
        #expect(Self.explain("10.21.230.0/26").contains("addresses in it without a workload route are dropped (blackhole)"))
        #expect(Self.explain("10.21.230.0/26").contains("[!] blackhole: packets to 10.21.230.0/26 are dropped silently."))
        #expect(Self.explain("10.96.0.0/12").contains("Kubernetes Service range 10.96.0.0/12 (kubeadm's default service CIDR, assumed)"))
        #expect(Self.explain("10.20.1.22", table: .local).contains("Local table: 10.20.1.22 is an address of this host on ens192"))
        #expect(Self.explain("10.20.1.255", table: .local).contains("is a broadcast address"))
        #expect(Self.explain("192.0.2.0/24").contains("Route to 192.0.2.0/24 via 10.20.1.9 through ens192, installed by FRR/Quagga (zebra)."))
    }

    @Test func remoteBlocksSayHowPacketsTravel() {
        #expect(Self.explain("10.21.12.64/26").hasPrefix("Pod block of node 10.20.1.23, learned over BGP (BIRD). Packets are wrapped in IPIP (outer 10.20.1.22 → 10.20.1.23) and leave through tunl0 (onlink); path MTU 1440."))
        let vxlan = Self.explain("10.21.68.0/26")
        #expect(vxlan.contains("Packets are wrapped in VXLAN (VNI 4096, UDP 4789, outer source 10.20.1.22) and leave through vxlan.calico (onlink)"))
        #expect(vxlan.contains("path MTU 1410"))
        #expect(vxlan.hasPrefix("Pod block of the node whose VXLAN tunnel address is 10.21.68.0, learned over BGP (BIRD)."))
        #expect(Self.explain("10.21.70.0/26").contains("installed by Calico Felix. Packets are encrypted by WireGuard and leave through wireguard.cali"))
        #expect(Self.explain("10.21.71.0/26").contains("Pod block of node 10.20.1.26, learned over BGP (BIRD). Packets go unencapsulated to 10.20.1.26 through ens192"))
        #expect(Self.explain("10.21.72.0/26").contains("Pod block of node 10.20.1.27, installed by Calico Felix."))
    }

    @Test func multipathMetricsTablesAndDiscards() {
        let multipath = Self.explain("10.30.0.0/16")
        #expect(multipath.contains("Multipath: 2 next hops"))
        #expect(multipath.contains("hop 1 via 10.20.1.1 dev ens192 weight 1 (25% of flows)"))
        #expect(multipath.contains("hop 2 via 10.20.1.2 dev ens192 weight 3 (75% of flows)"))
        let metrics = Self.explain("10.40.0.0/16")
        #expect(metrics.contains("learned from DHCP"))
        #expect(metrics.contains("Path MTU 1400 (a route metric)."))
        #expect(metrics.contains("mtu 1400 (locked)  advmss 1360"))
        #expect(Self.explain("10.50.0.0/16").contains("[!] unreachable: packets to 10.50.0.0/16 are dropped with ICMP host unreachable."))
        #expect(multipath.hasPrefix("Route to 10.30.0.0/16 over 2 next hops, configured statically (proto static)."))
        #expect(Self.explain("10.51.0.0/16").contains("[!] prohibit: packets to 10.51.0.0/16 are dropped with ICMP administratively prohibited."))
        #expect(Self.explain("default", table: RouteTableID(100)).contains("It is in table 100: only packets a policy rule sends to that table see it."))
        #expect(Self.explain("172.17.0.0/16").contains("Its device has no carrier (linkdown)."))
    }

    @Test(arguments: [
        (RouteProtocol.bird, "learned over BGP (BIRD)"), (.felix, "installed by Calico Felix"),
        (.kernel, "added by the kernel (connected)"), (.boot, "installed at boot or by a tool that named no protocol (proto boot)"),
        (.static, "configured statically (proto static)"), (.dhcp, "learned from DHCP"), (RouteProtocol(rawValue: 99), "installed by protocol openr"),
        (RouteProtocol(rawValue: 250), "installed by protocol 250"),
    ] as [(RouteProtocol, String)])
    func protocolWords(proto: RouteProtocol, words: String) {
        #expect(ProtocolWords.origin(proto, names: .iproute2Defaults) == words)
    }

    @Test func linkDetailsSayWhatTheDeviceIs() {
        let snapshot = Self.model.snapshot
        func lines(_ name: String) -> String {
            LinkExplainer.lines(snapshot.link(named: name)!, model: Self.model, rates: RateTracker(), isLive: false)
                .map(\.text).joined(separator: "\n")
        }
        let vxlan = lines("vxlan.calico")
        #expect(vxlan.hasPrefix("Calico's VXLAN device (VNI 4096, UDP 4789, over ens192)"))
        #expect(vxlan.contains("vxlan   vni 4096  local 10.20.1.22  port 4789  dev ens192"))
        #expect(vxlan.contains("route 10.21.68.0/26 via 10.21.68.0 dev vxlan.calico proto bird onlink"))
        let tunnel = lines("tunl0")
        #expect(tunnel.contains("this node's tunnel address is 10.21.230.0/32"))
        #expect(tunnel.contains("peer @NONE"))
        #expect(lines("ens192").contains("the default route leaves here via 10.20.1.254"))
        #expect(lines("docker0").contains("[!] NO-CARRIER"))
        #expect(lines("kube-ipvs0").contains("[!] administratively DOWN"))
        #expect(lines("kube-ipvs0").contains("No route uses kube-ipvs0."))
        #expect(lines("wireguard.cali").contains("Calico's WireGuard device"))
        let workload = lines("cali3fdcaecccc9")
        #expect(workload.hasPrefix("veth, host side of pod ingress-nginx/ingress-nginx-controller-d864d97df-22ljk (netns 3, its eth0 is if3 there)."))
        #expect(workload.contains("route 10.21.230.9 dev cali3fdcaecccc9 scope link"))
        #expect(workload.contains("rates - (static source)"))
    }

    /// Every route of the extended node with its explanation: one reviewable golden file.
    @Test func allExplanations() {
        let routes = Self.model.snapshot.routes
        let text = routes.indices.map { position -> String in
            let route = routes[position]
            let lines = RouteExplainer.lines(route, model: Self.model).map(\.text)
            return "## " + Self.model.routeText.ipRouteLine(route) + "\n" + lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
        assertSnapshot(of: text, as: .lines, named: "routes", record: Golden.record)
    }
}
