import Foundation

/// A route to the pods that an operator adds on the gateway (`ip route add`, so proto boot):
/// the fix podroute proposes, or a broken one it must diagnose.
public enum GatewayRoute: Sendable, Hashable {
    /// `10.21.0.0/16 via <node>`: the whole pod CIDR to one node. Pods elsewhere are reached
    /// through that node (office -> gw -> node1 -> node2 -> pod) and answer straight back through
    /// gw: Calico's "wrong node" asymmetric return.
    case aggregate(via: LabNode)
    /// `<block> via <owner>` for each node's /26: every packet enters at the pod's own node.
    case perNode

    /// The routes, as (destination, next hop).
    public var routes: [(destination: String, gateway: String)] {
        switch self {
        case .aggregate(let node): [(LabTopology.podCIDR, node.address)]
        case .perNode: LabNode.allCases.map { ($0.block, $0.address) }
        }
    }
}

/// What an operator changes on a host; each is what a later test breaks or fixes.
extension SiteLab {
    /// `ip route add <destination> via <node>` on gw, for each route of `route`.
    public func addGatewayRoute(_ route: GatewayRoute) throws {
        try hosts[.gw]!.ipBatch(route.routes.map { "route add \($0.destination) via \($0.gateway)" })
    }

    /// `ip route del` of what `addGatewayRoute(route)` added.
    public func removeGatewayRoute(_ route: GatewayRoute) throws {
        try hosts[.gw]!.ipBatch(route.routes.map { "route del \($0.destination) via \($0.gateway)" })
    }

    /// `net.ipv4.ip_forward` on a host. The kernel applies it to every interface (and flips
    /// `all.accept_redirects`, which does not matter here: no host sends redirects).
    public func setForwarding(_ enabled: Bool, on host: LabHost) throws {
        try LabSysctl.set(["net/ipv4/ip_forward": enabled ? "1" : "0"], in: hosts[host]!)
    }

    /// Whether a host forwards (`net.ipv4.ip_forward`).
    public func isForwarding(on host: LabHost) throws -> Bool {
        try LabSysctl.get("net/ipv4/ip_forward", in: hosts[host]!) == "1"
    }

    /// Reverse-path filtering, `net.ipv4.conf.<interface>.rp_filter`. The kernel uses the larger
    /// of `all` and the interface's own value, so strict on `all` is strict everywhere.
    public enum ReversePathFilter: Int, Sendable {
        case off = 0, strict = 1, loose = 2
    }

    /// Sets rp_filter on one interface of a host (`all` by default; `vxlan.calico` works too).
    public func setReversePathFilter(_ mode: ReversePathFilter, on host: LabHost, interface: String = "all") throws {
        try LabSysctl.set(["net/ipv4/conf/\(interface)/rp_filter": String(mode.rawValue)], in: hosts[host]!)
    }
}
