import Foundation
import PodRouteCore
import PodRouteTesting

/// A namespace with a big policy-routed FIB for the lookup differential test: 60,000 IPv4
/// route commands (over 50,000 distinct routes once replacements are counted) in 10.0.0.0/8 spread over main, default and tables 100/200/300 (unicast via
/// gateways, device routes, blackhole, unreachable, prohibit, throw, multipath, several metrics
/// per prefix, TOS routes, next hops on links without carrier, with and without
/// `ignore_routes_with_linkdown`), 1,500 IPv6 routes, and rules using fwmark, from, to, not, iif,
/// goto, nop, unreachable/prohibit/blackhole actions and suppress_prefixlength.
///
/// Routes are generated from `seed`, so a failing run can be replayed.
final class PolicyFIBNamespace {
    let namespace: TestNamespace

    /// Devices with their IPv4 subnet's first three octets; d3 and d4 have no carrier (their
    /// peers are down), and d3 ignores routes while it lacks one.
    static let devices: [(name: String, subnet: String, up: Bool)] = [
        ("d0", "192.0.2", true), ("d1", "198.51.100", true), ("d2", "203.0.113", true),
        ("d3", "100.64.3", false), ("d4", "100.64.4", false),
    ]
    /// Marks the rules select on, alone and combined, for the queries.
    static let marks: [UInt32] = [0, 0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x3, 0x6, 0x81, 0x104]
    static let ipv4Rules = [
        "rule add fwmark 0x1/0x1 lookup 100 pref 100",
        "rule add from 172.16.0.0/12 lookup 200 pref 150",
        "rule add iif d1 lookup 300 pref 200",
        "rule add from 192.168.0.0/16 goto 400 pref 250",
        "rule add to 10.128.0.0/9 fwmark 0x2/0x2 lookup 200 suppress_prefixlength 16 pref 300",
        "rule add not to 10.0.0.0/10 fwmark 0x4/0x4 lookup 300 pref 350",
        "rule add fwmark 0x8/0x8 unreachable pref 360",
        "rule add fwmark 0x10/0x10 prohibit pref 361",
        "rule add fwmark 0x20/0x20 blackhole pref 362",
        "rule add fwmark 0x40/0x40 nop pref 363",
        "rule add fwmark 0x80/0x80 goto 32766 pref 364",
        "rule add lookup 100 suppress_prefixlength 12 pref 370",
        "rule add from 192.168.0.0/16 lookup 300 pref 400",
        "rule add iif d0 fwmark 0x100/0x100 lookup 200 pref 410",
    ]
    static let ipv6Rules = [
        "-6 rule add fwmark 0x1/0x1 lookup 100 pref 100",
        "-6 rule add fwmark 0x8/0x8 unreachable pref 360",
        "-6 rule add lookup 100 suppress_prefixlength 48 pref 370",
    ]

    /// Every IPv4 route prefix written (for destinations inside them).
    private(set) var prefixes4: [(address: UInt32, length: Int)] = []
    private(set) var prefixes6: [(high: UInt64, length: Int)] = []

    init(label: String, seed: UInt64, routes4: Int = 60_000, routes6: Int = 1_500) throws {
        namespace = try TestNamespace(label)
        var random = SplitMix64(seed: seed)
        var setup = ["link set lo up"]
        for (index, device) in Self.devices.enumerated() {
            setup += [
                "link add \(device.name) type veth peer name p\(index)",
                "addr add \(device.subnet).1/24 dev \(device.name)",
                "addr add 2001:db8:f\(index)::1/64 dev \(device.name) nodad",
                "link set \(device.name) up",
            ]
            if device.up { setup.append("link set p\(index) up") }
        }
        for scope in ["all", "default"] {
            try namespace.run("sysctl", "-qw", "net.ipv4.conf.\(scope).rp_filter=0")
            try namespace.run("sysctl", "-qw", "net.ipv6.conf.\(scope).accept_dad=0")
        }
        try namespace.run("sysctl", "-qw", "net.ipv4.ip_forward=1")
        try namespace.run("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        try namespace.ipBatch(setup)
        try namespace.run("sysctl", "-qw", "net.ipv4.conf.d3.ignore_routes_with_linkdown=1")
        for device in Self.devices.map(\.name) { try namespace.run("sysctl", "-qw", "net.ipv4.conf.\(device).rp_filter=0") }

        var commands: [String] = []
        commands.reserveCapacity(routes4 + routes6 + 32)
        let tables = [("main", 26), ("100", 12), ("200", 8), ("300", 6)]  // thousands of routes each
        let scale = Double(routes4) / 52_000
        for (table, thousands) in tables {
            for _ in 0..<Int(Double(thousands * 1000) * scale) {
                commands.append(route4(table: table, random: &random))
            }
        }
        // The default table answers half of what the others miss.
        commands.append("route replace 10.0.0.0/9 via 198.51.100.254 dev d1 table default")
        commands += Self.ipv4Rules
        for _ in 0..<routes6 { commands.append(route6(random: &random)) }
        commands.append("route replace 2001:db8:1000::/36 via 2001:db8:f0::2 dev d0")
        try namespace.ipBatch(commands)
        // `ip -batch` has no family option: the IPv6 rules one by one.
        for rule in Self.ipv6Rules { try namespace.ip(rule) }
    }

    func remove() throws { try namespace.remove() }

    // MARK: - Generation

    private static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 255).\((value >> 8) & 255).\(value & 255)"
    }

    private func gateway4(_ random: inout SplitMix64, device chosen: Int? = nil) -> String {
        let device = chosen ?? Int(random.next() % UInt64(Self.devices.count))
        return "via \(Self.devices[device].subnet).\(2 + random.next() % 250) dev \(Self.devices[device].name)"
    }

    private func prefixLength(_ random: inout SplitMix64) -> Int {
        switch random.next() % 100 {
        case 0..<30: 32
        case 30..<60: 24 + Int(random.next() % 8)
        case 60..<85: 16 + Int(random.next() % 8)
        case 85..<97: 9 + Int(random.next() % 7)
        default: 8
        }
    }

    private func route4(table: String, random: inout SplitMix64) -> String {
        let length = prefixLength(&random)
        let mask: UInt32 = length == 0 ? 0 : ~0 << (32 - UInt32(length))
        let address = (UInt32(10) << 24 | UInt32(truncatingIfNeeded: random.next()) & 0x00ff_ffff) & mask
        prefixes4.append((address, length))
        let prefix = "\(Self.dotted(address))/\(length)"
        let suffix = table == "main" ? "" : " table \(table)"
        let kind = random.next() % 100
        switch kind {
        case 0..<4: return "route replace blackhole \(prefix)\(suffix)"
        case 4..<6: return "route replace unreachable \(prefix)\(suffix)"
        case 6..<8: return "route replace prohibit \(prefix)\(suffix)"
        case 8..<11: return "route replace throw \(prefix)\(suffix)"
        case 11..<17:
            // Next hops on different devices: a duplicate hop is refused (EEXIST).
            let first = Int(random.next() % UInt64(Self.devices.count))
            let hops = (0..<(2 + Int(random.next() % 2))).map { hop in
                "nexthop \(gateway4(&random, device: (first + hop) % Self.devices.count)) weight \(1 + random.next() % 4)"
            }
            return "route replace \(prefix)\(suffix) \(hops.joined(separator: " "))"
        case 17..<20:
            let device = Self.devices[Int(random.next() % UInt64(Self.devices.count))].name
            return "route replace \(prefix) dev \(device)\(suffix)"
        case 20..<21: return "route replace \(prefix) tos 0x10 \(gateway4(&random))\(suffix)"
        case 21..<30: return "route replace \(prefix) \(gateway4(&random)) metric \([10, 100, 1000][Int(random.next() % 3)])\(suffix)"
        default: return "route replace \(prefix) \(gateway4(&random))\(suffix)"
        }
    }

    private func route6(random: inout SplitMix64) -> String {
        // Prefixes inside 2001:db8:1000::/36, /40 to /64 (the high 64 bits carry them).
        let length = 40 + Int(random.next() % 25)
        let mask: UInt64 = ~0 << (64 - UInt64(length))
        let high = (0x2001_0db8_1000_0000 | random.next() & 0x0fff_ffff) & mask
        prefixes6.append((high, length))
        let prefix = "\(IPv6Address(high: high, low: 0))/\(length)"
        let table = random.next() % 3 == 0 ? " table 100" : ""
        let gateway = { (random: inout SplitMix64, chosen: Int?) in
            let device = chosen ?? Int(random.next() % 2)
            return "via 2001:db8:f\(device)::\(String(2 + random.next() % 250, radix: 16)) dev d\(device)"
        }
        switch random.next() % 100 {
        case 0..<5: return "route replace blackhole \(prefix)\(table)"
        case 5..<8: return "route replace unreachable \(prefix)\(table)"
        case 8..<10: return "route replace prohibit \(prefix)\(table)"
        case 10..<14: return "route replace throw \(prefix)\(table)"
        case 14..<20:
            // One hop per device: a duplicate hop is refused (EEXIST).
            return "route replace \(prefix)\(table) nexthop \(gateway(&random, 0)) nexthop \(gateway(&random, 1))"
        case 20..<35: return "route replace \(prefix) \(gateway(&random, nil)) metric \([100, 200, 2048][Int(random.next() % 3)])\(table)"
        default: return "route replace \(prefix) \(gateway(&random, nil))\(table)"
        }
    }
}

extension SplitMix64: RandomNumberGenerator {}
