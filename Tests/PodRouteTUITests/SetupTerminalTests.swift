import Foundation
import PodRouteTesting
import Testing

/// The guided setup end to end in a real terminal on the lab: podroute on the site with
/// `--write`, `g`, Enter through the steps, the banner's probe failing before and answering
/// after, Enter to keep, and the office pinging the pod for real. Quitting mid-setup and going
/// back leave gw's routes exactly as they were.
@Suite(.needsNetns, .needsLabTools,
       .enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct SetupTerminalTests {
    /// The first pod of the first node, which setup traces and probes.
    static let pod = "10.21.230.3"

    @Test func fromUnreachableToConfirmedOnEvidenceAndQuittingMidwayChangesNothing() throws {
        let lab = try SiteLab(.vxlan, label: "tuisetup")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        let siteFile = try lab.writeSiteFile()
        let tmux = try TmuxSession(width: 120, height: 36, environment: ["PODROUTE_STATE_DIR": state])
        defer { tmux.close() }
        let untouched = try lab.ip(on: .gw, "-4 -j route show table all")
        #expect(!lab.ping(from: .office, to: Self.pod, attempts: 1), "the office cannot reach the pods before")

        // Quit in the middle (after going back and forth): gw is exactly as it was.
        try tmux.type("\(PodRouteBinary.path) --site \(siteFile) --write --confirm-within 60; echo EXIT=$?", enter: true)
        try tmux.waitFor("site: site.yaml (snapshots)")
        try tmux.press("g")
        try tmux.waitFor("step 1 of 6")
        try tmux.press("Enter", "Enter", "Enter")
        try tmux.waitFor("step 4 of 6")
        try tmux.press("b", "b")
        try tmux.waitFor("step 2 of 6")
        try tmux.press("Enter", "Enter", "Enter")
        try tmux.waitFor("step 5 of 6")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
        #expect(try lab.ip(on: .gw, "-4 -j route show table all") == untouched, "quitting mid-setup changes nothing")
        try tmux.type("clear", enter: true)

        // The whole way, timed from g to kept.
        try tmux.type("\(PodRouteBinary.path) --site \(siteFile) --write --confirm-within 60; echo EXIT=$?", enter: true)
        try tmux.waitFor("site: site.yaml (snapshots)")
        let started = ContinuousClock.now
        try tmux.press("g")
        let whereAmI = try tmux.waitFor("step 1 of 6 · where am I")
        #expect(whereAmI.contains("gw is a gateway: IPv4 forwarding on"), "\(whereAmI)")
        try tmux.press("Enter")
        let unreachable = try tmux.waitFor("step 2 of 6")
        #expect(unreachable.contains("pod default/web-0 on node1 \(Self.pod): UNREACHABLE at gw [no-route-on-gateway"),
                "\(unreachable)")
        try tmux.press("Enter")
        let cidrs = try tmux.waitFor("step 3 of 6")
        #expect(cidrs.contains("Recommended: 10.21.0.0/16"), "\(cidrs)")
        #expect(cidrs.contains("[x] 10.21.0.0/16"), "\(cidrs)")
        try tmux.press("Enter")
        let hops = try tmux.waitFor("step 4 of 6")
        #expect(hops.contains("strategy: per-node"), "\(hops)")
        #expect(hops.contains("no asymmetric return"), "\(hops)")
        try tmux.press("Enter")
        let preview = try tmux.waitFor("step 5 of 6")
        #expect(preview.contains("+ 10.21.69.192/26 via 10.20.1.24"), "\(preview)")
        try tmux.press("Enter")
        let apply = try tmux.waitFor("before: no route", timeout: .seconds(15))
        #expect(apply.contains("verification: ping \(Self.pod): before: no route"), "\(apply)")
        #expect(try lab.ip(on: .gw, "-4 -j route show table all") == untouched, "nothing applied before the dialog")
        try tmux.press("Enter")
        try tmux.waitFor("> Cancel <")
        try tmux.press("Tab", "Enter")
        try tmux.waitFor("APPLIED · reverts in", timeout: .seconds(20))
        let evidence = try tmux.waitFor("\(Self.pod): ok", timeout: .seconds(15))
        #expect(evidence.contains("ping \(Self.pod): ok"), "\(evidence)")
        #expect(evidence.contains("(before: no route) · Enter keep"), "\(evidence)")
        try tmux.press("Enter")
        try tmux.waitFor("KEPT · change")
        let elapsed = started.duration(to: .now)
        #expect(elapsed < .seconds(60), "from g to kept in \(elapsed)")
        #expect(lab.ping(from: .office, to: Self.pod), "the office reaches the pod")
        #expect(lab.ping(from: .office, to: "10.21.69.212"), "and the pods on the other node")
        try tmux.press("q")
        let end = try tmux.waitFor("EXIT=0")
        #expect(end.contains("confirmed (journal:"), "\(end)")
    }

    /// The operator on the gateway itself: the site names gw `local: true` and podroute runs
    /// there (inside gw's namespace, as it would on the real machine). Apply changes this host,
    /// and the office reaches the pod.
    @Test func onTheGatewayItselfALocalSiteHostIsApplied() throws {
        let lab = try SiteLab(.vxlan, label: "tuilocal")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        let siteFile = try lab.writeSiteFile(local: .gw)
        let tmux = try TmuxSession(width: 120, height: 36, environment: ["PODROUTE_STATE_DIR": state])
        defer { tmux.close() }
        #expect(!lab.ping(from: .office, to: Self.pod, attempts: 1), "the office cannot reach the pods before")

        try tmux.type("ip netns exec \(lab.namespace(.gw)) \(PodRouteBinary.path) --site \(siteFile) --write; echo EXIT=$?",
                      enter: true)
        try tmux.waitFor("site: site.yaml (snapshots)")
        try tmux.press("g")
        let whereAmI = try tmux.waitFor("step 1 of 6 · where am I")
        #expect(whereAmI.contains("plans for this host (gw)"), "\(whereAmI)")
        try tmux.press("Enter", "Enter", "Enter", "Enter")
        try tmux.waitFor("step 5 of 6")
        try tmux.press("Enter")
        try tmux.waitFor("before: no route", timeout: .seconds(15))
        try tmux.press("Enter")
        let dialog = try tmux.waitFor("> Cancel <")
        #expect(dialog.contains("this host (gw)"), "\(dialog)")
        try tmux.press("Tab", "Enter")
        try tmux.waitFor("\(Self.pod): ok", timeout: .seconds(20))
        try tmux.press("Enter")
        try tmux.waitFor("KEPT · change")
        #expect(lab.ping(from: .office, to: Self.pod), "the office reaches the pod")
        try tmux.press("q")
        let end = try tmux.waitFor("EXIT=0")
        #expect(end.contains("confirmed (journal:"), "\(end)")
    }
}
