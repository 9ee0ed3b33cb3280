import Foundation

/// The machines of the site, each in its own network namespace:
///
///     office 192.168.50.10 ──veth── gw 192.168.50.1 | 10.20.1.254 ──┐
///                                                                 lan bridge (its own namespace)
///                         node1 10.20.1.22 (block 10.21.230.0/26) ──┤
///                         node2 10.20.1.24 (block 10.21.69.192/26) ─┘
///
/// Every host names its interfaces like a real machine would (`eth0`, `eth1`): podroute is
/// pointed at one host at a time and must not see lab scaffolding.
public enum LabHost: String, CaseIterable, Sendable {
    case office, gw, node1, node2

    /// The address others reach this host on: for `gw` its data-centre side (the next hop the
    /// nodes use); its office side is `LabTopology.gatewayOfficeAddress`.
    public var address: String {
        switch self {
        case .office: LabTopology.officeAddress
        case .gw: LabTopology.gatewayAddress
        case .node1: LabNode.node1.address
        case .node2: LabNode.node2.address
        }
    }

    /// Every address the host holds: `gw` has one per side.
    public var addresses: [String] {
        self == .gw ? [LabTopology.gatewayOfficeAddress, LabTopology.gatewayAddress] : [address]
    }

    /// The node this host is, if it is one.
    public var node: LabNode? { LabNode(rawValue: rawValue) }
}

/// A Kubernetes node of the lab: where its pods' /26 block comes from and, in VXLAN mode, its
/// VTEP address (the block's first address, as Calico allocates it).
public enum LabNode: String, CaseIterable, Sendable {
    case node1, node2

    public var host: LabHost { LabHost(rawValue: rawValue)! }
    public var address: String { self == .node1 ? "10.20.1.22" : "10.20.1.24" }
    public var block: String { self == .node1 ? "10.21.230.0/26" : "10.21.69.192/26" }
    public var vtepAddress: String { self == .node1 ? "10.21.230.0" : "10.21.69.192" }
    /// The other node of the two.
    public var peer: LabNode { self == .node1 ? .node2 : .node1 }
}

/// Addresses, names and numbers of the site, shared by the builders and by tests.
public enum LabTopology {
    public static let officeAddress = "192.168.50.10"
    public static let officePrefixLength = 24
    public static let gatewayOfficeAddress = "192.168.50.1"
    public static let gatewayAddress = "10.20.1.254"
    public static let dataCentrePrefixLength = 24
    /// The cluster's pod CIDR: what an operator routes on the gateway as one aggregate.
    public static let podCIDR = "10.21.0.0/16"

    /// The uplink of each host: `eth0` everywhere, plus `eth1` (data-centre side) on `gw`.
    public static let uplink = "eth0"
    public static let gatewayDataCentreInterface = "eth1"

    public static let bgpAS = 64512
    public static let vxlanDevice = "vxlan.calico"
    public static let vxlanVNI = 4096
    public static let vxlanPort = 4789
    public static let vxlanMTU = 1450

    /// Links and addresses: the office veth, the data-centre bridge with one port per host,
    /// default routes, forwarding on gw and the nodes. The gateway gets no route to the pods.
    static func build(hosts: [LabHost: TestNamespace], bridge: TestNamespace) throws {
        let office = hosts[.office]!, gw = hosts[.gw]!
        try bridge.ipBatch(["link add br0 type bridge", "link set br0 up"])

        try office.ip(["link", "add", uplink, "type", "veth", "peer", "name", uplink, "netns", gw.name])
        try office.ipBatch([
            "addr add \(officeAddress)/\(officePrefixLength) dev \(uplink)",
            "link set \(uplink) up",
            "route add default via \(gatewayOfficeAddress)",
        ])
        try gw.ipBatch([
            "addr add \(gatewayOfficeAddress)/\(officePrefixLength) dev \(uplink)",
            "link set \(uplink) up",
        ])

        // The data-centre LAN: the bridge port is named after the host, the host end like a NIC.
        for host in [LabHost.gw, .node1, .node2] {
            let namespace = hosts[host]!
            let device = host == .gw ? gatewayDataCentreInterface : uplink
            try bridge.ip(["link", "add", host.rawValue, "type", "veth", "peer", "name", device, "netns", namespace.name])
            try bridge.ipBatch(["link set \(host.rawValue) master br0", "link set \(host.rawValue) up"])
            var commands = ["addr add \(host.address)/\(dataCentrePrefixLength) dev \(device)", "link set \(device) up"]
            if host != .gw { commands.append("route add default via \(gatewayAddress)") }
            try namespace.ipBatch(commands)
        }
        // ICMP errors unthrottled (the kernel allows one per second per peer by default): the
        // probes and the real traceroute that checks them each need every time-exceeded and
        // unreachable, and they run back to back.
        for host in [LabHost.gw, .node1, .node2] {
            try LabSysctl.set(["net/ipv4/ip_forward": "1", "net/ipv4/icmp_ratelimit": "0",
                               "net/ipv6/icmp/ratelimit": "0"], in: hosts[host]!)
        }
    }
}
