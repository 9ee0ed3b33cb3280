import Foundation

/// A small site in network namespaces, for tests that trace and fix how the office LAN reaches
/// pods: an office client, a Linux gateway, two Calico nodes on a shared data-centre LAN, and two
/// pods per node wired exactly as Calico wires them. Pods on the two nodes reach each other by
/// BGP (real BIRD 2) or by VXLAN (`vxlan.calico` as Felix programs it), chosen at creation.
///
///     let lab = try SiteLab(.bgp)
///     #expect(!lab.ping(from: .office, to: "10.21.69.212"))   // gw has no route to the pods
///     try lab.addGatewayRoute(.aggregate(via: .node1))         // 10.21.0.0/16 via 10.20.1.22
///     #expect(lab.ping(from: .office, to: "10.21.69.212"))    // office -> gw -> node1 -> node2 -> pod
///     podroute --netns \(lab.namespace(.gw)) ...
///
/// Addresses and names are fixed (`LabHost`, `LabNode`, `LabTopology`, `pods`); namespace names
/// are unique per lab (`prt<pid>-<label><hex>-<host>-<hex>`), so labs run in parallel.
/// Everything it starts or creates — BIRD, namespaces, a temporary directory — is undone by
/// `remove()` or `deinit`, and by the initialiser itself when building fails half-way. No
/// packet leaves the lab's namespaces and the root namespace is never changed.
public final class SiteLab: Sendable {
    /// How pods on one node reach pods on the other.
    public enum Mode: String, Sendable, CaseIterable, CustomStringConvertible {
        /// No encapsulation; BIRD's node-to-node mesh installs `<block> via <node> dev eth0 proto bird`.
        case bgp
        /// `vxlan.calico`: `<block> via <VTEP> dev vxlan.calico onlink` plus permanent neighbour and FDB entries.
        case vxlan

        public var description: String { rawValue }
    }

    public let mode: Mode
    /// Whether `gw` runs BIRD too, peered with both nodes (BGP mode only).
    public let gatewayRunsBGP: Bool
    /// The start shared by the names of all this lab's namespaces (`prt<pid>-<label><hex>-`).
    public let namePrefix: String
    /// The pods, two per node: default/web-0 10.21.230.3 and default/api-0 10.21.230.9 on node1,
    /// default/web-1 10.21.69.212 and kube-system/coredns-0 10.21.69.200 on node2.
    public let pods: [LabPod]
    /// The lab's temporary directory (BIRD configurations, sockets and logs).
    public let directory: String

    let hosts: [LabHost: TestNamespace]
    /// The namespace holding the data-centre bridge `br0` (ports named gw, node1, node2).
    public let bridgeNamespace: String
    private let speakers: [LabBGP.Speaker]
    private let resources: LabResources

    /// Builds the site. `label` (letters, digits; 8 characters kept) names it in namespace
    /// names. In BGP mode it returns once BIRD has converged, or throws after
    /// `convergenceTimeout`. Needs root, iproute2, ping, traceroute and, for BGP, BIRD 2.
    public init(_ mode: Mode, label: String = "lab", gatewayBGP: Bool = false,
                convergenceTimeout: Duration = .seconds(20)) throws {
        guard !gatewayBGP || mode == .bgp else {
            throw LabError("gatewayBGP needs BGP mode: in VXLAN mode Calico runs no BIRD")
        }
        let safeLabel = String(label.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8))
        let runName = safeLabel + String(UInt16.random(in: .min ... .max), radix: 16)
        let resources = LabResources()
        self.mode = mode
        self.gatewayRunsBGP = gatewayBGP
        self.resources = resources
        namePrefix = "\(TestNamespace.prefix)\(getpid())-\(runName)-"
        do {
            directory = try resources.makeDirectory(runName)
            var hosts: [LabHost: TestNamespace] = [:]
            for host in LabHost.allCases {
                let namespace = try resources.makeNamespace("\(runName)-\(host.rawValue)")
                try namespace.ip("link set lo up")
                try LabSysctl.set(LabSysctl.baseline, in: namespace)
                hosts[host] = namespace
            }
            let bridge = try resources.makeNamespace("\(runName)-lan")
            try LabSysctl.set(LabSysctl.baseline, in: bridge)
            try LabTopology.build(hosts: hosts, bridge: bridge)
            let nodes = Dictionary(uniqueKeysWithValues: LabNode.allCases.map { ($0, hosts[$0.host]!) })
            pods = try LabPods.build(nodes: nodes, runName: runName, mtu: mode == .vxlan ? LabTopology.vxlanMTU : 1500,
                                     makeNamespace: resources.makeNamespace)
            switch mode {
            case .vxlan:
                try LabVXLAN.build(nodes: nodes)
                speakers = []
            case .bgp:
                speakers = try LabBGP.start(hosts: hosts, gatewayPeers: gatewayBGP, directory: directory,
                                            timeout: convergenceTimeout, adopt: resources.adopt)
            }
            self.hosts = hosts
            bridgeNamespace = bridge.name
        } catch {
            try? resources.remove()
            throw error
        }
    }

    deinit { try? resources.remove() }

    /// Stops BIRD, deletes every namespace and the temporary directory. Later calls do nothing;
    /// the lab must not be used afterwards.
    public func remove() throws {
        try resources.remove()
    }

    /// The `ip netns` name of a host: what podroute's `--netns` takes, `ip -n` too.
    public func namespace(_ host: LabHost) -> String {
        hosts[host]!.name
    }

    /// The pod named `namespace/name` (`default/web-0`).
    public func pod(_ qualifiedName: String) -> LabPod? {
        pods.first { $0.qualifiedName == qualifiedName }
    }

    /// The pods on a node.
    public func pods(on node: LabNode) -> [LabPod] {
        pods.filter { $0.node == node }
    }

    /// Pids of the BIRD processes this lab runs (empty in VXLAN mode); gone after `remove()`.
    public var processIDs: [pid_t] {
        speakers.map(\.daemon.pid)
    }

    /// BIRD's control socket on a host (for `birdc -s`), or nil where no BIRD runs.
    public func birdControlSocket(on host: LabHost) -> String? {
        speakers.first { $0.host == host }?.controlSocket
    }

    /// Felix's MAC of a node's `vxlan.calico` (set in VXLAN mode; the rule holds in either mode).
    public func vxlanMAC(of node: LabNode) throws -> String {
        try LabVXLAN.vtepMAC(of: node)
    }
}
