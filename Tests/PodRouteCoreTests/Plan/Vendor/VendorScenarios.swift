import PodRouteCore

/// The plans every vendor format is tested with (the reference's example: pod CIDR 10.244.0.0/16,
/// nodes 10.20.1.22/.23/.24 on the LAN interface, a WireGuard-style tunnel for the device next hop).
enum VendorScenarios {
    static let lan = InterfaceIndex(2)
    static let tunnel = InterfaceIndex(5)

    struct Scenario: Sendable {
        let name: String
        let operations: [RouteOperation]
        /// The routes that exist before the plan runs (what it replaces or deletes).
        let before: [Route]
        /// The routes the plan leaves behind.
        let after: [Route]
    }

    static func prefix(_ text: String) -> IPPrefix { try! IPPrefix.parse(text) }

    static func route(_ destination: String, via gateways: [String], device: InterfaceIndex? = lan) -> Route {
        let prefix = prefix(destination)
        if gateways.count > 1 {
            return Route(family: prefix.family, destination: prefix,
                         nexthops: gateways.map { Nexthop(gateway: IPAddress($0), device: device, weight: 1) })
        }
        return Route(family: prefix.family, destination: prefix, gateway: gateways.first.flatMap { IPAddress($0) }, device: device)
    }

    static let pods = route("10.244.0.0/16", via: ["10.20.1.22"])
    static let podsViaNode2 = route("10.244.0.0/16", via: ["10.20.1.24"])
    static let podsECMP = route("10.244.0.0/16", via: ["10.20.1.22", "10.20.1.24"])
    static let blocks = [
        route("10.244.17.0/26", via: ["10.20.1.22"]),
        route("10.244.42.64/26", via: ["10.20.1.23"]),
        route("10.244.99.128/26", via: ["10.20.1.24"]),
    ]
    static let podsViaTunnel = route("10.244.0.0/16", via: [], device: tunnel)
    static let podsV6 = route("fd00:10:244::/56", via: ["fd00:20:1::22"])

    static let all: [Scenario] = [
        Scenario(name: "single next hop", operations: [RouteOperation(.add, pods)], before: [], after: [pods]),
        Scenario(name: "ECMP over two nodes", operations: [RouteOperation(.add, podsECMP)], before: [], after: [podsECMP]),
        Scenario(name: "per-node blocks", operations: blocks.map { RouteOperation(.add, $0) }, before: [], after: blocks),
        Scenario(name: "device next hop", operations: [RouteOperation(.add, podsViaTunnel)], before: [], after: [podsViaTunnel]),
        Scenario(name: "IPv6", operations: [RouteOperation(.add, podsV6)], before: [], after: [podsV6]),
        Scenario(name: "replace", operations: [RouteOperation(.replace, podsViaNode2, previous: pods)],
                 before: [pods], after: [podsViaNode2]),
        Scenario(name: "delete", operations: [RouteOperation(.delete, pods, previous: pods)], before: [pods], after: []),
    ]

    /// Interface names as each platform spells them: the LAN interface toward the nodes and the tunnel.
    static func names(_ format: GatewayFormat) -> [InterfaceIndex: String] {
        let (lanName, tunnelName): (String, String) = switch format {
        case .linux, .linuxNetplan, .linuxNetworkd, .linuxNmcli, .linuxIfupdown: ("eth0", "wg0")
        case .ciscoIOS: ("GigabitEthernet0/1", "Tunnel0")
        case .junos: ("ge-0/0/1.0", "st0.0")
        case .huaweiVRP: ("GigabitEthernet0/0/1", "Tunnel0/0/1")
        case .h3cComware: ("GigabitEthernet1/0/1", "Tunnel1")
        case .mikrotikV6, .mikrotikV7: ("ether2", "wireguard1")
        case .openwrt: ("lan", "vpn")
        case .pfsense, .opnsense: ("igb1", "wg0")
        case .windows: ("12", "17")
        case .macos: ("en0", "utun3")
        case .fortigate: ("internal", "k8s-vpn")
        case .vyos: ("eth1", "wg0")
        }
        return [lan: lanName, tunnel: tunnelName]
    }

    static func script(_ format: GatewayFormat, _ operations: [RouteOperation]) throws -> GatewayScript {
        try GatewayScript(format: format, operations: operations, deviceNames: names(format))
    }

    /// Every scenario's apply and rollback scripts, or the refusal, as one reviewable document.
    static func document(_ format: GatewayFormat) -> String {
        all.map { scenario in
            do {
                let script = try script(format, scenario.operations)
                return "=== \(scenario.name): apply ===\n\(script.apply)=== \(scenario.name): rollback ===\n\(script.rollback)"
            } catch {
                return "=== \(scenario.name): refused ===\n\(error)\n"
            }
        }.joined(separator: "\n")
    }
}
