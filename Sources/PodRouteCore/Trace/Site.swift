import Synchronization

/// The hosts a path may cross — office workstation, gateways, nodes — each with its snapshot.
public struct Site: Sendable {
    public let hosts: [SiteHost]
    private let owners: [IPAddress: (host: Int, device: InterfaceIndex)]

    public init(hosts: [SiteHost]) {
        self.hosts = hosts
        var owners: [IPAddress: (host: Int, device: InterfaceIndex)] = [:]
        for (position, host) in hosts.enumerated() {
            for address in host.snapshot.addresses where owners[address.local] == nil {
                owners[address.local] = (position, address.interface)
            }
        }
        self.owners = owners
    }

    public func host(named name: String) -> SiteHost? { hosts.first { $0.name == name } }

    /// The host holding `address` on one of its interfaces (tunnel and VTEP addresses included).
    public func owner(of address: IPAddress) -> (host: SiteHost, device: InterfaceIndex)? {
        owners[address].map { (hosts[$0.host], $0.device) }
    }
}

/// One host of a site.
public struct SiteHost: Sendable {
    public let name: String
    public let snapshot: NetworkSnapshot
    public let classifier: CNIClassifier
    public let role: HostRole
    /// The vendor format its route commands are written in (the site file's `format:`), if given.
    public let format: GatewayFormat?
    private let index: LazyRouteLookup

    /// The host's route lookup, built on first use: host checks and candidates never need it,
    /// and on a million routes it costs a fifth of a second.
    public var lookup: RouteLookup { index.value }

    public init(name: String, snapshot: NetworkSnapshot, role: HostRole? = nil, hints: ClusterHints = ClusterHints(),
                format: GatewayFormat? = nil) {
        self.name = name
        self.snapshot = snapshot
        self.format = format
        classifier = CNIClassifier(snapshot: snapshot, hints: hints)
        index = LazyRouteLookup(snapshot)
        self.role = role ?? HostRole.detect(classifier)
    }
}

/// A `RouteLookup` built once, on first use, by whichever thread asks first.
private final class LazyRouteLookup: Sendable {
    private let snapshot: NetworkSnapshot
    private let built = Mutex<RouteLookup?>(nil)

    init(_ snapshot: NetworkSnapshot) { self.snapshot = snapshot }

    var value: RouteLookup {
        built.withLock { built in
            if let built { return built }
            let lookup = RouteLookup(snapshot: snapshot)
            built = lookup
            return lookup
        }
    }
}

/// What a host is on the path.
public enum HostRole: String, Sendable, Hashable, Codable {
    /// Runs pods: it has CNI devices.
    case node
    /// Forwards between networks and runs no pods.
    case gateway
    /// An end host (the operator's desk).
    case workstation

    static func detect(_ classifier: CNIClassifier) -> HostRole {
        HostRoleEvidence(classifier).role
    }
}
