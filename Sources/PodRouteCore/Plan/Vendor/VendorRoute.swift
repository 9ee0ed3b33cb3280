/// A route reduced to what a vendor script can say: destination, next hops with interface
/// names already checked, and the Linux-only extras (metric, table, protocol).
struct VendorRoute: Equatable {
    struct Hop: Equatable {
        var gateway: IPAddress?
        /// The interface's name, checked against the format's name rule.
        var device: String?
        var weight: UInt16

        /// Two hops are the same static route when gateway and interface agree (weights aside).
        func sameTarget(as other: Hop) -> Bool { gateway == other.gateway && device == other.device }
    }

    var destination: IPPrefix
    var hops: [Hop]
    var metric: UInt32?
    var table: RouteTableID
    var proto: RouteProtocol

    var family: AddressFamily { destination.family }
    var isMultipath: Bool { hops.count > 1 }
    var hasUnequalWeights: Bool { Set(hops.map(\.weight)).count > 1 }

    /// `via 10.20.1.22 (eth0)` / `dev wg0`, several joined with `and`, for comments.
    var hopsText: String {
        hops.map { hop in
            switch (hop.gateway, hop.device) {
            case (let gateway?, let device?): "\(gateway) (\(device))"
            case (let gateway?, nil): gateway.description
            case (nil, let device?): "dev \(device)"
            case (nil, nil): "?"
            }
        }.joined(separator: " and ")
    }

    /// `via 10.20.1.22 (eth0)` or `dev wg0`, for comments.
    var nextHopText: String { hops.contains { $0.gateway != nil } ? "via \(hopsText)" : hopsText }

    /// `10.244.0.0/16 via 10.20.1.22 (eth0)`, for comments.
    var text: String { "\(destination) \(nextHopText)" }
}

/// One planned operation as a vendor sees it: for platforms where ECMP means one static route per
/// next hop, the hops to add and the hops to remove (a replace adds the new hops before removing
/// the old ones, so traffic always has a path).
struct VendorStep {
    var action: RouteOperation.Action
    var route: VendorRoute
    var previous: VendorRoute?

    /// The static routes (one per hop) this step adds.
    var added: VendorRoute? {
        switch action {
        case .add: return route
        case .delete: return nil
        case .replace:
            guard let previous, previous.destination == route.destination else { return route }
            let hops = route.hops.filter { hop in !previous.hops.contains { $0.sameTarget(as: hop) } }
            return hops.isEmpty ? nil : with(route, hops: hops)
        }
    }

    /// The static routes (one per hop) this step removes; `whole` when the destination goes away.
    var removed: (route: VendorRoute, whole: Bool)? {
        switch action {
        case .add: return nil
        case .delete: return (route, true)
        case .replace:
            guard let previous else { return nil }
            guard previous.destination == route.destination else { return (previous, true) }
            let hops = previous.hops.filter { hop in !route.hops.contains { $0.sameTarget(as: hop) } }
            return hops.isEmpty ? nil : (with(previous, hops: hops), false)
        }
    }

    /// `add 10.244.0.0/16 via 10.20.1.22`, `replace ... (was via ...)`, for comments.
    var summary: String {
        switch action {
        case .add: "add \(route.text)"
        case .delete: "delete \(route.text)"
        case .replace: previous.map { "replace \(route.text) (was \($0.nextHopText))" } ?? "replace \(route.text)"
        }
    }

    private func with(_ route: VendorRoute, hops: [VendorRoute.Hop]) -> VendorRoute {
        var copy = route
        copy.hops = hops
        return copy
    }
}
