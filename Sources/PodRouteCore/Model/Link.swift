/// A network device (`ip -d link`): everything the kernel says about it that matters here,
/// with the kind-specific long tail kept as iproute2 names it.
public struct Link: Hashable, Sendable {
    public var index: InterfaceIndex
    public var name: String
    public var altNames: [String]
    /// `IFLA_IFALIAS`: free text set by `ip link set dev X alias ...` (any bytes; sanitise before display).
    public var alias: String?
    public var flags: LinkFlags
    public var mtu: UInt32
    public var minMTU: UInt32?
    public var maxMTU: UInt32?
    public var operState: OperState
    /// `IFLA_LINKMODE` (0 default, 1 dormant).
    public var linkMode: UInt8?
    public var linkType: LinkLayerType
    public var address: LinkLayerAddress?
    public var broadcast: LinkLayerAddress?
    public var permanentAddress: LinkLayerAddress?
    /// `IFLA_MASTER`: the bridge or bond this device is enslaved to.
    public var master: InterfaceIndex?
    /// `IFLA_LINK`: a veth's peer, a macvlan's or vlan's parent (`eth0@if19`, `tunl0@NONE` when 0).
    public var parent: InterfaceIndex?
    /// `IFLA_LINK_NETNSID`: the peer lives in another namespace with this id.
    public var linkNetnsID: Int32?
    /// The name of that namespace when a capture printed it (`link-netns NAME`).
    public var linkNetnsName: String?
    public var qdisc: String?
    public var group: UInt32
    public var txQueueLength: UInt32?
    public var promiscuity: UInt32?
    public var allmulti: UInt32?
    public var queues: QueueCounts
    public var kind: LinkKind?
    public var slaveKind: String?
    /// `IFLA_INFO_DATA` decoded as iproute2 prints it (`ip -j -d`): for vxlan `id`, `local`, `port`...
    public var kindData: JSONObject
    /// `IFLA_INFO_SLAVE_DATA`, likewise (bridge port state, ...).
    public var slaveData: JSONObject
    public var parentBus: String?
    public var parentDevice: String?
    public var stats: LinkStats?
    /// True for a device only known by name from a capture's routes, not described by it.
    public var isInferred: Bool

    public init(index: InterfaceIndex, name: String, altNames: [String] = [], alias: String? = nil,
                flags: LinkFlags = [], mtu: UInt32 = 1500, minMTU: UInt32? = nil, maxMTU: UInt32? = nil,
                operState: OperState = .unknown, linkMode: UInt8? = nil, linkType: LinkLayerType = .ether,
                address: LinkLayerAddress? = nil, broadcast: LinkLayerAddress? = nil,
                permanentAddress: LinkLayerAddress? = nil, master: InterfaceIndex? = nil,
                parent: InterfaceIndex? = nil, linkNetnsID: Int32? = nil, linkNetnsName: String? = nil,
                qdisc: String? = nil, group: UInt32 = 0, txQueueLength: UInt32? = nil, promiscuity: UInt32? = nil,
                allmulti: UInt32? = nil, queues: QueueCounts = QueueCounts(), kind: LinkKind? = nil,
                slaveKind: String? = nil, kindData: JSONObject = JSONObject(), slaveData: JSONObject = JSONObject(),
                parentBus: String? = nil, parentDevice: String? = nil, stats: LinkStats? = nil,
                isInferred: Bool = false) {
        self.index = index
        self.name = name
        self.altNames = altNames
        self.alias = alias
        self.flags = flags
        self.mtu = mtu
        self.minMTU = minMTU
        self.maxMTU = maxMTU
        self.operState = operState
        self.linkMode = linkMode
        self.linkType = linkType
        self.address = address
        self.broadcast = broadcast
        self.permanentAddress = permanentAddress
        self.master = master
        self.parent = parent
        self.linkNetnsID = linkNetnsID
        self.linkNetnsName = linkNetnsName
        self.qdisc = qdisc
        self.group = group
        self.txQueueLength = txQueueLength
        self.promiscuity = promiscuity
        self.allmulti = allmulti
        self.queues = queues
        self.kind = kind
        self.slaveKind = slaveKind
        self.kindData = kindData
        self.slaveData = slaveData
        self.parentBus = parentBus
        self.parentDevice = parentDevice
        self.stats = stats
        self.isInferred = isInferred
    }

    public var isUp: Bool { flags.contains(.up) }
    /// Up with carrier: what `ip link` shows as `state UP` for most devices.
    public var hasCarrier: Bool { flags.contains(.up) && flags.contains(.running) }

    /// The VXLAN parameters, when this is a vxlan device.
    public var vxlan: VXLANParameters? { kind == .vxlan ? VXLANParameters(kindData) : nil }
}

/// Queue and segmentation-offload limits (`IFLA_NUM_TX_QUEUES`, `IFLA_GSO_MAX_SIZE`, ...).
public struct QueueCounts: Hashable, Sendable {
    public var txQueues: UInt32?
    public var rxQueues: UInt32?
    public var gsoMaxSize: UInt32?
    public var gsoMaxSegments: UInt32?
    public var tsoMaxSize: UInt32?
    public var tsoMaxSegments: UInt32?
    public var groMaxSize: UInt32?

    public init(txQueues: UInt32? = nil, rxQueues: UInt32? = nil, gsoMaxSize: UInt32? = nil,
                gsoMaxSegments: UInt32? = nil, tsoMaxSize: UInt32? = nil, tsoMaxSegments: UInt32? = nil,
                groMaxSize: UInt32? = nil) {
        self.txQueues = txQueues
        self.rxQueues = rxQueues
        self.gsoMaxSize = gsoMaxSize
        self.gsoMaxSegments = gsoMaxSegments
        self.tsoMaxSize = tsoMaxSize
        self.tsoMaxSegments = tsoMaxSegments
        self.groMaxSize = groMaxSize
    }
}

/// `IFLA_INFO_KIND`: the driver kind of a virtual device; unknown kinds are kept by name.
public struct LinkKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { rawValue = name }

    public static let veth = Self("veth")
    public static let vxlan = Self("vxlan")
    public static let ipip = Self("ipip")
    public static let bridge = Self("bridge")
    public static let wireguard = Self("wireguard")
    public static let dummy = Self("dummy")
    public static let macvlan = Self("macvlan")
    public static let vlan = Self("vlan")
    public static let bond = Self("bond")
    public static let geneve = Self("geneve")
    public static let gre = Self("gre")
    public static let sit = Self("sit")
    public static let tun = Self("tun")
    public static let vrf = Self("vrf")
    public static let ipvlan = Self("ipvlan")

    public var description: String { rawValue }

    /// IP-in-IP style tunnels (no Ethernet header).
    public var isIPTunnel: Bool { [Self.ipip, .gre, .sit, Self("ip6tnl"), Self("ip6gre"), Self("vti")].contains(self) }
}

/// The parameters of a vxlan device that matter for tracing (read from its kind data).
public struct VXLANParameters: Hashable, Sendable {
    public var vni: UInt32?
    public var local: IPAddress?
    public var remote: IPAddress?
    public var port: UInt16?
    /// The underlying device's name, as iproute2 prints it (`dev`/`link`).
    public var underlyingDevice: String?
    public var learning: Bool?

    public init(_ data: JSONObject) {
        vni = data["id"]?.uintValue.map { UInt32(truncatingIfNeeded: $0) }
        local = (data["local"] ?? data["local6"])?.stringValue.flatMap { IPAddress($0) }
        remote = (data["remote"] ?? data["group"] ?? data["remote6"] ?? data["group6"])?.stringValue.flatMap { IPAddress($0) }
        port = data["port"]?.uintValue.map { UInt16(truncatingIfNeeded: $0) }
        underlyingDevice = data["link"]?.stringValue
        learning = data["learning"]?.boolValue
    }
}
