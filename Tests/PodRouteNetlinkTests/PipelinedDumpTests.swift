import PodRouteCore
@testable import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct PipelinedDumpTests {
    @Test("a pipelined dump restarts after NLM_F_DUMP_INTR and returns the post-change state")
    func pipelinedDumpRestarts() throws {
        let ns = try TestNamespace("pipeline")
        // IPv4 FIB dumps never flag NLM_F_DUMP_INTR; link dumps do. ~2 KiB per bridge: several datagrams.
        try ns.ipBatch((0..<80).map { "link add br\($0) type bridge" })
        var socket = try RTNetlinkSocket(namespace: ns.name)
        var delivered = 0
        var changed = false
        let links = try socket.pipelinedCollect(.linkDump(), into: [UnresolvedLink]()) { links, message throws(NetlinkError) in
            delivered += 1
            if !changed {
                changed = true
                _ = try? ns.ip("link add late type bridge")
            }
            if let link = try LinkDecoder.decode(message) { links.append(link) }
        }
        #expect(links.count == (try jsonArrayCount(ns.ip("-j link show"))))
        #expect(links.contains { $0.link.name == "late" })
        #expect(delivered > links.count, "the interrupted first attempt delivered messages that were discarded")

        // Routes through the same path match ip exactly.
        try ns.ipBatch(["link add v1 type veth peer name v2", "link set v1 up", "link set v2 up"]
            + (0..<3_000).map { "route add 10.\($0 / 250).\($0 % 250).0/24 dev v1" })
        let routes = try socket.routes(family: .inet)
        #expect(routes.count == (try jsonArrayCount(ns.ip("-4 -j route show table all"))))
    }

    @Test("a refused pipelined dump throws the kernel's ext-ack and leaves the socket usable")
    func pipelinedDumpRefused() throws {
        let ns = try TestNamespace("pipeline-err")
        try ns.ip("link set lo up")
        var socket = try RTNetlinkSocket(namespace: ns.name)
        var header = CNetlinkRouteHeader.invalidDumpHeader()
        header.rtm_family = NetlinkFamily.inet.rawValue
        let error = try #require(throws: NetlinkError.self) {
            _ = try socket.pipelinedCollect(NetlinkRequest(.getRoute, header: header), into: 0) { count, _ throws(NetlinkError) in count += 1 }
        }
        #expect(error.kernelMessage == "Invalid values in header for FIB dump request")
        #expect(try socket.routes(family: .inet).count > 0)
    }
}

import CNetlink

/// An `rtmsg` the FIB dump refuses under strict checking (a destination length is not a dump filter).
enum CNetlinkRouteHeader {
    static func invalidDumpHeader() -> rtmsg {
        var header = rtmsg()
        header.rtm_dst_len = 8
        return header
    }
}
