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

        /// Counts a route through the device; `hostDestination` is asked only while there is room.
        mutating func record(_ position: Int, hostDestination: () -> IPPrefix?) {
            count += 1
            if indices.count < Self.keep { indices.append(position) }
            if hostDestinations.count < 4, let destination = hostDestination() { hostDestinations.append(destination) }
        }
    }

    public init(snapshot: NetworkSnapshot, hints: ClusterHints = ClusterHints()) {
        self.snapshot = snapshot
        classifier = CNIClassifier(snapshot: snapshot, hints: hints)
        linkText = LinkText(snapshot: snapshot)
        routeText = RouteText(snapshot: snapshot)
        var byDevice: [InterfaceIndex: DeviceRoutes] = [:]
        var defaultDevice: InterfaceIndex?
        let routes = snapshot.routes
        // One pass over every route (a million on a big node): read the packed summary and
        // build a full `Route` only for the few that need more (multipath, workload hosts).
        for position in routes.indices {
            let summary = routes.summary(at: position)
            if defaultDevice == nil, summary.isDefault, summary.family == .inet, summary.table == .main {
                defaultDevice = summary.device ?? routes[position].hops.first?.device
            }
            if !summary.hasNexthops {
                guard let device = summary.device else { continue }
                let direct = !summary.hasGateway && summary.isHostPrefix && summary.table == .main && summary.type == .unicast
                byDevice[device, default: DeviceRoutes()].record(position) { direct ? routes[position].destination : nil }
                continue
            }
            var seen: [InterfaceIndex] = []
            for hop in routes[position].nexthops {
                guard let device = hop.device, !seen.contains(device) else { continue }
                seen.append(device)
                byDevice[device, default: DeviceRoutes()].record(position) { nil }
            }
        }
        deviceRoutes = byDevice
        let candidates = snapshot.addresses.filter { $0.family == .inet && $0.scope == .universe }
        nodeAddress = (candidates.first { $0.interface == defaultDevice }
            ?? candidates.first { snapshot.link($0.interface).map { LinkClassifier.role(of: $0, master: nil) == .physical } ?? false }
            ?? candidates.first)?.local
    }

    public var routeCount: Int { snapshot.routes.count }
    public var linkCount: Int { snapshot.links.count }

    public func role(of link: Link) -> LinkRole { classifier.role(of: link.index) ?? .other }
}
