/// A problem on a path, with a stable code scripts can match and a one-line fix.
public struct Finding: Sendable, Hashable {
    public var code: FindingCode
    /// The host where it happens.
    public var host: String?
    public var message: String
    public var fix: String

    public init(_ code: FindingCode, host: String?, message: String, fix: String) {
        self.code = code
        self.host = host
        self.message = message
        self.fix = fix
    }
}

/// Stable finding codes (they appear in `--json`; never rename one).
public enum FindingCode: String, Sendable, Hashable, CaseIterable, Codable {
    case noRouteOnGateway = "no-route-on-gateway"
    case noRoute = "no-route"
    case ipForwardOff = "ip-forward-off"
    case rpFilterStrict = "rp-filter-strict"
    case asymmetricReturn = "asymmetric-return"
    case mtuMismatch = "mtu-mismatch"
    case cidrOverlap = "cidr-overlap"
    case blackhole
    case nexthopUnreachable = "nexthop-unreachable"
    case loop
    case prohibited
    case noReturnRoute = "no-return-route"
    case unknownNextHop = "unknown-next-hop"
    case missingBlock = "missing-block"
    /// A VXLAN device whose neighbour/FDB entries name no remote for the VTEP (the packet is
    /// dropped), or not the node that owns it.
    case vxlanFDB = "vxlan-fdb"

    /// Whether the finding stops packets (as opposed to a warning about a risk).
    public var isFatal: Bool {
        switch self {
        case .asymmetricReturn, .mtuMismatch, .cidrOverlap, .unknownNextHop, .missingBlock: false
        default: true
        }
    }
}
