/// What a device is for, as an ops engineer would name it. Derived once from kind, name,
/// master and addresses (see ../shared/reference/calico-and-cni.md section 1).
public enum LinkRole: String, Sendable, Hashable, CaseIterable, Codable {
    case loopback
    case physical
    case calicoWorkload = "calico-workload"
    case calicoIPIP = "calico-ipip"
    case calicoVXLAN = "calico-vxlan"
    case calicoWireguard = "calico-wireguard"
    case flannelVXLAN = "flannel-vxlan"
    case cniBridge = "cni-bridge"
    case cniWorkload = "cni-workload"
    case ciliumHost = "cilium-host"
    case ciliumOverlay = "cilium-overlay"
    case ciliumWorkload = "cilium-workload"
    case dockerBridge = "docker-bridge"
    case kubeIPVS = "kube-ipvs"
    case nodelocaldns
    case bridge
    case veth
    case vxlan
    case tunnel
    case other

    /// A pod's host-side device.
    public var isWorkload: Bool { self == .calicoWorkload || self == .cniWorkload || self == .ciliumWorkload }

    /// A device that encapsulates traffic toward other nodes.
    public var isOverlay: Bool {
        [.calicoIPIP, .calicoVXLAN, .calicoWireguard, .flannelVXLAN, .ciliumOverlay, .vxlan, .tunnel].contains(self)
    }

    /// The encapsulation a route through this device gets.
    public var encapsulation: Encapsulation? {
        switch self {
        case .calicoIPIP: .ipip
        case .calicoVXLAN, .flannelVXLAN, .vxlan: .vxlan
        case .calicoWireguard: .wireguard
        case .ciliumOverlay: .vxlan
        case .tunnel: .ipip
        default: nil
        }
    }

    /// Display order: what an operator looks at first (uplinks, tunnels) before the many workloads.
    public var displayRank: Int {
        switch self {
        case .physical: 0
        case .calicoIPIP, .calicoVXLAN, .calicoWireguard, .flannelVXLAN, .ciliumOverlay, .vxlan, .tunnel: 1
        case .loopback: 2
        case .cniBridge, .ciliumHost, .dockerBridge, .bridge, .kubeIPVS, .nodelocaldns: 3
        case .veth, .other: 4
        case .calicoWorkload, .cniWorkload, .ciliumWorkload: 5
        }
    }
}

/// How packets of a route are wrapped on their way to another node.
public enum Encapsulation: String, Sendable, Hashable, Codable {
    case ipip
    case vxlan
    case wireguard
    case none
}
