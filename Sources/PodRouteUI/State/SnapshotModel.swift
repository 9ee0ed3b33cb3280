import PodRouteCore

/// A snapshot with everything the views derive from it once: roles and pods, the presentation
/// helpers, the routes each device carries, the node's own address. Built off the event loop
/// for big snapshots (a `Job`), inline for small ones.
public struct SnapshotModel: Sendable {
    public let snapshot: NetworkSnapshot
    public let classifier: CNIClassifier
    public let linkText: LinkText
    public let routeText: RouteText
    /// Up to `DeviceRoutes.keep` routes through each device (any next hop), with the total.
    public let deviceRoutes: [InterfaceIndex: DeviceRoutes]
    /// The address the header shows beside the host name: the one on the default route's device.
    public let nodeAddress: IPAddress?

    public struct DeviceRoutes: Sendable, Hashable {
        public static let keep = 12
        public var indices: [Int] = []
        public var count = 0
        /// Workload host routes through the device (`10.21.230.3`): what its pod is reached by.
        public var hostDestinations: [IPPrefix] = []
    }

    public init(snapshot: NetworkSnapshot, hints: ClusterHints = ClusterHints()) {
        self.snapshot = snapshot
        classifier = CNIClassifier(snapshot: snapshot, hints: hints)
        linkText = LinkText(snapshot: snapshot)
        routeText = RouteText(snapshot: snapshot)
        var byDevice: [InterfaceIndex: DeviceRoutes] = [:]
        var defaultDevice: InterfaceIndex?
        let routes = snapshot.routes
        for position in routes.indices {
            let route = routes[position]
            if defaultDevice == nil, route.destination.isDefault, route.family == .inet, route.table == .main {
                defaultDevice = route.hops.first?.device
            }
            if route.nexthops.isEmpty {
                // The common case, without building a hop list.
                guard let device = route.device else { continue }
                Self.note(device, position: position, route: route, direct: route.gateway == nil && route.via == nil, in: &byDevice)
                continue
            }
            var seen: [InterfaceIndex] = []
            for hop in route.nexthops {
                guard let device = hop.device, !seen.contains(device) else { continue }
                seen.append(device)
                Self.note(device, position: position, route: route, direct: false, in: &byDevice)
            }
        }
        deviceRoutes = byDevice
        let candidates = snapshot.addresses.filter { $0.family == .inet && $0.scope == .universe }
        nodeAddress = (candidates.first { $0.interface == defaultDevice }
            ?? candidates.first { snapshot.link($0.interface).map { LinkClassifier.role(of: $0, master: nil) == .physical } ?? false }
            ?? candidates.first)?.local
    }

    private static func note(_ device: InterfaceIndex, position: Int, route: Route, direct: Bool,
                             in byDevice: inout [InterfaceIndex: DeviceRoutes]) {
        byDevice[device, default: DeviceRoutes()].count += 1
        if byDevice[device]!.indices.count < DeviceRoutes.keep { byDevice[device]!.indices.append(position) }
        if direct, route.destination.isHost, route.table == .main, route.type == .unicast,
           byDevice[device]!.hostDestinations.count < 4 {
            byDevice[device]!.hostDestinations.append(route.destination)
        }
    }

    public var routeCount: Int { snapshot.routes.count }
    public var linkCount: Int { snapshot.links.count }

    public func role(of link: Link) -> LinkRole { classifier.role(of: link.index) ?? .other }
}
