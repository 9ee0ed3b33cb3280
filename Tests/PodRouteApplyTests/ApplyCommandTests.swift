import Foundation
import PodRouteApply
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute apply`, `confirm`, `rollback` and `journal` as an operator runs them: the built
/// binary, a plan file, the lab's gateway, real pings, a real terminal, a killed session.
@Suite("podroute apply on the lab gateway", .needsNetns, .needsLabTools, .serialized)
struct ApplyCommandTests {
    @Test func applyConfirmJournalAndRollbackFromTheCommandLine() throws {
        let fixture = try ApplyFixture(label: "cli")
        defer { fixture.remove() }
        let plan = try fixture.planWithPodroute()
        #expect(!fixture.officeReachesPod)

        let apply = try fixture.podroute("apply", plan, "--netns", fixture.gw, "--confirm-within", "3", "--yes").succeeded()
        #expect(apply.standardOutput.contains("1 change(s)\n  add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static\n"))
        #expect(apply.standardOutput.contains("  delete 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static\n"))
        let id = try #require(ApplyFixture.changeID(in: apply.standardOutput))
        #expect(apply.standardOutput.contains("podroute confirm \(id)"))
        #expect(apply.standardOutput.contains("podroute rollback \(id)"))
        #expect(fixture.officeReachesPod)

        let guardian = try #require(try fixture.control.status(id).guardianPID)
        let placement = try #require(ApplyFixture.parentAndSession(of: guardian))
        #expect(placement.session != getsid(0), "the guardian runs in a session of its own")
        #expect(placement.session != guardian, "the guardian is not a session leader (double fork)")
        let status = try String(contentsOfFile: "/proc/\(guardian)/status", encoding: .utf8)
        let ignored = status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }.flatMap { UInt64($0.dropFirst(7).trimmingSpaces, radix: 16) }
        #expect((ignored ?? 0) & 1 != 0, "SIGHUP is ignored")
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(guardian)/fd").compactMap(Int.init).sorted()
        #expect(descriptors == [0, 1, 2], "the guardian holds no inherited descriptor")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(guardian)/fd/0") == "/dev/null")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(guardian)/fd/1") == fixture.control.store.logPath(id))
        let entry = try String(contentsOfFile: "\(fixture.stateDirectory)/\(id).json", encoding: .utf8)
        #expect(entry.contains("\"document\" : \"podroute-plan\""), "the plan is journaled verbatim")

        let confirm = try fixture.podroute("confirm").succeeded()
        #expect(confirm.standardOutput == "Confirmed change \(id): it stays. `podroute rollback \(id)` undoes it.\n")
        sleep(4)
        #expect(fixture.officeReachesPod, "a confirmed change outlives its deadline")
        let journal = try fixture.podroute("journal", "--json").succeeded()
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(journal.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["id"] as? String == id)
        #expect(entries.first?["state"] as? String == "confirmed")
        #expect(entries.first?["operations"] as? [String] == ["add 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"])
        #expect(entries.first?["guardianRunning"] as? Bool == false)

        let rollback = try fixture.podroute("rollback", id).succeeded()
        #expect(rollback.standardOutput.contains("Rolled back change \(id) and verified:\n  delete 10.21.0.0/16 via 10.20.1.22 dev eth1 proto static"))
        #expect(!fixture.officeReachesPod)
        let text = try fixture.podroute("journal").succeeded().standardOutput
        #expect(text.contains(id) && text.contains("rolled-back"))
        let again = try fixture.podroute("confirm", id)
        #expect(again.status != 0)
        #expect(again.standardError.contains("change \(id) is rolled-back"))
    }

    @Test func podrouteSIGKILLedRightAfterApplyIsStillReverted() throws {
        let fixture = try ApplyFixture(label: "kill")
        defer { fixture.remove() }
        let plan = try fixture.planWithPodroute()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PodRouteBinary.path)
        process.arguments = ["apply", plan, "--netns", fixture.gw, "--confirm-within", "3", "--yes"]
        process.environment = ProcessInfo.processInfo.environment.merging(fixture.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let applied = fixture.waitUntil(timeout: .seconds(10)) { (try? fixture.gatewayRoutes().contains("10.21.0.0/16")) == true }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(applied)
        #expect(fixture.officeReachesPod)

        let id = try #require(try fixture.control.journalEntries().records.first?.id)
        _ = try fixture.waitForState(id, .reverted)
        #expect(try !fixture.gatewayRoutes().contains("10.21."))
        #expect(!fixture.officeReachesPod)
    }

    @Test func theTmuxServerKilledAfterApplyIsStillReverted() throws {
        try #require(TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? ""))
        let fixture = try ApplyFixture(label: "tmux")
        defer { fixture.remove() }
        let plan = try fixture.planWithPodroute()
        let tmux = try TmuxSession(width: 160, height: 40, environment: fixture.environment)
        defer { tmux.close() }
        let command = "\(PodRouteBinary.path) apply \(plan) --netns \(fixture.gw) --confirm-within 4"

        try tmux.type(command, enter: true)
        try tmux.waitFor("[y/N]")
        try tmux.press("Enter")
        try tmux.waitFor("not applied (answer was not yes)")
        #expect(try !fixture.gatewayRoutes().contains("10.21."), "the default answer is No")

        try tmux.type("clear; " + command, enter: true)
        try tmux.waitFor("[y/N]")
        try tmux.type("y", enter: true)
        try tmux.waitFor("Applied and verified")
        #expect(fixture.officeReachesPod)
        tmux.close()
        let id = try #require(try fixture.control.journalEntries().records.first?.id)
        #expect(fixture.guardianPIDs().count == 1, "the guardian outlives the terminal")
        #expect(try fixture.control.status(id).state == .pending)

        _ = try fixture.waitForState(id, .reverted)
        #expect(!fixture.officeReachesPod)
    }

    @Test func appliedInsideTheNamespaceTheGuardianRevertsThereAndARollbackFromElsewhereIsRefused() throws {
        let fixture = try ApplyFixture(label: "inside")
        defer { fixture.remove() }
        let plan = try fixture.writePlan([RouteOperation(.add, try fixture.podRoute())])
        let env = ["env", "PODROUTE_STATE_DIR=\(fixture.stateDirectory)", PodRouteBinary.path]
        let apply = try fixture.lab.run(on: .gw, env + ["apply", plan, "--confirm-within", "4", "--yes"]).succeeded()
        let id = try #require(ApplyFixture.changeID(in: apply.standardOutput))
        #expect(try fixture.control.status(id).namespace == nil)
        #expect(fixture.officeReachesPod)

        let elsewhere = try fixture.lab.run(on: .office, env + ["rollback", id])
        #expect(elsewhere.status != 0)
        #expect(elsewhere.standardError.contains("podroute runs in another network namespace than the one the change was made in"))
        #expect(try fixture.control.status(id).state == .pending, "a refused rollback leaves the change to its guardian")
        #expect(fixture.officeReachesPod)

        _ = try fixture.waitForState(id, .reverted)
        #expect(!fixture.officeReachesPod)
    }

    @Test func withoutATerminalAndWithoutYesNothingIsApplied() throws {
        let fixture = try ApplyFixture(label: "notty")
        defer { fixture.remove() }
        let plan = try fixture.writePlan([RouteOperation(.add, try fixture.podRoute())])
        let run = try fixture.podroute("apply", plan, "--netns", fixture.gw)
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("add 10.21.0.0/16 via 10.20.1.22 dev eth1"), "the preview is shown")
        #expect(run.standardError.contains("standard input is not a terminal (pass --yes to apply anyway)"))
        #expect(try !fixture.gatewayRoutes().contains("10.21."))
        #expect(try fixture.control.journalEntries().records.isEmpty)
    }

    @Test func unprivilegedTheCommandPreviewsAndSaysWhyItCannotApply() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs setpriv (util-linux)")
        let fixture = try ApplyFixture(label: "nobody")
        defer { fixture.remove() }
        let plan = try fixture.writePlan([RouteOperation(.add, try fixture.podRoute())])
        let asNobody = ["/usr/bin/setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups",
                        "--inh-caps=-all", "--bounding-set=-all"]
        let run = try fixture.lab.run(on: .gw, ["env", "PODROUTE_STATE_DIR=\(fixture.stateDirectory)"] + asNobody
            + [PodRouteBinary.path, "apply", plan, "--yes"])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("add 10.21.0.0/16 via 10.20.1.22 dev eth1"), "the preview works: \(run.standardError)")
        #expect(run.standardError.contains("cannot apply: podroute is running without CAP_NET_ADMIN"))
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(try !fixture.gatewayRoutes().contains("10.21."))
        #expect(try fixture.control.journalEntries().records.isEmpty)
    }

    @Test func driftAndAnInvalidSecondRouteAreRefusedWithTheReason() throws {
        let fixture = try ApplyFixture(label: "clifail")
        defer { fixture.remove() }
        let plan = try fixture.writePlan([RouteOperation(.add, try fixture.podRoute())])
        try fixture.lab.addGatewayRoute(.aggregate(via: .node2))
        let drift = try fixture.podroute("apply", plan, "--netns", fixture.gw, "--yes")
        #expect(drift.status != 0)
        #expect(drift.standardError.contains("refusing to apply: the live routes differ from the plan's pre-state"))
        #expect(drift.standardError.contains("10.21.0.0/16: the plan expected no route; the kernel has 10.21.0.0/16 via 10.20.1.24 dev eth1"))
        try fixture.lab.removeGatewayRoute(.aggregate(via: .node2))

        let twoRoutes = try fixture.writePlan([RouteOperation(.add, try fixture.podRoute()),
                                               RouteOperation(.add, try fixture.route("10.22.0.0/16", via: "10.99.0.1"))])
        let before = try fixture.gatewayRoutes()
        let invalid = try fixture.podroute("apply", twoRoutes, "--netns", fixture.gw, "--yes")
        #expect(invalid.status != 0)
        #expect(invalid.standardError.contains("step 2 of 2, add 10.22.0.0/16 via 10.99.0.1 dev eth1: the kernel refused to add the route: Nexthop has invalid gateway (ENETUNREACH)"),
                "\(invalid.standardError)")
        #expect(try fixture.gatewayRoutes() == before)
        #expect(invalid.standardError.contains("the 1 applied step(s) were undone and the undo verified"))
        #expect(try fixture.control.journalEntries().records.map(\.state) == [.failed], "the refused drift left no entry")
    }
}
