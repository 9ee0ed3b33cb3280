import PodRouteCore

/// `ip route get`, `add`, `replace`, `del` over one socket.
extension RTNetlinkSocket {
    /// The kernel's own answer to `ip route get` (`RTM_GETROUTE` without `NLM_F_DUMP`): the route a
    /// packet would take, as a cloned `Route` (`device`, `gateway`, `preferredSource`, `table`).
    /// Throws the kernel's error for unroutable destinations (`ENETUNREACH`, "Network is unreachable").
    public mutating func routeGet(_ question: RouteGetQuery) throws(NetlinkError) -> Route {
        let reply = try query(.routeGet(question))
        let decoded: Result<Route?, NetlinkError> = reply.withMessage { message in
            Result { () throws(NetlinkError) -> Route? in try RouteDecoder.decode(message, cloned: .include) }
        }
        guard let route = try decoded.get() else {
            throw NetlinkError(.query(.getRoute), .malformedReply("the answer was \(reply.type), not a route"))
        }
        return route
    }

    /// `ip route add` (`RTM_NEWROUTE`, `NLM_F_CREATE | NLM_F_EXCL`, acknowledged).
    public mutating func routeAdd(_ route: Route) throws(NetlinkError) {
        try execute(.routeAdd(route))
    }

    /// `ip route replace` (`RTM_NEWROUTE`, `NLM_F_CREATE | NLM_F_REPLACE`, acknowledged).
    public mutating func routeReplace(_ route: Route) throws(NetlinkError) {
        try execute(.routeReplace(route))
    }

    /// `ip route del` (`RTM_DELROUTE`, acknowledged): deletes the route matching `route`'s identity.
    public mutating func routeDelete(_ route: Route) throws(NetlinkError) {
        try execute(.routeDelete(route))
    }
}
