import CNetlink
import Foundation
import PodRouteNetlink
import PodRouteTesting
import Testing

/// `execute` (NLM_F_ACK) and `query` (one answer) against a namespace with a veth pair.
@Suite(.needsNetns)
struct RequestTests {
    /// Namespace with v1/v2 up; returns it and v1's ifindex.
    private func namespaceWithVeth(_ label: String) throws -> (TestNamespace, UInt32) {
        let ns = try TestNamespace(label)
        try ns.ipBatch(["link add v1 type veth peer name v2", "link set v1 up", "link set v2 up"])
        let links = try linkNames(fromIPJSON: ns.ip("-j link show v1"))
        let v1 = try #require(links.first)
        return (ns, UInt32(v1.index))
    }

    /// `ip route add 192.0.2.0/24 dev v1 proto static` as a request.
    private func addRoute(oif: UInt32) -> NetlinkRequest {
        var header = rtmsg()
        header.rtm_family = NetlinkFamily.inet.rawValue
        header.rtm_dst_len = 24
        header.rtm_table = UInt8(RT_TABLE_MAIN.rawValue)
        header.rtm_protocol = UInt8(RTPROT_STATIC)
        header.rtm_scope = UInt8(RT_SCOPE_LINK.rawValue)
        header.rtm_type = UInt8(RTN_UNICAST)
        var request = NetlinkRequest(.newRoute, flags: [.create, .exclusive], header: header)
        request.append(UInt16(RTA_DST.rawValue), bytes: [192, 0, 2, 0])
        request.append(UInt16(RTA_OIF.rawValue), oif)
        return request
    }

    /// `ip route get ADDRESS` as a request.
    private func getRoute(_ address: [UInt8]) -> NetlinkRequest {
        var header = rtmsg()
        header.rtm_family = NetlinkFamily.inet.rawValue
        header.rtm_dst_len = 32
        var request = NetlinkRequest(.getRoute, header: header)
        request.append(UInt16(RTA_DST.rawValue), bytes: address)
        return request
    }

    @Test("execute: the route is added, and adding it again gives EEXIST in one sentence")
    func executeAddsRouteAndReportsEEXIST() throws {
        let (ns, v1) = try namespaceWithVeth("exec")
        var socket = try RTNetlinkSocket(namespace: ns.name)

        try socket.execute(addRoute(oif: v1))
        let shown = try ns.ip("-4 route show 192.0.2.0/24")
        #expect(shown.contains("192.0.2.0/24 dev v1 proto static scope link"))

        let error = try #require(throws: NetlinkError.self) { try socket.execute(addRoute(oif: v1)) }
        #expect(error.errno == .EEXIST)
        #expect(error.operation == .request(.newRoute))
        #expect(error.description.hasPrefix("the kernel refused to add the route"))
        #expect(error.description.hasSuffix("(EEXIST)"))
    }

    @Test("execute: a missing device is refused with ENODEV")
    func executeReportsMissingDevice() throws {
        let (ns, _) = try namespaceWithVeth("exec-nodev")
        var socket = try RTNetlinkSocket(namespace: ns.name)
        let error = try #require(throws: NetlinkError.self) { try socket.execute(addRoute(oif: 999_999)) }
        #expect(error.errno == .ENODEV)
        #expect(try ns.ip("-4 route show 192.0.2.0/24").isEmpty)
    }

    @Test("execute: the kernel's extended-ACK text comes back for a refused change")
    func executeReportsExtendedAck() throws {
        let (ns, v1) = try namespaceWithVeth("exec-extack")
        var socket = try RTNetlinkSocket(namespace: ns.name)
        var request = addRoute(oif: v1)
        request.append(UInt16(RTA_GATEWAY.rawValue), bytes: [10, 99, 0, 1])  // not reachable through v1
        let error = try #require(throws: NetlinkError.self) { try socket.execute(request) }
        #expect(error.errno == .ENETUNREACH)
        #expect(error.kernelMessage == "Nexthop has invalid gateway")
        #expect(error.description == "the kernel refused to add the route: Nexthop has invalid gateway (ENETUNREACH)")
    }

    @Test("query: `ip route get` answers with the route; an unreachable address with ENETUNREACH")
    func queryRoute() throws {
        let (ns, v1) = try namespaceWithVeth("query")
        var socket = try RTNetlinkSocket(namespace: ns.name)
        try socket.execute(addRoute(oif: v1))

        let reply = try socket.query(getRoute([192, 0, 2, 7]))
        #expect(reply.type == .newRoute)
        let oif = reply.withMessage { $0.attributes(after: rtmsg.self).first(UInt16(RTA_OIF.rawValue))?.uint32 }
        #expect(oif == v1)

        let error = try #require(throws: NetlinkError.self) { try socket.query(getRoute([203, 0, 113, 1])) }
        #expect(error.errno == .ENETUNREACH)
        #expect(error.description.hasPrefix("the kernel refused the route query: "))
    }
}
