import PodRouteCore
import Testing

/// Host names come from site files (and hence from anyone who can edit one): the trace's text
/// lines must never carry their control characters to a terminal.
@Suite("Trace text sanitising")
struct TraceTextSanitisingTests {
    @Test func hostileHostNamesReachNoLineRaw() throws {
        let hostile = "node2\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J"
        let plain = try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.20.1.22 dev eth1")
        let site = Site(hosts: plain.hosts.map { host in
            host.name == "node2" ? SiteHost(name: hostile, snapshot: host.snapshot, role: host.role) : host
        })
        let result = PathTracer(site: site).trace(to: IPAddress("10.21.69.200")!, from: "office")
        #expect(result.hops.last?.host == hostile, "the trace must reach the renamed host for this test to mean anything")
        let text = TraceText(result: result, site: site, glyphs: .ascii)
        let lines = [text.verdictLine] + text.hopLines + [text.returnLine ?? ""] + text.findingLines
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in: \(line.debugDescription)")
        }
        #expect(text.returnLine?.hasPrefix("return: node2") == true, "\(String(describing: text.returnLine))")
    }
}
