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
    public let lookup: RouteLookup
    public let role: HostRole

    public init(name: String, snapshot: NetworkSnapshot, role: HostRole? = nil, hints: ClusterHints = ClusterHints()) {
        self.name = name
        self.snapshot = snapshot
        classifier = CNIClassifier(snapshot: snapshot, hints: hints)
        lookup = RouteLookup(snapshot: snapshot)
        self.role = role ?? HostRole.detect(classifier)
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
