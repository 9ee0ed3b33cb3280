/// What a route is for.
public enum RouteRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// A host route to a pod's device (`10.21.230.3 dev cali7533706c752 scope link`).
    case workload
    /// The blackhole for this node's own IPAM block (`blackhole 10.21.230.0/26 proto bird`).
    case localBlock = "local-block"
    /// Another node's pod block, reached through a tunnel or directly.
    case remoteBlock = "remote-block"
    /// The subnet of an address on the device.
    case connected
    case `default`
    /// A Kubernetes service CIDR or ClusterIP.
    case service
    /// Local-table entries: local, broadcast, anycast and multicast.
    case local
    case other
}

/// A route's role with what was learned on the way.
public struct RouteClassification: Sendable, Hashable {
    public var role: RouteRole
    /// For remote blocks: how the packets travel.
    public var encapsulation: Encapsulation?
    /// For remote blocks: the node the block lives on (its address as the next hop names it).
    public var node: IPAddress?
    /// For workload routes: the pod, when known.
    public var pod: PodReference?

    public init(role: RouteRole, encapsulation: Encapsulation? = nil, node: IPAddress? = nil, pod: PodReference? = nil) {
        self.role = role
        self.encapsulation = encapsulation
        self.node = node
        self.pod = pod
    }
}
