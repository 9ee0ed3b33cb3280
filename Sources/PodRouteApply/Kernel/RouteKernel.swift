import PodRouteCore
import PodRouteNetlink

/// The few kernel calls apply, undo and the guardian make, over one socket in the change's namespace.
extension RTNetlinkSocket {
    /// Sends one operation (`ip route add|replace|del`), acknowledged.
    mutating func perform(_ operation: RouteOperation) throws(NetlinkError) {
        switch operation.action {
        case .add: try routeAdd(operation.route)
        case .replace: try routeReplace(operation.route)
        case .delete: try routeDelete(operation.route)
        }
    }

    /// A fresh dump of the routes of every family the operations touch (all tables).
    mutating func liveRoutes(for operations: [RouteOperation]) throws(NetlinkError) -> [Route] {
        var routes: [Route] = []
        for family in AddressFamily.allCases where operations.contains(where: { $0.route.family == family }) {
            routes += try self.routes(family: family)
        }
        return routes
    }
}

/// Opens the socket for a change: the named namespace, or podroute's own.
enum KernelAccess {
    static func socket(in namespace: String?) throws(NetlinkError) -> RTNetlinkSocket {
        if let namespace { try RTNetlinkSocket(namespace: namespace) } else { try RTNetlinkSocket() }
    }
}
