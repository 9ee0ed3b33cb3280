/// What `IPRouteJSON` reads of a route: a `Route`, or a route of a `RouteStore` read in place
/// (`PackedRouteView`), so that printing a looked-up route builds no `Route` (no next-hop or
/// metrics arrays to create, copy and release per line of `trace --batch`).
protocol IPRouteFields {
    var family: AddressFamily { get }
    var type: RouteType { get }
    var destination: IPPrefix { get }
    var source: IPPrefix? { get }
    var tos: UInt8 { get }
    var table: RouteTableID { get }
    var proto: RouteProtocol { get }
    var scope: RouteScope { get }
    var flags: RouteFlags { get }
    var metric: UInt32? { get }
    var gateway: IPAddress? { get }
    var via: IPAddress? { get }
    var device: InterfaceIndex? { get }
    var inputDevice: InterfaceIndex? { get }
    var preferredSource: IPAddress? { get }
    var nexthops: [Nexthop] { get }
    var metrics: RouteMetrics { get }
    var preference: RoutePreference? { get }
    var expires: UInt32? { get }
    var nexthopID: UInt32? { get }
    var realms: UInt32? { get }
}

extension Route: IPRouteFields {}
