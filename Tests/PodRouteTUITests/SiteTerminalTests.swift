import Foundation
import PodRouteTesting
import Testing

/// `podroute --site FILE` in a real terminal on the lab (office, gw, node1, node2 in their own
/// namespaces, VXLAN between the nodes): the Trace view before and after the gateway route is
/// added, the hop -> Routes jump, the host switcher, and a clean exit.
@Suite(.needsNetns, .needsLabTools,
       .enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct SiteTerminalTests {
    @Test func traceAcrossTheLabBeforeAndAfterTheGatewayRoute() throws {
        let lab = try SiteLab(.vxlan, label: "tui")
        defer { try? lab.remove() }
        let siteFile = try lab.writeSiteFile()
        let stty = lab.directory + "/stty"
        let tmux = try TmuxSession(width: 120, height: 36)
        defer { tmux.close() }
        // Run from the root namespace: the lab's hosts are read through /run/netns.
        try tmux.type("stty -g > \(stty); \(PodRouteBinary.path) --site \(siteFile); echo EXIT=$?", enter: true)
        let opened = try tmux.waitFor("site: site.yaml (snapshots)")
        #expect(opened.contains("office"))

        try tmux.press("3")
        try tmux.waitFor("trace to")
        try tmux.type("10.21.69.212")
        try tmux.press("Enter")
        let before = try tmux.waitFor("UNREACHABLE at gw")
        #expect(before.contains("no-route-on-gateway"))
        #expect(before.contains("fix on gw: add 10.21.0.0/16"))

        try lab.addGatewayRoute(.aggregate(via: .node1))
        try tmux.press("r")   // read every host again; the trace runs again by itself
        let after = try tmux.waitUntil("the trace to turn reachable") { $0.contains("verdict REACHABLE") }
        let hopLines = after.split(separator: "\n").map(String.init).filter { $0.contains("──") && $0.contains("▶") }
        let hosts = hopLines.compactMap { line in ["office", "gw", "node1", "node2"].first { line.contains(" \($0) ") } }
        #expect(hosts == ["office", "gw", "node1", "node2"], "\(after)")
        #expect(after.contains("VXLAN 10.20.1.22 → 10.20.1.24"))
        #expect(after.contains("pod default/web-1 (10.21.69.212)"))
        #expect(after.contains("asymmetric-return"))
        #expect(after.contains("return: node2 → gw → office"))

        // Enter on node1's hop: node1's routes, at the VXLAN route the trace used.
        try tmux.press("Up", "Enter")
        let routes = try tmux.waitFor("node1: the route the trace used")
        #expect(routes.contains("─ node1"))
        #expect(routes.contains("10.21.69.192/26"))

        // The host switcher: H, then office (two above node1).
        try tmux.press("H")
        try tmux.waitFor("show host")
        try tmux.press("Up", "Up", "Enter")
        try tmux.press("1")
        try tmux.waitUntil("office's interfaces") { $0.contains("─ office") && $0.contains("eth0") && !$0.contains("show host") }
        try tmux.press(":")
        try tmux.type("host gw")
        try tmux.press("Enter")
        try tmux.waitFor("─ gw")

        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
        try tmux.type("[ \"$(stty -g)\" = \"$(cat \(stty))\" ] && echo RESTORED-OK || echo RESTORED-NO", enter: true)
        let end = try tmux.waitUntil("the stty check") { $0.contains("RESTORED-OK") || $0.contains("RESTORED-NO") }
        #expect(end.contains("RESTORED-OK"))
        #expect(end.contains("podroute: gw (site: site.yaml (snapshots))"), "the summary line stays in the scrollback")
    }
}
