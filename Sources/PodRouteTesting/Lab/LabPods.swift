import Foundation

/// A pod of the lab, wired the way Calico's CNI plugin and Felix wire one.
public struct LabPod: Sendable, Hashable {
    /// The Kubernetes namespace (`default`).
    public let namespace: String
    /// The pod name (`web-0`).
    public let name: String
    /// Its /32 from the node's block.
    public let address: String
    public let node: LabNode
    /// The host side of its veth on the node: `cali` + 11 hex digits of SHA-1("namespace.name").
    public let hostInterface: String
    /// The network namespace holding its `eth0`.
    public let netns: String

    /// `namespace/name`, as kubectl prints it.
    public var qualifiedName: String { "\(namespace)/\(name)" }
}

/// The pods of the site and how they are wired (calico `cni-plugin/pkg/dataplane/linux`):
/// - pod `eth0` holds a /32 and reaches everything through the link-local gateway 169.254.1.1
///   (`169.254.1.1 dev eth0 scope link`, `default via 169.254.1.1 dev eth0`);
/// - the host side has no address, MAC ee:ee:ee:ee:ee:ee and `proxy_arp=1` (with no proxy
///   delay), so the node answers the pod's ARP for 169.254.1.1 — any address it routes elsewhere;
/// - the node routes the pod as `<podIP> dev caliX scope link` (proto boot) and keeps a
///   permanent neighbour entry for it, as Felix does.
/// The block's blackhole route belongs to whoever announces the block (BIRD in BGP mode, the
/// VXLAN builder otherwise).
enum LabPods {
    struct Spec: Sendable {
        let namespace: String
        let name: String
        let address: String
        let node: LabNode
    }

    static let specs: [Spec] = [
        Spec(namespace: "default", name: "web-0", address: "10.21.230.3", node: .node1),
        Spec(namespace: "default", name: "api-0", address: "10.21.230.9", node: .node1),
        Spec(namespace: "default", name: "web-1", address: "10.21.69.212", node: .node2),
        Spec(namespace: "kube-system", name: "coredns-0", address: "10.21.69.200", node: .node2),
    ]

    /// The pod link-local gateway every Calico pod routes through.
    static let podGateway = "169.254.1.1"
    static let hostSideMAC = "ee:ee:ee:ee:ee:ee"

    /// Creates each pod's namespace (through `makeNamespace`) and wires it to its node.
    /// `mtu` is Calico's veth MTU: the underlay's minus the encapsulation's overhead.
    static func build(nodes: [LabNode: TestNamespace], runName: String, mtu: Int,
                      makeNamespace: (String) throws -> TestNamespace) throws -> [LabPod] {
        try specs.map { spec in
            let node = nodes[spec.node]!
            let podNamespace = try makeNamespace("\(runName)-\(spec.name)")
            try LabSysctl.set(LabSysctl.baseline, in: podNamespace)
            let cali = try calicoInterfaceName(namespace: spec.namespace, pod: spec.name)

            try node.ip(["link", "add", cali, "mtu", String(mtu), "type", "veth",
                         "peer", "name", "eth0", "mtu", String(mtu), "netns", podNamespace.name])
            try podNamespace.ipBatch([
                "link set lo up",
                "addr add \(spec.address)/32 dev eth0",
                "link set eth0 up",
                "route add \(podGateway) dev eth0 scope link",
                "route add default via \(podGateway) dev eth0",
            ])
            try LabSysctl.set([
                "net/ipv4/conf/\(cali)/proxy_arp": "1",
                "net/ipv4/neigh/\(cali)/proxy_delay": "0",
                "net/ipv4/conf/\(cali)/route_localnet": "1",
                "net/ipv4/conf/\(cali)/forwarding": "1",
            ], in: node)
            let podMAC = try macAddress(of: "eth0", in: podNamespace)
            try node.ipBatch([
                "link set \(cali) address \(hostSideMAC)",
                "link set \(cali) up",
                "route add \(spec.address) dev \(cali) scope link proto boot",
                "neigh replace \(spec.address) lladdr \(podMAC) dev \(cali) nud permanent",
            ])
            return LabPod(namespace: spec.namespace, name: spec.name, address: spec.address, node: spec.node,
                          hostInterface: cali, netns: podNamespace.name)
        }
    }

    /// Calico's rule, computed with coreutils' `sha1sum` rather than podroute's own code, so
    /// the lab stays an independent witness of podroute's naming.
    static func calicoInterfaceName(namespace: String, pod: String) throws -> String {
        "cali" + (try sha1Hex(of: "\(namespace).\(pod)")).prefix(11)
    }

    /// Lower-case hex SHA-1 of `text`, by `sha1sum` (text passed as an argument, never quoted into a script).
    static func sha1Hex(of text: String) throws -> String {
        let output = try ProgramRun.run("/bin/sh", ["-c", "printf %s \"$1\" | sha1sum", "sh", text]).succeeded().standardOutput
        let hex = String(output.prefix { $0.isHexDigit })
        guard hex.count == 40 else { throw LabError("sha1sum printed \(output.debugDescription)") }
        return hex
    }

    /// The MAC address of `device`, from `ip -j link`.
    static func macAddress(of device: String, in namespace: TestNamespace) throws -> String {
        let json = try namespace.ip(["-j", "link", "show", "dev", device])
        guard let links = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]],
              let address = links.first?["address"] as? String else {
            throw LabError("no MAC address for \(device) in \(namespace.name): \(json)")
        }
        return address
    }
}
