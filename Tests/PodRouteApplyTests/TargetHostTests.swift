import Foundation
import PodRouteApply
import PodRouteCore
import PodRouteTesting
import Testing

/// A plan carries its target host; `podroute apply` refuses it on another host (by the target's
/// global addresses, `HostIdentity`), naming both, with nothing applied; `--target-host NAME`
/// asserts a renumbered target.
@Suite("podroute apply checks the plan's target host", .needsNetns, .needsLabTools, .serialized)
struct TargetHostTests {
    @Test func aPlanMadeOnGwIsRefusedOnNode1AndAppliesOnGw() throws {
        let fixture = try ApplyFixture(label: "target")
        defer { fixture.remove() }
        let plan = try fixture.planWithPodroute()
        let node1 = fixture.lab.namespace(.node1)
        let before = try fixture.lab.ip(on: .node1, "-j route show table all")

        let refused = try fixture.podroute("apply", plan, "--netns", node1, "--confirm-within", "3", "--yes")
        #expect(refused.status != 0)
        #expect(refused.standardError.contains(
            "refusing to apply: this plan is for host \(fixture.gw) (made from netns \(fixture.gw)) but this is netns \(node1): "
                + "this host holds 10.20.1.22, 10.21.230.0, none of the target's 10.20.1.254, 192.168.50.1; nothing was applied"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("assert it with --target-host \(fixture.gw)"))
        #expect(!refused.standardOutput.contains("add 10.21.0.0/16"), "refused before the preview")
        #expect(try fixture.lab.ip(on: .node1, "-j route show table all") == before, "node1's routes are untouched")
        #expect(try fixture.control.journalEntries().records.isEmpty, "no journal entry, no guardian")
        #expect(fixture.guardianPIDs().isEmpty)

        // --target-host must name the plan's target: naming where it runs asserts nothing.
        let misnamed = try fixture.podroute("apply", plan, "--netns", node1, "--target-host", node1, "--yes")
        #expect(misnamed.status != 0)
        #expect(misnamed.standardError.contains("--target-host \(node1) does not name this plan's target, \(fixture.gw); nothing was applied"))
        #expect(try fixture.lab.ip(on: .node1, "-j route show table all") == before)

        // The same plan on gw: applied.
        let applied = try fixture.podroute("apply", plan, "--netns", fixture.gw, "--confirm-within", "30", "--yes").succeeded()
        let id = try #require(ApplyFixture.changeID(in: applied.standardOutput))
        #expect(fixture.officeReachesPod)
        try fixture.podroute("rollback", id).succeeded()
        #expect(!fixture.officeReachesPod)
    }

    /// gw renumbered after planning (an address gone): refused, naming the missing address;
    /// asserted with --target-host and the plan's target name, applied.
    @Test func aRenumberedTargetIsRefusedUntilTheOperatorAssertsIt() throws {
        let fixture = try ApplyFixture(label: "renumber")
        defer { fixture.remove() }
        try fixture.lab.ip(on: .gw, "addr add 10.20.1.253/24 dev eth1")
        let plan = try fixture.planWithPodroute()
        try fixture.lab.ip(on: .gw, "addr del 10.20.1.253/24 dev eth1")
        let before = try fixture.gatewayRoutes()

        let refused = try fixture.podroute("apply", plan, "--netns", fixture.gw, "--yes")
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("this host lacks 10.20.1.253 of the target's 10.20.1.253, 10.20.1.254, 192.168.50.1"),
                "\(refused.standardError)")
        #expect(try fixture.gatewayRoutes() == before)

        let asserted = try fixture.podroute("apply", plan, "--netns", fixture.gw, "--target-host", fixture.gw,
                                            "--confirm-within", "30", "--yes").succeeded()
        let id = try #require(ApplyFixture.changeID(in: asserted.standardOutput))
        #expect(fixture.officeReachesPod)
        try fixture.podroute("rollback", id).succeeded()
    }
}
