/// Turns a request into the routes a target needs: next hops resolved to the target's own
/// devices, per-node blocks summarised. Problems with the request itself are errors here;
/// how the routes fit the target's table is `PlanValidator`'s job.
public struct RouteStrategy {
    public let target: NetworkSnapshot

    public init(target: NetworkSnapshot) { self.target = target }

    public struct Result: Sendable {
        public var routes: [Route] = []
        public var issues: [PlanIssue] = []
    }

    public func routes(for request: PlanRequest) -> Result {
        var result = Result()
        checkInput(request, into: &result)
        guard !result.issues.contains(where: { $0.severity == .error }) else { return result }
        var hops: [IPAddress: Nexthop] = [:]
        for via in request.vias {
            switch resolve(via) {
            case .success(let hop): hops[via] = hop
            case .failure(let issue): result.issues.append(issue)
            }
        }
        var deviceHop: Nexthop?
        if let name = request.viaDevice {
            if let link = target.link(named: name) {
                deviceHop = Nexthop(device: link.index)
                if !link.isUp {
                    result.issues.append(PlanIssue(.warning, "device \(Sanitizer.printable(name)) is down on \(target.host): "
                                                   + "the routes are planned but carry nothing until it is up"))
                }
            } else {
                let names = target.links.filter { !$0.flags.contains(.loopback) }.map(\.name)
                result.issues.append(PlanIssue(.error, "device \(Sanitizer.printable(name)) does not exist on \(target.host) "
                                               + "(its devices: \(names.map(Sanitizer.printable).joined(separator: ", ")))"))
            }
        }
        guard !result.issues.contains(where: { $0.severity == .error }) else { return result }
        let chosen = deviceHop.map { [$0] } ?? request.vias.compactMap { hops[$0] }
        for cidr in request.cidrs {
            switch request.strategy {
            case .aggregate:
                result.routes.append(route(cidr, hops: chosen, request: request))
            case .perNode:
                perNode(cidr, fallback: chosen, request: request, into: &result)
            }
        }
        singlePointsOfFailure(result.routes, request: request, into: &result)
        return result
    }

    /// Duplicates and families: every CIDR needs a next hop of its own family.
    private func checkInput(_ request: PlanRequest, into result: inout Result) {
        var seen = Set<IPPrefix>()
        for cidr in request.cidrs where !seen.insert(cidr).inserted {
            result.issues.append(PlanIssue(.error, "\(cidr) is given twice"))
        }
        var seenVias = Set<IPAddress>()
        for via in request.vias where !seenVias.insert(via).inserted {
            result.issues.append(PlanIssue(.error, "next hop \(via) is given twice"))
        }
        if request.cidrs.isEmpty { result.issues.append(PlanIssue(.error, "no CIDR to route; give --cidr")) }
        if request.viaDevice != nil, !request.vias.isEmpty {
            result.issues.append(PlanIssue(.error, "give either --via addresses or --via-dev, not both"))
        }
        if request.vias.isEmpty, request.viaDevice == nil, request.strategy == .aggregate {
            result.issues.append(PlanIssue(.error, "no next hop: give --via IP (a node's address) or --via-dev DEV, "
                                           + "or --strategy per-node with a site that knows the nodes"))
        }
        for cidr in request.cidrs {
            for via in request.vias where via.family != cidr.family {
                result.issues.append(PlanIssue(.error, "\(cidr) is \(Self.familyName(cidr.family)) but next hop \(via) is "
                                               + "\(Self.familyName(via.family)); IPv4 and IPv6 are planned with next hops "
                                               + "of their own family"))
            }
        }
    }

    static func familyName(_ family: AddressFamily) -> String { family == .inet ? "IPv4" : "IPv6" }

    /// The next hop as the kernel would use it: on a connected subnet, through that device.
    func resolve(_ via: IPAddress) -> Swift.Result<Nexthop, PlanIssue> {
        if target.addresses.contains(where: { $0.local == via }) {
            return .failure(PlanIssue(.error, "next hop \(via) is an address of \(target.host) itself"))
        }
        let connected = target.addresses.filter { $0.family == via.family && $0.scope != .host }
        if let address = connected.filter({ $0.subnet.contains(via) }).max(by: { $0.prefixLength < $1.prefixLength }) {
            return .success(Nexthop(gateway: via, device: address.interface))
        }
        let subnets = connected.filter { $0.scope != .link }
            .map { "\($0.subnet) on \(Sanitizer.printable(target.deviceName($0.interface)))" }
        let listed = subnets.isEmpty ? "it has none" : "connected: " + subnets.joined(separator: ", ")
        return .failure(PlanIssue(.error, "next hop \(via) is not on a connected subnet of \(target.host) (\(listed)); "
                                  + "a route's next hop must be reachable directly, or use --via-dev for a tunnel"))
    }

    func route(_ cidr: IPPrefix, hops: [Nexthop], request: PlanRequest) -> Route {
        var route = Route(family: cidr.family, destination: cidr, table: request.table, proto: request.proto)
        if hops.count == 1 {
            route.gateway = hops[0].gateway
            route.device = hops[0].device
            if hops[0].gateway == nil { route.scope = .link }
        } else {
            route.nexthops = hops
        }
        return route
    }

    /// Each node's blocks inside `cidr` via that node; what no known node owns goes via the
    /// `--via` next hops, else ECMP across the nodes (a service CIDR: every node answers).
    private func perNode(_ cidr: IPPrefix, fallback: [Nexthop], request: PlanRequest, into result: inout Result) {
        let inside = request.blocks.filter { $0.kind == .podBlock && cidr.contains($0.cidr) }
        var byNode: [IPAddress: [IPPrefix]] = [:]
        for block in inside {
            guard let nodeIP = block.nodeIP, nodeIP.family == cidr.family else {
                result.issues.append(PlanIssue(.warning, "pod block \(block.cidr) has no known node address "
                                               + "(\(block.source)); it is covered only by a route for \(cidr)"))
                continue
            }
            byNode[nodeIP, default: []].append(block.cidr)
        }
        var specifics: [Route] = []
        for (nodeIP, blocks) in byNode.sorted(by: { $0.key < $1.key }) {
            switch resolve(nodeIP) {
            case .success(let hop):
                for prefix in IPPrefix.summarize(blocks) { specifics.append(route(prefix, hops: [hop], request: request)) }
            case .failure(let issue):
                result.issues.append(issue)
            }
        }
        if !fallback.isEmpty {
            if !specifics.isEmpty || inside.isEmpty { result.routes.append(route(cidr, hops: fallback, request: request)) }
        } else if inside.isEmpty {
            let nodes = Set(request.blocks.compactMap(\.nodeIP).filter { $0.family == cidr.family }).sorted()
            let hops = nodes.compactMap { try? resolve($0).get() }
            if hops.isEmpty {
                result.issues.append(PlanIssue(.error, "\(cidr) holds no known pod block and no node is reachable from "
                                               + "\(target.host); give --via"))
            } else {
                result.routes.append(route(cidr, hops: hops, request: request))
            }
        } else if !specifics.isEmpty {
            result.issues.append(PlanIssue(.warning, "only the \(specifics.count) block route(s) known now are planned for "
                                           + "\(cidr): blocks Calico allocates later are not covered; add --via NODE for "
                                           + "a fallback route for the whole CIDR"))
        }
        result.routes += specifics.sorted { $0.destination < $1.destination }
    }

    /// A route whose only next hop is a node: that node down, the CIDR is unreachable.
    private func singlePointsOfFailure(_ routes: [Route], request: PlanRequest, into result: inout Result) {
        for route in routes where route.nexthops.isEmpty {
            guard let gateway = route.gateway else { continue }
            let ownedByIt = request.strategy == .perNode
                && request.blocks.contains { $0.nodeIP == gateway && $0.cidr == route.destination }
            let summarisedBlocks = request.strategy == .perNode && !request.cidrs.contains(route.destination)
            if ownedByIt || summarisedBlocks { continue }
            let node = request.blocks.first { $0.nodeIP == gateway && $0.node != nil }?.node.map { " (\($0))" } ?? ""
            result.issues.append(PlanIssue(.warning, "\(route.destination) has a single next hop, \(gateway)\(node): "
                                           + "if it fails, \(route.destination) is unreachable; give --via more than once "
                                           + "for ECMP, or use --strategy per-node"))
        }
    }
}
