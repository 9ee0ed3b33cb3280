import CNetlink
import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct RouteDumpTests {
    @Test("RTM_GETROUTE dumps of 3,000 routes match `ip -j route show table all`, per family")
    func routeDumpMatchesIP() throws {
        let ns = try TestNamespace("routes")
        // A veth pair with both ends in the namespace: carrier up, nothing leaves it.
        try ns.ipBatch([
            "link add v1 type veth peer name v2",
            "link set v1 up",
            "link set v2 up",
        ])
        let ipv4 = (0..<1_500).map { "route add 10.\($0 / 250).\($0 % 250).0/24 dev v1" }
        let ipv6 = (0..<1_500).map { "route add 2001:db8:\(String($0, radix: 16))::/64 dev v1" }
        try ns.ipBatch(ipv4 + ipv6)

        var socket = try RTNetlinkSocket(namespace: ns.name)
        var counts: [NetlinkFamily: Int] = [:]
        for family in [NetlinkFamily.inet, .inet6] {
            counts[family] = try socket.dump(.routeDump(family: family), into: 0) { count, message in
                #expect(message.type == .newRoute)
                #expect(message.header(as: rtmsg.self)?.rtm_family == family.rawValue)
                count += 1
            }
        }

        let expected4 = try jsonArrayCount(ns.ip("-4 -j route show table all"))
        let expected6 = try jsonArrayCount(ns.ip("-6 -j route show table all"))
        #expect(counts[.inet] == expected4)
        #expect(counts[.inet6] == expected6)
        #expect(expected4 >= 1_500 && expected6 >= 1_500)
        #expect((counts[.inet] ?? 0) + (counts[.inet6] ?? 0) >= 3_000)
    }

    @Test("a strict-check violation comes back with the kernel's extended-ACK text")
    func badDumpHeaderReportsExtendedAck() throws {
        let ns = try TestNamespace("extack")
        try ns.ip("link set lo up")  // gives the local table some routes to dump afterwards
        var socket = try RTNetlinkSocket(namespace: ns.name)
        var header = rtmsg()
        header.rtm_family = NetlinkFamily.inet.rawValue
        header.rtm_dst_len = 8  // not a filter the FIB dump accepts: EINVAL under NETLINK_GET_STRICT_CHK
        let request = NetlinkRequest(.getRoute, header: header)

        let error = try #require(throws: NetlinkError.self) {
            try socket.dump(request, onRestart: {}) { _ in Issue.record("no message expected") }
        }
        #expect(error.errno == .EINVAL)
        #expect(error.kernelMessage == "Invalid values in header for FIB dump request")
        #expect(error.operation == .dump(.getRoute))
        #expect(error.description
            == "the kernel refused the route dump: Invalid values in header for FIB dump request (EINVAL)")

        // The error ended that exchange cleanly: the same socket dumps again.
        let routes = try socket.dump(.routeDump(family: .inet), into: 0) { count, _ in count += 1 }
        #expect(routes > 0)
        #expect(routes == (try jsonArrayCount(ns.ip("-4 -j route show table all"))))
    }
}
