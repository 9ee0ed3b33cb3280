import Testing
@testable import PodRouteCore

@Suite struct CalicoNamingTests {
    @Test func matchesCalicosTestVectors() {
        #expect(CalicoNaming.interfaceName(namespace: "default", pod: "nginx") == "calic440f455693")
        #expect(CalicoNaming.interfaceName(namespace: "namespace", pod: "podname") == "cali82111e10a96")
        #expect(CalicoNaming.interfaceName(namespace: "namespace", pod: "podname", prefix: "eni") == "eni82111e10a96")
    }

    @Test func recognisesTheShape() {
        #expect(CalicoNaming.looksLikeWorkload("calic440f455693"))
        #expect(!CalicoNaming.looksLikeWorkload("calic440f45569"))
        #expect(!CalicoNaming.looksLikeWorkload("caliC440F455693"))
    }
}

@Suite struct LinkClassifierTests {
    private func link(_ name: String, kind: LinkKind? = nil, type: LinkLayerType = .ether, parent: Int32? = nil,
                      master: Int32? = nil, flags: LinkFlags = [.up, .running]) -> Link {
        let masterIndex: InterfaceIndex? = master.map { InterfaceIndex($0) }
        let parentIndex: InterfaceIndex? = parent.map { InterfaceIndex($0) }
        return Link(index: InterfaceIndex(1), name: name, flags: flags, linkType: type, master: masterIndex,
                    parent: parentIndex, kind: kind)
    }

    @Test(arguments: [
        ("lo", nil, LinkRole.loopback), ("ens192", nil, .physical), ("eth0", nil, .physical),
        ("enp6s0", nil, .physical), ("tunl0", LinkKind.ipip, .calicoIPIP), ("tunl0", nil, .calicoIPIP),
        ("vxlan.calico", .vxlan, .calicoVXLAN), ("wireguard.cali", .wireguard, .calicoWireguard),
        ("flannel.1", .vxlan, .flannelVXLAN), ("cni0", .bridge, .cniBridge), ("cilium_host", .veth, .ciliumHost),
        ("cilium_vxlan", .vxlan, .ciliumOverlay), ("lxc12ab34cd56ef", .veth, .ciliumWorkload),
        ("docker0", .bridge, .dockerBridge), ("br-0123456789ab", .bridge, .dockerBridge),
        ("kube-ipvs0", .dummy, .kubeIPVS), ("nodelocaldns", .dummy, .nodelocaldns), ("br0", .bridge, .bridge),
        ("veth0f60e2c", .veth, .veth), ("vx0", .vxlan, .vxlan), ("gre1", .gre, .tunnel), ("wg0", .wireguard, .tunnel),
        ("calic440f455693", .veth, .calicoWorkload), ("calic440f455693", nil, .calicoWorkload),
        ("macvlan0", .macvlan, .other), ("bond0", .bond, .other),
    ] as [(String, LinkKind?, LinkRole)])
    func roles(_ name: String, _ kind: LinkKind?, _ expected: LinkRole) {
        let type: LinkLayerType = name == "lo" ? .loopback : .ether
        #expect(LinkClassifier.role(of: link(name, kind: kind, type: type), master: nil) == expected)
    }

    @Test func vethsOnTheCNIBridgeAreWorkloads() {
        let bridge = link("cni0", kind: .bridge)
        #expect(LinkClassifier.role(of: link("veth1a2b3c4d", kind: .veth, master: 1), master: bridge) == .cniWorkload)
        #expect(LinkClassifier.role(of: link("veth1a2b3c4d", kind: .veth, master: 1), master: link("docker0", kind: .bridge)) == .veth)
    }

    @Test func kindlessCapturesUseShape() {
        #expect(LinkClassifier.role(of: link("wg0", type: .none), master: nil) == .tunnel)
        #expect(LinkClassifier.role(of: link("gre0", type: .gre), master: nil) == .tunnel)
        #expect(LinkClassifier.role(of: link("vethabc", parent: 5), master: nil) == .veth)
        #expect(LinkClassifier.role(of: link("eth0.100", parent: 2), master: nil) == .physical)
        #expect(LinkClassifier.role(of: link("foo", parent: 2), master: nil) == .other)
    }
}

@Suite struct RouteClassifierTests {
    /// A Calico IPIP node like the seed article's: ens192, tunl0, two workloads, blocks.
    private func node() -> NetworkSnapshot {
        let ens = Link(index: InterfaceIndex(2), name: "ens192", flags: [.up, .running])
        let tunl = Link(index: InterfaceIndex(15), name: "tunl0", flags: [.up, .running], linkType: .ipip, kind: .ipip)
        let nginx = Link(index: InterfaceIndex(4), name: "calic440f455693", flags: [.up, .running], kind: .veth)
        let other = Link(index: InterfaceIndex(7), name: "cali6bf54ec99f4", flags: [.up, .running], kind: .veth)
        let addresses = [
            InterfaceAddress(interface: InterfaceIndex(2), local: IPAddress("10.20.1.22")!, prefixLength: 24),
            InterfaceAddress(interface: InterfaceIndex(15), local: IPAddress("10.21.230.0")!, prefixLength: 32),
        ]
        func prefix(_ text: String) -> IPPrefix { IPPrefix(captureText: Substring(text))! }
        let routes = RouteStore([
            Route(family: .inet, destination: .default(.inet), gateway: IPAddress("10.20.1.254"), device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.20.1.0/24"), proto: .kernel, scope: .link, device: InterfaceIndex(2),
                  preferredSource: IPAddress("10.20.1.22")),
            Route(family: .inet, type: .blackhole, destination: prefix("10.21.230.0/26"), proto: .bird),
            Route(family: .inet, destination: prefix("10.21.230.3/32"), scope: .link, device: InterfaceIndex(4)),
            Route(family: .inet, destination: prefix("10.21.230.9/32"), scope: .link, device: InterfaceIndex(7)),
            Route(family: .inet, destination: prefix("10.21.69.192/26"), proto: .bird, flags: .onlink,
                  gateway: IPAddress("10.20.1.24"), device: InterfaceIndex(15)),
            Route(family: .inet, destination: prefix("10.21.12.0/26"), proto: .bird, gateway: IPAddress("10.20.1.25"),
                  device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.96.0.0/12"), gateway: IPAddress("10.20.1.23"), device: InterfaceIndex(2)),
            Route(family: .inet, type: .local, destination: prefix("10.20.1.22/32"), table: .local, proto: .kernel,
                  scope: .host, device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("192.168.7.0/24"), proto: .static, gateway: IPAddress("10.20.1.1"),
                  device: InterfaceIndex(2)),
        ])
        return NetworkSnapshot(host: "node1", source: .demo, links: [ens, nginx, other, tunl], addresses: addresses,
                               routes: routes, pods: [PodReference(namespace: "default", name: "nginx"),
                                                      PodReference(namespace: "ingress", name: "ctrl", addresses: [IPAddress("10.21.230.9")!])])
    }

    @Test func classifiesEveryShape() {
        let snapshot = node()
        let classifier = CNIClassifier(snapshot: snapshot)
        let results = snapshot.routes.map { classifier.classify($0) }
        #expect(results.map(\.role) == [.default, .connected, .localBlock, .workload, .workload, .remoteBlock,
                                         .remoteBlock, .service, .local, .other])
        #expect(results[3].pod == PodReference(namespace: "default", name: "nginx"))  // by Calico's naming rule
        #expect(results[4].pod?.name == "ctrl")                                     // by the /32 route's address
        #expect(results[5].encapsulation == .ipip && results[5].node == IPAddress("10.20.1.24"))
        #expect(results[6].encapsulation == Encapsulation.none && results[6].node == IPAddress("10.20.1.25"))
        #expect(classifier.serviceCIDRsAssumed)
        #expect(classifier.linkPods[InterfaceIndex(4)]?.description == "default/nginx")
    }

    @Test func knownServiceCIDRsReplaceTheAssumption() {
        let classifier = CNIClassifier(snapshot: node(), hints: ClusterHints(serviceCIDRs: []))
        #expect(!classifier.serviceCIDRsAssumed)
        #expect(classifier.classify(node().routes[7]).role == .other)
    }
}

@Suite struct PodListParserTests {
    @Test func readsPlainLists() throws {
        let pods = try PodListParser.parse("# pods\ndefault/nginx 10.21.230.3\ningress-nginx/ctrl-d8\n")
        #expect(pods == [PodReference(namespace: "default", name: "nginx", addresses: [IPAddress("10.21.230.3")!]),
                         PodReference(namespace: "ingress-nginx", name: "ctrl-d8")])
    }

    @Test func readsKubectlWideAndFiltersTheNode() throws {
        let text = """
        NAMESPACE     NAME                      READY   STATUS    RESTARTS      AGE   IP             NODE    NOMINATED NODE   READINESS GATES
        default       nginx                     1/1     Running   2 (3h ago)    5d    10.21.230.3    node1   <none>           <none>
        kube-system   coredns-5d78c9869d-abcde  1/1     Running   0             5d    10.21.69.212   node2   <none>           <none>
        """
        #expect(try PodListParser.parse(text).count == 2)
        #expect(try PodListParser.parse(text, node: "node1").map(\.name) == ["nginx"])
    }

    @Test func readsKubectlJSON() throws {
        let json = #"{"items":[{"metadata":{"namespace":"default","name":"web-0"},"spec":{"nodeName":"node2"},"status":{"podIP":"10.21.69.212","podIPs":[{"ip":"10.21.69.212"}]}}]}"#
        let pods = try PodListParser.parse(json)
        #expect(pods == [PodReference(namespace: "default", name: "web-0", addresses: [IPAddress("10.21.69.212")!])])
        #expect(try PodListParser.parse(json, node: "node1").isEmpty)
    }

    @Test func rejectsGarbageWithTheLine() {
        #expect(throws: PodListParser.Failure(line: 2, text: "just words")) {
            try PodListParser.parse("default/nginx\njust words\n")
        }
    }
}

@Suite struct SanitizerTests {
    @Test func escapesControlSequences() {
        #expect(Sanitizer.printable("eth0\u{1b}[2J") == "eth0\\x1b[2J")
        #expect(Sanitizer.printable("a\u{9b}31mb") == "a\\x9b31mb")
        #expect(Sanitizer.printable("x\u{202e}y\n") == "x\\x202ey\\x0a")
        #expect(Sanitizer.printable("calic440f455693") == "calic440f455693")
        #expect(Sanitizer.printable("节点-1") == "节点-1")
    }
}

@Suite("Kernel routes on tunnels")
struct KernelRoutesOnTunnelsTests {
    /// `fe80::/64 dev vxlan.calico proto kernel` is the tunnel's link-local subnet, not a pod block.
    @Test func aTunnelsLinkLocalRouteIsConnected() throws {
        let capture = """
            $ ip -d link
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether 02:00:00:00:01:22 brd ff:ff:ff:ff:ff:ff
            3: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default
                link/ether 66:aa:bb:cc:dd:01 brd ff:ff:ff:ff:ff:ff
                vxlan id 4096 local 10.20.1.22 dev eth0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300
            $ ip -6 route
            fe80::/64 dev vxlan.calico proto kernel metric 256 pref medium
            $ ip route
            10.21.69.192/26 via 10.21.69.192 dev vxlan.calico onlink
            """
        let snapshot = try CaptureReader.load(text: capture, path: "node1.txt")
        let classifier = CNIClassifier(snapshot: snapshot)
        let roles = Dictionary(uniqueKeysWithValues: snapshot.routes.map { (RouteText.prefix($0.destination), classifier.classify($0).role) })
        #expect(roles["fe80::/64"] == .connected)
        #expect(roles["10.21.69.192/26"] == .remoteBlock)
    }
}
