import PodRouteCore

/// One-shot rtnetlink calls named after `ip` verbs, each on its own socket in the caller's
/// namespace (`namespace: nil`) or a named one (/run/netns/NAME). For several calls in a row,
/// open an `RTNetlinkSocket` and use its methods of the same names.
///
/// Reads need no privilege; `routeAdd`/`routeReplace`/`routeDelete` need CAP_NET_ADMIN.
public enum RTNetlink {
    /// `ip -d link show`.
    public static func links(in namespace: String? = nil) throws(NetlinkError) -> [Link] {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.links()
    }

    /// `ip address show`.
    public static func addresses(in namespace: String? = nil) throws(NetlinkError) -> [InterfaceAddress] {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.addresses()
    }

    /// `ip -4|-6 route show table all`.
    public static func routes(family: AddressFamily, in namespace: String? = nil) throws(NetlinkError) -> RouteStore {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.routes(family: family)
    }

    /// `ip -4|-6 rule show`.
    public static func rules(family: AddressFamily, in namespace: String? = nil) throws(NetlinkError) -> [Rule] {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.rules(family: family)
    }

    /// `ip -4|-6 netconf show`.
    public static func netconf(family: AddressFamily, in namespace: String? = nil) throws(NetlinkError) -> [ForwardingConfig] {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.netconf(family: family)
    }

    /// `ip -4|-6 neigh show nud all [dev DEV]` (see `RTNetlinkSocket.neighbours`).
    public static func neighbours(family: AddressFamily, device: InterfaceIndex? = nil,
                                  in namespace: String? = nil) throws(NetlinkError) -> [Neighbour] {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.neighbours(family: family, device: device)
    }

    /// `bridge fdb show [brport DEV]` (see `RTNetlinkSocket.fdb`).
    public static func fdb(device: InterfaceIndex? = nil, in namespace: String? = nil) throws(NetlinkError) -> [FDBEntry] {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.fdb(device: device)
    }

    /// `ip route get` (see `RTNetlinkSocket.routeGet`).
    public static func routeGet(_ query: RouteGetQuery, in namespace: String? = nil) throws(NetlinkError) -> Route {
        var socket = try RTNetlinkSocket.open(in: namespace)
        return try socket.routeGet(query)
    }

    /// `ip route add`: `RTM_NEWROUTE` with `NLM_F_CREATE | NLM_F_EXCL` (fails with `EEXIST`).
    public static func routeAdd(_ route: Route, in namespace: String? = nil) throws(NetlinkError) {
        var socket = try RTNetlinkSocket.open(in: namespace)
        try socket.routeAdd(route)
    }

    /// `ip route replace`: `RTM_NEWROUTE` with `NLM_F_CREATE | NLM_F_REPLACE`.
    public static func routeReplace(_ route: Route, in namespace: String? = nil) throws(NetlinkError) {
        var socket = try RTNetlinkSocket.open(in: namespace)
        try socket.routeReplace(route)
    }

    /// `ip route del`: `RTM_DELROUTE` with the route's identity (fails with `ESRCH` when absent).
    public static func routeDelete(_ route: Route, in namespace: String? = nil) throws(NetlinkError) {
        var socket = try RTNetlinkSocket.open(in: namespace)
        try socket.routeDelete(route)
    }
}
