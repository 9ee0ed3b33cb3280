/// A neighbour-table entry (`ip neigh`, `RTM_NEWNEIGH` of AF_INET/AF_INET6): which link-layer
/// address the kernel puts on frames to `destination` out of `device`. On `vxlan.calico` the
/// entry for a remote VTEP address names that node's VTEP MAC, which the FDB maps to the node.
public struct Neighbour: Hashable, Sendable {
    /// `NDA_DST`.
    public var destination: IPAddress
    /// `ndm_ifindex`.
    public var device: InterfaceIndex
    /// `NDA_LLADDR`; nil while unresolved (INCOMPLETE, FAILED) or on devices without addresses.
    public var linkLayerAddress: LinkLayerAddress?
    /// `ndm_state`.
    public var state: NeighbourState
    /// `ndm_flags`.
    public var flags: NeighbourFlags

    public init(destination: IPAddress, device: InterfaceIndex, linkLayerAddress: LinkLayerAddress? = nil,
                state: NeighbourState = [], flags: NeighbourFlags = []) {
        self.destination = destination
        self.device = device
        self.linkLayerAddress = linkLayerAddress
        self.state = state
        self.flags = flags
    }

    public var family: AddressFamily { destination.family }
}

/// A forwarding-database entry (`bridge fdb`, `RTM_NEWNEIGH` of AF_BRIDGE): where frames to a MAC
/// go. On a vxlan device (`self` entries) `destination` is the remote VTEP's underlay address,
/// the outer destination of the UDP packet; on a bridge port (`master` entries) the port.
public struct FDBEntry: Hashable, Sendable {
    /// `NDA_LLADDR`: the MAC.
    public var linkLayerAddress: LinkLayerAddress
    /// `ndm_ifindex`: the vxlan device or bridge port.
    public var device: InterfaceIndex
    /// `NDA_MASTER`: the bridge, for entries of the bridge's own table.
    public var master: InterfaceIndex?
    /// `NDA_DST`: the remote VTEP (vxlan only).
    public var destination: IPAddress?
    /// `NDA_VNI`: sent only when it differs from the device's VNI.
    public var vni: UInt32?
    /// `NDA_SRC_VNI` (collect-metadata devices).
    public var sourceVNI: UInt32?
    /// `NDA_PORT`: sent only when it differs from the device's port.
    public var port: UInt16?
    /// `NDA_IFINDEX`: the underlay device the UDP packet leaves by (`via`).
    public var viaDevice: InterfaceIndex?
    /// `NDA_VLAN`.
    public var vlan: UInt16?
    /// `ndm_state`: `permanent`, `static` (NOARP), `stale`, or dynamic.
    public var state: NeighbourState
    /// `ndm_flags`: `self`, `master`, `extern_learn`...
    public var flags: NeighbourFlags

    public init(linkLayerAddress: LinkLayerAddress, device: InterfaceIndex, master: InterfaceIndex? = nil,
                destination: IPAddress? = nil, vni: UInt32? = nil, sourceVNI: UInt32? = nil, port: UInt16? = nil,
                viaDevice: InterfaceIndex? = nil, vlan: UInt16? = nil, state: NeighbourState = [],
                flags: NeighbourFlags = []) {
        self.linkLayerAddress = linkLayerAddress
        self.device = device
        self.master = master
        self.destination = destination
        self.vni = vni
        self.sourceVNI = sourceVNI
        self.port = port
        self.viaDevice = viaDevice
        self.vlan = vlan
        self.state = state
        self.flags = flags
    }
}

/// `ndm_state` (`NUD_*`); iproute2 prints the set bits by name (`ip neigh`) or one word (`bridge fdb`).
public struct NeighbourState: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let incomplete = Self(rawValue: 0x01)
    public static let reachable = Self(rawValue: 0x02)
    public static let stale = Self(rawValue: 0x04)
    public static let delay = Self(rawValue: 0x08)
    public static let probe = Self(rawValue: 0x10)
    public static let failed = Self(rawValue: 0x20)
    public static let noarp = Self(rawValue: 0x40)
    public static let permanent = Self(rawValue: 0x80)

    /// `ip neigh` names, in iproute2's order (ip/ipneigh.c `nud_state_a2n`).
    public static let named: [(Self, String)] = [
        (.incomplete, "INCOMPLETE"), (.reachable, "REACHABLE"), (.stale, "STALE"), (.delay, "DELAY"),
        (.probe, "PROBE"), (.failed, "FAILED"), (.noarp, "NOARP"), (.permanent, "PERMANENT"),
    ]

    /// `["PERMANENT"]`; empty for NUD_NONE (iproute2 prints nothing then).
    public var names: [String] { Self.named.filter { contains($0.0) }.map(\.1) }

    /// The state a list of `ip neigh` names stands for; nil when one is unknown.
    public init?(names: [some StringProtocol]) {
        var state: Self = []
        for name in names {
            guard let match = Self.named.first(where: { $0.1 == name.uppercased() }) else { return nil }
            state.insert(match.0)
        }
        self = state
    }

    /// `bridge fdb`'s single word (bridge/fdb.c `state_n2a`): `permanent`, `static`, `stale`, or "".
    public var fdbName: String {
        if contains(.permanent) { return "permanent" }
        if contains(.noarp) { return "static" }
        if contains(.stale) { return "stale" }
        return ""
    }

    /// The state `bridge fdb`'s word stands for (`""`: dynamic, read as REACHABLE).
    public init?(fdbName: some StringProtocol) {
        switch fdbName {
        case "permanent": self = .permanent
        case "static": self = .noarp
        case "stale": self = .stale
        case "": self = .reachable
        default: return nil
        }
    }

    /// Entries the kernel will not age out or re-resolve (what Calico programs).
    public var isStatic: Bool { !intersection([.permanent, .noarp]).isEmpty }
}

/// `ndm_flags` (`NTF_*`).
public struct NeighbourFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let use = Self(rawValue: 0x01)
    /// An entry of the device's own table (vxlan FDB), not the bridge's.
    public static let `self` = Self(rawValue: 0x02)
    public static let master = Self(rawValue: 0x04)
    public static let proxy = Self(rawValue: 0x08)
    public static let externLearn = Self(rawValue: 0x10)
    public static let offload = Self(rawValue: 0x20)
    public static let sticky = Self(rawValue: 0x40)
    public static let router = Self(rawValue: 0x80)

    /// `bridge fdb` flag words, in bridge/fdb.c's order.
    public static let fdbNamed: [(Self, String)] = [
        (.self, "self"), (.router, "router"), (.externLearn, "extern_learn"), (.offload, "offload"),
        (.master, "master"), (.sticky, "sticky"),
    ]

    /// `ip neigh` flag words, in ip/ipneigh.c's order.
    public static let neighbourNamed: [(Self, String)] = [
        (.router, "router"), (.proxy, "proxy"), (.externLearn, "extern_learn"), (.offload, "offload"),
    ]

    public var fdbNames: [String] { Self.fdbNamed.filter { contains($0.0) }.map(\.1) }
    public var neighbourNames: [String] { Self.neighbourNamed.filter { contains($0.0) }.map(\.1) }
}
