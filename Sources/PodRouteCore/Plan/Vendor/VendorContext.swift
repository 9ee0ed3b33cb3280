/// What every renderer needs: the format, the checked options, and the interface names,
/// checked against the format's name rule before any of them reaches the text.
struct VendorContext {
    let format: GatewayFormat
    let confirmMinutes: Int
    /// The operator's fallback interface, already checked.
    let interface: String?
    let deviceName: (InterfaceIndex) -> String?
    let nameRule: InterfaceNameRule

    init(format: GatewayFormat, options: GatewayScriptOptions, deviceName: @escaping (InterfaceIndex) -> String?) throws(GatewayScriptError) {
        guard (1...60).contains(options.confirmMinutes) else { throw .confirmMinutes(options.confirmMinutes) }
        self.format = format
        confirmMinutes = options.confirmMinutes
        nameRule = InterfaceNameRule.rule(for: format)
        if let name = options.interface { interface = try nameRule.validate(name, format: format) } else { interface = nil }
        self.deviceName = deviceName
    }

    func step(_ operation: RouteOperation) throws(GatewayScriptError) -> VendorStep {
        let previous: VendorRoute?
        if let route = operation.previous, operation.action == .replace { previous = try vendorRoute(route) } else { previous = nil }
        return VendorStep(action: operation.action, route: try vendorRoute(operation.route), previous: previous)
    }

    /// The route in vendor terms; refuses what no vendor script here can say.
    func vendorRoute(_ route: Route) throws(GatewayScriptError) -> VendorRoute {
        let destination = route.destination
        guard route.type == .unicast else {
            throw .unsupported(destination, format: format, reason: "only unicast routes are written, not \(route.type.name) routes")
        }
        var hops: [VendorRoute.Hop] = []
        for hop in route.hops {
            if hop.via != nil || (hop.gateway.map { $0.family != destination.family } ?? false) {
                throw .unsupported(destination, format: format, reason: "a next hop of the other address family is not supported")
            }
            var device: String?
            if let index = hop.device {
                guard let name = deviceName(index) else { throw .unknownDevice(index) }
                device = try nameRule.validate(name, format: format)
            }
            hops.append(VendorRoute.Hop(gateway: hop.gateway, device: device, weight: hop.weight))
        }
        guard !hops.isEmpty else { throw .unsupported(destination, format: format, reason: "the route has no next hop") }
        return VendorRoute(destination: destination, hops: hops, metric: route.metric, table: route.table, proto: route.proto)
    }

    // MARK: capability checks shared by the renderers

    /// Routers here write into their main routing instance only.
    func requireMainTable(_ route: VendorRoute) throws(GatewayScriptError) {
        guard route.table == .main else {
            throw .unsupported(route.destination, format: format,
                               reason: "routing table \(route.table.rawValue) has no equivalent here (only the main table)")
        }
    }

    /// Platforms whose ECMP is a set of equal static routes cannot weight them.
    func requireEqualWeights(_ route: VendorRoute) throws(GatewayScriptError) {
        guard !route.hasUnequalWeights else {
            throw .unsupported(route.destination, format: format, reason: "ECMP here has no per-next-hop weights; use equal weights")
        }
    }

    func refuseMultipath(_ route: VendorRoute, _ advice: String) throws(GatewayScriptError) {
        guard !route.isMultipath else {
            throw .unsupported(route.destination, format: format, reason: "it has no ECMP for static routes; \(advice)")
        }
    }

    func refuseDeviceOnly(_ route: VendorRoute, _ advice: String) throws(GatewayScriptError) {
        guard route.hops.allSatisfy({ $0.gateway != nil }) else {
            throw .unsupported(route.destination, format: format, reason: "a next hop without a gateway address is not supported; \(advice)")
        }
    }

    /// The interface a route is filed under or sent out of: its first hop's device, else the
    /// operator's interface.
    func interface(of route: VendorRoute) throws(GatewayScriptError) -> String {
        if let device = route.hops.first(where: { $0.device != nil })?.device { return device }
        if let interface { return interface }
        throw .needsInterface(route.destination, format: format)
    }

    /// The hop's own device, else the operator's interface.
    func interface(of hop: VendorRoute.Hop, in route: VendorRoute) throws(GatewayScriptError) -> String {
        if let device = hop.device { return device }
        if let interface { return interface }
        throw .needsInterface(route.destination, format: format)
    }

    /// Every step's routes: the new route and what it replaces.
    static func routes(of steps: [VendorStep]) -> [VendorRoute] {
        steps.flatMap { [$0.route] + ($0.previous.map { [$0] } ?? []) }
    }

    /// The destinations in first-seen order, for the closing "Check:" lines.
    static func destinations(of steps: [VendorStep]) -> [IPPrefix] {
        var seen: [IPPrefix] = []
        for step in steps where !seen.contains(step.route.destination) { seen.append(step.route.destination) }
        return seen
    }
}

extension IPPrefix {
    /// The dotted netmask of an IPv4 prefix (`255.255.0.0`).
    var netmask: String {
        let bits: UInt32 = length == 0 ? 0 : ~0 << (32 - UInt32(min(length, 32)))
        return IPv4Address(bits).description
    }
}
