import Foundation
import PodRouteTesting
import Testing

/// The Plan view's chain of routers, end to end in tmux on the lab: the office has lost its
/// default route and gw has no route to the pods, so both routers on the path need one. The
/// site file gives the office its own format. podroute applies gw's part (nearest the cluster),
/// the office's is done by hand, and only then does the office reach the pod.
@Suite(.needsNetns, .needsLabTools,
       .enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct PlanChainTerminalTests {
    @Test func twoRoutersGwAppliedHereTheOfficeByHandInOrder() throws {
        let lab = try SiteLab(.vxlan, label: "tuichain")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        try lab.ip(on: .office, "route del default")
        let siteFile = try lab.writeSiteFile(formats: [.office: "linux-netplan"])
        let tmux = try TmuxSession(width: 120, height: 36, environment: ["PODROUTE_STATE_DIR": state])
        defer { tmux.close() }
        try tmux.acceptClipboard()
        let pod = "10.21.69.212"

        try tmux.type("\(PodRouteBinary.path) --site \(siteFile) --write --confirm-within 60; echo EXIT=$?", enter: true)
        try tmux.waitFor("site: site.yaml (snapshots)")
        // Applying on the office first would forward into a hole: the dialog says so and wants force.
        try tmux.press(":")
        try tmux.type("host office")
        try tmux.press("Enter", "4", ":")
        try tmux.type("cidr 10.21.0.0/16")
        try tmux.press("Enter", ":")
        try tmux.type("via 10.20.1.22")
        try tmux.press("Enter", "m")
        let chain = try tmux.waitFor("━━ 1 of 2 · gw (linux) · first: nearest the cluster · by hand, y copies")
        #expect(chain.contains("path: office → gw → node1 (once every router below has its route)"), "\(chain)")
        #expect(chain.contains("from office   apply on office"))
        try tmux.press("a")
        let hole = try tmux.waitFor("pods' traffic into a hole.")
        #expect(hole.contains("By hand BEFORE it: 1. gw (linux)."), "\(hole)")
        #expect(hole.contains("type force to allow Apply"))
        try tmux.press("Escape")
        try tmux.waitFor("not applied")
        #expect(try !lab.ip(on: .office, "route show").contains("10.21."))

        // On gw: both sections, the office's in its own format; y copies both, in order.
        try tmux.press(":")
        try tmux.type("host gw")
        try tmux.press("Enter", "4")
        try tmux.waitFor("━━ 1 of 2 · gw (linux) · first: nearest the cluster · a applies it here")
        try tmux.press("n", "n")
        let office = try tmux.waitFor("━━ 2 of 2 · office (linux-netplan) · after gw · by hand, y copies")
        #expect(office.contains("+ 10.21.0.0/16 via 192.168.50.1 dev eth0"), "the office's route toward gw: \(office)")
        try tmux.press("n")
        try tmux.press("y")
        try tmux.waitFor("copied the commands of 2 routers")
        let copied = try tmux.clipboard()
        let gwAt = try #require(copied.range(of: "# step 1 of 2: gw (linux), nearest the cluster: apply first"), "\(copied)")
        let officeAt = try #require(copied.range(of: "# step 2 of 2: office (linux-netplan)"), "\(copied)")
        #expect(gwAt.lowerBound < officeAt.lowerBound)
        #expect(copied.contains("ip route add 10.21.0.0/16 via 10.20.1.22"))

        try tmux.press("a")
        let dialog = try tmux.waitFor("> Cancel <")
        #expect(dialog.contains("Only gw's part is applied: router 1 of 2"), "\(dialog)")
        #expect(dialog.contains("By hand after it, in this order: 2. office (linux-netplan)."))
        #expect(!dialog.contains("into a hole"))
        try tmux.press("Tab", "Enter")
        try tmux.waitFor("APPLIED · reverts in", timeout: .seconds(20))
        #expect(try lab.ip(on: .gw, "route show table main").contains("10.21.0.0/16 via 10.20.1.22"))
        #expect(try !lab.ip(on: .office, "route show").contains("10.21."), "only gw was changed")
        #expect(!lab.ping(from: .office, to: pod, attempts: 1), "the office still lacks its route")

        // The operator does the office by hand; now the whole path works.
        try lab.ip(on: .office, "route add 10.21.0.0/16 via 192.168.50.1")
        #expect(lab.ping(from: .office, to: pod), "office -> gw -> node1 -> node2 -> pod")
        try tmux.press("Enter")
        try tmux.waitFor("KEPT · change")
        try tmux.press("r")   // read the site again: nothing is missing any more
        try tmux.waitFor("every router from office to the cluster already routes these", timeout: .seconds(20))
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }
}
