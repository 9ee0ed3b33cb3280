import PodRouteCore

/// Small hand-built hosts for planner tests: addresses with their connected routes, plus routes.
enum PlanFixtures {
    static func prefix(_ text: String) -> IPPrefix { try! IPPrefix.parse(text) }
    static func address(_ text: String) -> IPAddress { IPAddress(text)! }

    /// `devices`: name -> "address/length" (nil: no address). Device indexes start at 2.
    static func host(_ name: String, devices: [(String, String?)], pointToPoint: Set<String> = [],
                     routes: (([String: InterfaceIndex]) -> [Route]) = { _ in [] }) -> NetworkSnapshot {
        var links = [Link(index: InterfaceIndex(1), name: "lo", flags: [.loopback, .up, .lowerUp, .running], mtu: 65536,
                          operState: .unknown, linkType: .loopback)]
        var indexes: [String: InterfaceIndex] = [:]
        var addresses: [InterfaceAddress] = []
        var all: [Route] = []
        for (position, (device, cidr)) in devices.enumerated() {
            let index = InterfaceIndex(Int32(position + 2))
            indexes[device] = index
            var flags: LinkFlags = [.up, .lowerUp, .running, .multicast]
            flags.insert(pointToPoint.contains(device) ? .pointToPoint : .broadcast)
            links.append(Link(index: index, name: device, flags: flags, operState: .up, kind: device.hasPrefix("cali") ? .veth : nil))
            guard let cidr else { continue }
            let parts = cidr.split(separator: "/")
            let local = address(String(parts[0]))
            let length = UInt8(parts[1])!
            addresses.append(InterfaceAddress(interface: index, local: local, prefixLength: length, label: device))
            all.append(Route(family: local.family, destination: IPPrefix(containing: local, length: length), proto: .kernel,
                             scope: .link, device: index, preferredSource: local))
        }
        all += routes(indexes)
        return NetworkSnapshot(host: name, source: .capture(path: name), links: links, addresses: addresses, routes: RouteStore(all))
    }

    /// The lab's gateway: office LAN on eth0, data-centre LAN on eth1, no default route.
    static func gateway(extra: @escaping ([String: InterfaceIndex]) -> [Route] = { _ in [] }) -> NetworkSnapshot {
        host("gw", devices: [("eth0", "192.168.50.1/24"), ("eth1", "10.20.1.254/24")], routes: extra)
    }

    /// A node with its block (a `proto bird` blackhole) and routes to the other blocks.
    static func node(_ name: String, address nodeAddress: String, block: String, others: [(String, String)],
                     pods: [String] = []) -> SiteHost {
        let snapshot = host(name, devices: [("eth0", "\(nodeAddress)/24"), ("cali1", nil)]) { devices in
            var routes = [Route(family: .inet, destination: .default(.inet), proto: .static, gateway: address("10.20.1.254"),
                                device: devices["eth0"])]
            routes.append(Route(family: .inet, type: .blackhole, destination: prefix(block), proto: .bird))
            for (other, via) in others {
                routes.append(Route(family: .inet, destination: prefix(other), proto: .bird, gateway: address(via),
                                    device: devices["eth0"]))
            }
            for pod in pods {
                routes.append(Route(family: .inet, destination: prefix(pod), scope: .link, device: devices["cali1"]))
            }
            return routes
        }
        return SiteHost(name: name, snapshot: snapshot, role: .node)
    }

    static let node1 = node("node1", address: "10.20.1.22", block: "10.21.230.0/26", others: [("10.21.69.192/26", "10.20.1.24")],
                            pods: ["10.21.230.3/32"])
    static let node2 = node("node2", address: "10.20.1.24", block: "10.21.69.192/26", others: [("10.21.230.0/26", "10.20.1.22")],
                            pods: ["10.21.69.212/32"])

    static func blocks() -> [RouteCandidate] {
        SiteCandidates.candidates(of: Site(hosts: [node1, node2])).filter { $0.kind == .podBlock }
    }
}
