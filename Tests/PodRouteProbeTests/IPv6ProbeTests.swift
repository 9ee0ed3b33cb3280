import PodRouteCore
import PodRouteTesting
import Testing
@testable import PodRouteProbe

/// IPv6 through one router: client -> r -> server, documentation addresses, nothing linked to
/// the root namespace. Every method must find what real `traceroute -6` finds.
@Suite(.needsNetns, .needsLabTools)
struct IPv6ProbeTests {
    @Test func everyMethodFindsTheRouterThenTheServer() throws {
        let client = try TestNamespace("probe6-c")
        let router = try TestNamespace("probe6-r")
        let server = try TestNamespace("probe6-s")
        defer { for namespace in [client, router, server] { try? namespace.remove() } }
        try client.ip(["link", "add", "c0", "type", "veth", "peer", "name", "a0", "netns", router.name])
        try router.ip(["link", "add", "b0", "type", "veth", "peer", "name", "s0", "netns", server.name])
        try client.ipBatch(["link set lo up", "link set c0 up", "addr add 2001:db8:1::2/64 dev c0 nodad",
                            "route add default via 2001:db8:1::1"])
        try router.ipBatch(["link set lo up", "link set a0 up", "link set b0 up",
                            "addr add 2001:db8:1::1/64 dev a0 nodad", "addr add 2001:db8:2::1/64 dev b0 nodad"])
        try server.ipBatch(["link set lo up", "link set s0 up", "addr add 2001:db8:2::2/64 dev s0 nodad",
                            "route add default via 2001:db8:2::1"])
        _ = try router.run("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1", "net.ipv6.icmp.ratelimit=0")
        _ = try server.run("sysctl", "-q", "-w", "net.ipv6.icmp.ratelimit=0")

        // Neighbour discovery first, so no probe is lost waiting on it.
        _ = try client.run("ping", "-c", "2", "-i", "0.2", "-W", "2", "-n", "2001:db8:2::2")

        let expected = ["2001:db8:1::1", "2001:db8:2::2"]
        let real = try SiteLab.parseTraceroute(client.run("traceroute", "-n", "-I", "-q", "1", "-w", "1", "-m", "4", "2001:db8:2::2"))
        #expect(real == expected)
        var options = ProbeOptions()
        options.maxHops = 4
        options.interval = .milliseconds(10)
        for method in [ProbeMethod.icmpEcho, .udp(), .tcp(port: 443)] {
            let result = try Prober(destination: IPAddress("2001:db8:2::2")!, method: method, options: options,
                                    namespace: client.name).run()
            #expect(result.hops.map { $0.responders.map(\.description) } == expected.map { [$0] }, "\(method)")
            #expect(result.stop == .reachedDestination(hop: 2), "\(method)")
            #expect(result.hops.allSatisfy { $0.sent == 3 && $0.received == 3 }, "\(method)")
        }
    }
}
