/// The outcome of a path trace.
public enum TraceVerdict: String, Sendable, Hashable, Codable {
    /// Delivered to a local address or a workload of a known host.
    case reachable
    /// It leaves the known hosts through a valid next hop; podroute cannot see further.
    case forwarded
    case unreachable
    /// podroute lacks what it needs to say (the starting host is unknown, a capture lacks routes).
    case unknown
}

/// How a hop wraps the packet for the next node.
public struct EncapsulationInfo: Sendable, Hashable {
    public var kind: Encapsulation
    public var device: String
    public var outerSource: IPAddress?
    public var outerDestination: IPAddress?
    /// The VXLAN network identifier.
    public var vni: UInt32?
    public var port: UInt16?
    /// VXLAN: the VTEP address the route names and its MAC (the neighbour entry), which the FDB maps
    /// to the outer destination.
    public var vtep: IPAddress?
    public var vtepMAC: LinkLayerAddress?
    /// Why `outerDestination` is unknown, one sentence (no neighbour or FDB entry, tables not read).
    public var outerDestinationUnknown: String?

    public init(kind: Encapsulation, device: String, outerSource: IPAddress? = nil, outerDestination: IPAddress? = nil,
                vni: UInt32? = nil, port: UInt16? = nil, vtep: IPAddress? = nil, vtepMAC: LinkLayerAddress? = nil,
                outerDestinationUnknown: String? = nil) {
        self.kind = kind
        self.device = device
        self.outerSource = outerSource
        self.outerDestination = outerDestination
        self.vni = vni
        self.port = port
        self.vtep = vtep
        self.vtepMAC = vtepMAC
        self.outerDestinationUnknown = outerDestinationUnknown
    }
}

/// What happened to the packet at one host.
public enum HopOutcome: Sendable, Hashable {
    /// Sent on toward another host of the site.
    case forwarded(toHost: String)
    /// Delivered to an address of this host.
    case deliveredLocally
    /// Delivered to a pod's device on this host.
    case deliveredToWorkload(device: String, pod: PodReference?)
    /// Sent to a next hop outside the known hosts.
    case leftSite(nextHop: IPAddress?)
    /// Dropped here, for the finding's reason.
    case dropped(FindingCode)
}

/// One host on the path.
public struct TraceHop: Sendable {
    public var host: String
    /// The device the packet arrived on (nil at the starting host).
    public var arrivedOn: String?
    /// The route used, when one answered.
    public var route: Route?
    public var classification: RouteClassification?
    public var egressDevice: String?
    public var gateway: IPAddress?
    public var encapsulation: EncapsulationInfo?
    /// The MTU of the egress device (or the route's `mtu` metric when smaller).
    public var mtu: UInt32?
    public var outcome: HopOutcome
    public var lookup: LookupResult?

    public init(host: String, arrivedOn: String?, route: Route?, classification: RouteClassification?,
                egressDevice: String?, gateway: IPAddress?, encapsulation: EncapsulationInfo?, mtu: UInt32?,
                outcome: HopOutcome, lookup: LookupResult?) {
        self.host = host
        self.arrivedOn = arrivedOn
        self.route = route
        self.classification = classification
        self.egressDevice = egressDevice
        self.gateway = gateway
        self.encapsulation = encapsulation
        self.mtu = mtu
        self.outcome = outcome
        self.lookup = lookup
    }
}

/// A traced path: the verdict, each hop, what breaks, and the way back.
public struct TraceResult: Sendable {
    public var destination: IPAddress
    public var source: IPAddress?
    public var verdict: TraceVerdict
    public var hops: [TraceHop]
    public var findings: [Finding]
    /// The reply's path from the destination's host back toward the source.
    public var returnHops: [TraceHop]

    public init(destination: IPAddress, source: IPAddress?, verdict: TraceVerdict, hops: [TraceHop],
                findings: [Finding], returnHops: [TraceHop] = []) {
        self.destination = destination
        self.source = source
        self.verdict = verdict
        self.hops = hops
        self.findings = findings
        self.returnHops = returnHops
    }

    /// The smallest MTU on the forward path.
    public var pathMTU: UInt32? { hops.compactMap(\.mtu).min() }
}
