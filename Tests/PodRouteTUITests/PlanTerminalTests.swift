import Foundation
import PodRouteTesting
import Testing

/// The Plan view end to end, in a real terminal on the lab: `podroute --netns <gw> --write`,
/// a typed CIDR and next hop, the apply dialog, a real ping from the office, Enter on the
/// countdown banner, and the journal saying confirmed.
@Suite(.needsNetns, .needsLabTools,
       .enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct PlanTerminalTests {
    @Test func stageApplyPingAndKeepFromThePlanView() throws {
        let lab = try SiteLab(.vxlan, label: "tuiplan")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        // The guardians name their journal on their command line; only ours match.
        defer { GuardianProcesses.kill(naming: state) }
        let tmux = try TmuxSession(width: 120, height: 36, environment: ["PODROUTE_STATE_DIR": state])
        defer { tmux.close() }
        try tmux.acceptClipboard()
        let pod = "10.21.69.212"
        #expect(!lab.ping(from: .office, to: pod, attempts: 1), "the office cannot reach the pods before")

        try tmux.type("\(PodRouteBinary.path) --netns \(lab.namespace(.gw)) --write; echo EXIT=$?", enter: true)
        try tmux.waitFor("WRITE")
        try tmux.press("4")
        try tmux.press(":")
        try tmux.type("cidr 10.21.0.0/16")
        try tmux.press("Enter")
        try tmux.press(":")
        try tmux.type("via 10.20.1.22")
        try tmux.press("Enter")
        try tmux.press("m")   // per-node (the default) -> aggregate: one route via node1
        let preview = try tmux.waitFor("+ 10.21.0.0/16 via 10.20.1.22")
        #expect(preview.contains("ip route add 10.21.0.0/16 via 10.20.1.22"))

        // y: the commands reach tmux's buffer through OSC 52.
        try tmux.press("y")
        try tmux.waitFor("OSC 52 sent")
        let copied = try tmux.clipboard()
        #expect(copied.contains("ip route add 10.21.0.0/16 via 10.20.1.22"), "\(copied)")
        #expect(copied.contains("# rollback"))

        try tmux.press("a")
        let dialog = try tmux.waitFor("> Cancel <")
        #expect(dialog.contains("It reverts by itself in 120 s"))
        try tmux.press("Enter")   // the default: nothing applied
        try tmux.waitFor("not applied")
        #expect(try !lab.ip(on: .gw, "route show table main").contains("10.21."))

        try tmux.press("a")
        try tmux.waitFor("> Cancel <")
        try tmux.press("Tab", "Enter")
        let banner = try tmux.waitFor("APPLIED · reverts in", timeout: .seconds(20))
        #expect(banner.contains("Enter keep · e +2 min · r revert now"))
        #expect(try lab.ip(on: .gw, "route show table main").contains("10.21.0.0/16 via 10.20.1.22"))
        #expect(lab.ping(from: .office, to: pod), "the office reaches the pod on node2 through node1")

        try tmux.press("Enter")
        try tmux.waitFor("KEPT · change")
        try tmux.press("q")
        let end = try tmux.waitFor("EXIT=0")
        #expect(end.contains("confirmed (journal:"), "\(end)")

        let journal = try PodRouteBinary.run(["journal"], environment: ["PODROUTE_STATE_DIR": state]).succeeded()
        #expect(journal.standardOutput.contains("confirmed"), "\(journal.standardOutput)")
        #expect(lab.ping(from: .office, to: pod), "a kept change stays")
    }

    /// Not kept: the guardian reverts at the deadline and the banner says so (read from the journal).
    @Test func notKeptTheGuardianRevertsAndTheBannerSaysSo() throws {
        let lab = try SiteLab(.vxlan, label: "tuirevert")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        let tmux = try TmuxSession(width: 100, height: 30, environment: ["PODROUTE_STATE_DIR": state])
        defer { tmux.close() }
        let pod = "10.21.69.212"
        try tmux.type("\(PodRouteBinary.path) --netns \(lab.namespace(.gw)) --write --confirm-within 4; echo EXIT=$?", enter: true)
        try tmux.waitFor("WRITE")
        try tmux.press("4", ":")
        try tmux.type("cidr 10.21.0.0/16")
        try tmux.press("Enter", ":")
        try tmux.type("via 10.20.1.22")
        try tmux.press("Enter", "m")
        try tmux.waitFor("+ 10.21.0.0/16 via 10.20.1.22")
        try tmux.press("a")
        try tmux.waitFor("It reverts by itself in 4 s")
        try tmux.press("Tab", "Enter")
        try tmux.waitFor("APPLIED · reverts in 0:0", timeout: .seconds(20))
        #expect(lab.ping(from: .office, to: pod, attempts: 1))
        let reverted = try tmux.waitFor("REVERTED · change", timeout: .seconds(20))
        #expect(reverted.contains("reverted by guardian"), "\(reverted)")
        #expect(!lab.ping(from: .office, to: pod, attempts: 1), "reverted: the office cannot reach the pods again")
        #expect(try !lab.ip(on: .gw, "route show table main").contains("10.21."))
        try tmux.press("q")
        let end = try tmux.waitFor("EXIT=0")
        #expect(end.contains("reverted (journal:"), "\(end)")
    }

    /// On a site: the candidates come from the nodes; per-node (the default) routes each block via
    /// its own node; e gives two more minutes, r reverts at once; the site is read again.
    @Test func onASitePerNodeExtendAndRevertNow() throws {
        let lab = try SiteLab(.vxlan, label: "tuisite")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        let siteFile = try lab.writeSiteFile()
        let tmux = try TmuxSession(width: 120, height: 36, environment: ["PODROUTE_STATE_DIR": state])
        defer { tmux.close() }
        let pod = "10.21.69.212"
        try tmux.type("\(PodRouteBinary.path) --site \(siteFile) --write --confirm-within 60; echo EXIT=$?", enter: true)
        try tmux.waitFor("site: site.yaml (snapshots)")
        try tmux.press(":")
        try tmux.type("host gw")
        try tmux.press("Enter", "4")
        let list = try tmux.waitFor("pod-pool")
        #expect(list.contains("pod-block"))
        try tmux.press("Space")   // the pool, first: per node, each block via its node
        let preview = try tmux.waitFor("commands (linux):")
        #expect(preview.contains("+ 10.21.69.192/26 via 10.20.1.24"), "\(preview)")
        try tmux.press("a")
        try tmux.waitFor("> Cancel <")
        try tmux.press("Tab", "Enter")
        try tmux.waitFor("APPLIED · reverts in", timeout: .seconds(20))
        #expect(lab.ping(from: .office, to: pod), "per-node: the office reaches the pod on node2 through node2")

        try tmux.press("e")
        try tmux.waitFor("two more minutes")
        try tmux.waitFor("APPLIED · reverts in 2:")
        try tmux.press("r")
        let reverted = try tmux.waitFor("ROLLED-BACK · change", timeout: .seconds(20))
        #expect(reverted.contains("rolled-back by rollback"), "\(reverted)")
        #expect(!lab.ping(from: .office, to: pod, attempts: 1), "reverted now: unreachable again")
        // The site's snapshot of gw is read again: the draft proposes the routes anew.
        try tmux.press("Escape")
        try tmux.waitFor("+ 10.21.69.192/26 via 10.20.1.24")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }
}
