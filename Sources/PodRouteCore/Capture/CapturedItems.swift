/// A route read from a capture, whose devices are still names (captures print names, and a
/// route may name a device the capture never describes).
public struct CapturedRoute: Sendable {
    public var route: Route
    public var deviceName: String?
    /// One entry per `route.nexthops` element.
    public var nexthopDeviceNames: [String?]
    public var inputDeviceName: String?
    /// How much the source printed: a richer duplicate replaces a poorer one.
    public var fidelity: CaptureFidelity
    public var line: Int?

    public init(route: Route, deviceName: String? = nil, nexthopDeviceNames: [String?] = [],
                inputDeviceName: String? = nil, fidelity: CaptureFidelity, line: Int? = nil) {
        self.route = route
        self.deviceName = deviceName
        self.nexthopDeviceNames = nexthopDeviceNames
        self.inputDeviceName = inputDeviceName
        self.fidelity = fidelity
        self.line = line
    }
}

/// How completely a capture format describes a route.
public enum CaptureFidelity: Int, Comparable, Sendable {
    /// `route -n`, `netstat -rn`: no protocol, scope or type.
    case netTools = 0
    /// `ip route` without `-d`: `proto boot`, `scope global` and `unicast` are implied.
    case iproute2Plain = 1
    /// `ip -d route`, `ip -j -d route`, a podroute snapshot.
    case iproute2Detailed = 2

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// An address read from a capture: its device is known by index, by name, or both.
public struct CapturedAddress: Sendable {
    public var address: InterfaceAddress
    public var deviceName: String?
    public var deviceIndex: InterfaceIndex?

    public init(address: InterfaceAddress, deviceName: String?, deviceIndex: InterfaceIndex?) {
        self.address = address
        self.deviceName = deviceName
        self.deviceIndex = deviceIndex
    }
}

/// Forwarding settings read from a capture (`ip netconf`, `sysctl`), per device name.
public struct CapturedForwarding: Sendable {
    public var family: AddressFamily
    /// nil with `scope` .all or .defaults.
    public var deviceName: String?
    public var scope: ForwardingConfig.Scope
    public var forwarding: Bool?
    public var reversePathFilter: ReversePathFilter?
    public var proxyNeighbour: Bool?
    public var multicastForwarding: Bool?
    public var ignoreRoutesWithLinkdown: Bool?

    public init(family: AddressFamily, deviceName: String?, scope: ForwardingConfig.Scope, forwarding: Bool? = nil,
                reversePathFilter: ReversePathFilter? = nil, proxyNeighbour: Bool? = nil,
                multicastForwarding: Bool? = nil, ignoreRoutesWithLinkdown: Bool? = nil) {
        self.family = family
        self.deviceName = deviceName
        self.scope = scope
        self.forwarding = forwarding
        self.reversePathFilter = reversePathFilter
        self.proxyNeighbour = proxyNeighbour
        self.multicastForwarding = multicastForwarding
        self.ignoreRoutesWithLinkdown = ignoreRoutesWithLinkdown
    }
}

/// A neighbour entry read from a capture; its device is still a name.
public struct CapturedNeighbour: Sendable {
    public var neighbour: Neighbour
    public var deviceName: String

    public init(neighbour: Neighbour, deviceName: String) {
        self.neighbour = neighbour
        self.deviceName = deviceName
    }
}

/// An FDB entry read from a capture; its devices are still names.
public struct CapturedFDBEntry: Sendable {
    public var entry: FDBEntry
    public var deviceName: String
    public var masterName: String?
    public var viaName: String?

    public init(entry: FDBEntry, deviceName: String, masterName: String? = nil, viaName: String? = nil) {
        self.entry = entry
        self.deviceName = deviceName
        self.masterName = masterName
        self.viaName = viaName
    }
}
