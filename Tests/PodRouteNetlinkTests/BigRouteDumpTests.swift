import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct BigRouteDumpTests {
    @Test("20,000 routes added with ip -batch decode to exactly the multiset `ip -j route show table all` reports")
    func twentyThousandRoutes() throws {
        let ns = try TestNamespace("bigroutes")
        // No IPv6 link-local addresses: their routes appear when DAD ends, racing the comparison.
        try ns.run("sysctl", "-qw", "net.ipv6.conf.default.addr_gen_mode=1")
        try ns.ipBatch([
            "link add v1 type veth peer name v2", "link set v1 up", "link set v2 up",
            "addr add 10.255.0.1/24 dev v1", "addr add 2001:db8:ffff::1/64 dev v1 nodad",
        ])
        var commands: [String] = []
        for number in 0..<16_000 {
            let (high, low) = (number / 250, number % 250)
            switch number % 4 {
            case 0: commands.append("route add 10.\(high).\(low).0/24 dev v1")
            case 1: commands.append("route add 10.\(high).\(low).0/24 via 10.255.0.2 dev v1 metric \(number % 7) proto bird")
            case 2: commands.append("route add 10.\(high).\(low).0/24 via 10.255.0.3 dev v1 table \(100 + number % 3)")
            default: commands.append("route add blackhole 10.\(high).\(low).0/24 proto 80")
            }
        }
        for number in 0..<4_000 {
            commands.append("route add 2001:db8:\(String(number, radix: 16))::/64 via 2001:db8:ffff::2 dev v1")
        }
        try ns.ipBatch(commands)

        var socket = try RTNetlinkSocket(namespace: ns.name)
        var store = try socket.routes(family: .inet)
        store = try socket.routes(family: .inet6, into: store)
        let links = try socket.links()
        let names = Dictionary(uniqueKeysWithValues: links.map { ($0.index, $0.name) })
        let deviceName: (InterfaceIndex) -> String = { names[$0] ?? "if\($0.rawValue)" }

        for family in AddressFamily.allCases {
            let flag = family == .inet ? "-4" : "-6"
            let expected = try ipJSON(ns.ip("\(flag) -j -d route show table all")).map(RouteCanonicalForm.line(ip:))
            let ours = store.indices(of: family).map { RouteCanonicalForm.line(store[$0], names: .iproute2Defaults, deviceName: deviceName) }
            #expect(ours.count == expected.count, "\(family.name)")
            #expect(ours.sorted() == expected.sorted(), "\(family.name)")
        }
        #expect(store.count >= 20_000)
    }
}
