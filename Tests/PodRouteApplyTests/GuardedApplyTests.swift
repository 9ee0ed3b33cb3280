import Foundation
import Synchronization
import PodRouteApply
import PodRouteCore
import PodRouteTesting
import Testing

/// Commit-confirmed apply on the lab's gateway through the library the CLI and the TUI share,
/// with the real guardian process and real pings from the office to a pod on node2.
@Suite("Guarded apply on the lab gateway", .needsNetns, .needsLabTools, .serialized)
struct GuardedApplyTests {
    @Test func notConfirmedTheGuardianRevertsAndTheOfficeLosesThePodAgain() throws {
        let fixture = try ApplyFixture(label: "revert")
        defer { fixture.remove() }
        #expect(!fixture.officeReachesPod, "the gateway starts without a pod route")

        let change = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())]))
        #expect(change.state == .pending)
        #expect(try fixture.gatewayRoutes().contains("10.21.0.0/16 via 10.20.1.22 dev eth1"))
        #expect(fixture.officeReachesPod)
        let guardian = try #require(change.guardianPID)
        #expect(fixture.guardianPIDs() == [guardian])

        let reverted = try fixture.waitForState(change.id, .reverted)
        #expect(reverted.history.last?.by == .guardian)
        #expect(try !fixture.gatewayRoutes().contains("10.21."))
        #expect(!fixture.officeReachesPod)
        #expect(fixture.waitUntil(timeout: .seconds(5)) { fixture.guardianPIDs().isEmpty }, "the guardian exits after reverting")
    }

    @Test func confirmedTheRouteStaysAfterTheDeadlineAndRollbackRemovesIt() throws {
        let fixture = try ApplyFixture(label: "confirm")
        defer { fixture.remove() }
        let change = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())], confirmWithin: .seconds(2)))
        #expect(try fixture.control.confirm(change.id).state == .confirmed)
        #expect(fixture.waitUntil(timeout: .seconds(5)) { fixture.guardianPIDs().isEmpty }, "the guardian stands down")
        sleep(3)
        #expect(try fixture.control.status(change.id).state == .confirmed)
        #expect(fixture.officeReachesPod)

        let rolledBack = try fixture.control.rollback(change.id)
        #expect(rolledBack.state == .rolledBack)
        #expect(try !fixture.gatewayRoutes().contains("10.21."))
        #expect(!fixture.officeReachesPod)
        #expect(throws: ApplyError.self) { try fixture.control.rollback(change.id) }
    }

    @Test func extendingMovesTheDeadlineAndConfirmingAfterTheRevertIsRefused() throws {
        let fixture = try ApplyFixture(label: "extend")
        defer { fixture.remove() }
        let change = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())], confirmWithin: .seconds(2)))
        let extended = try fixture.control.extend(change.id, by: .seconds(5))
        #expect(extended.deadline > change.deadline)
        sleep(3)
        #expect(try fixture.control.status(change.id).state == .pending, "still pending after the original deadline")
        #expect(fixture.officeReachesPod)
        _ = try fixture.waitForState(change.id, .reverted)
        do {
            try fixture.control.confirm(change.id)
            Issue.record("confirming a reverted change must fail")
        } catch {
            #expect(error.description.contains("is reverted"))
        }
    }

    @Test func withItsGuardianKilledAChangeStaysPendingConfirmIsRefusedAndRollbackUndoesIt() throws {
        let fixture = try ApplyFixture(label: "noguard")
        defer { fixture.remove() }
        let change = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())], confirmWithin: .seconds(1)))
        #expect(fixture.control.guardianRunning(change))
        fixture.killGuardians()
        #expect(!fixture.control.guardianRunning(change))
        sleep(2)
        do {
            try fixture.control.confirm(change.id)
            Issue.record("confirming after the deadline must fail")
        } catch {
            #expect(error.description.contains("passed its deadline"))
            #expect(error.description.contains("its guardian is not running; undo it with `podroute rollback \(change.id)`"))
        }
        #expect(try fixture.control.status(change.id).state == .pending)
        #expect(fixture.officeReachesPod)
        #expect(try fixture.control.rollback(change.id).state == .rolledBack)
        #expect(!fixture.officeReachesPod)
    }

    @Test func aConfirmRacingTheDeadlineEitherKeepsTheChangeOrIsRefusedAndReverted() throws {
        let fixture = try ApplyFixture(label: "racedl")
        defer { fixture.remove() }
        for offset in [-0.3, -0.05, 0.0, 0.05, 0.3] {
            let change = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())], confirmWithin: .seconds(1)))
            let journaled = try fixture.control.status(change.id).deadline
            #expect(journaled == change.deadline, "the journal keeps the deadline exactly")
            #expect(journaled.timeIntervalSince(change.createdAt) >= 1, "at least the window asked for")
            let wait = journaled.timeIntervalSinceNow + offset
            if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
            let confirmed = (try? fixture.control.confirm(change.id)) != nil
            #expect(fixture.waitUntil(timeout: .seconds(5)) { fixture.guardianPIDs().isEmpty }, "the guardian settles (offset \(offset))")
            let state = try fixture.control.status(change.id).state
            let present = try fixture.gatewayRoutes().contains("10.21.0.0/16")
            if confirmed {
                #expect(state == .confirmed && present, "confirmed at offset \(offset): kept")
                try fixture.control.rollback(change.id)
            } else {
                #expect(state == .reverted && !present, "refused at offset \(offset): reverted")
            }
        }
    }

    @Test func anIPv6RouteIsAppliedVerifiedAndRevertedLikeAnIPv4One() throws {
        let fixture = try ApplyFixture(label: "ipv6")
        defer { fixture.remove() }
        try fixture.lab.ip(on: .gw, "addr add fd00:20::254/64 dev eth1 nodad")
        let route = Route(family: .inet6, destination: try IPPrefix.parse("fd00:21::/48"), gateway: IPAddress("fd00:20::22"),
                          device: try fixture.index(of: "eth1"))
        let change = try fixture.control.apply(fixture.request([RouteOperation(.add, route)], confirmWithin: .seconds(2)))
        #expect(try fixture.lab.ip(on: .gw, "-6 route show fd00:21::/48").contains("fd00:21::/48 via fd00:20::22 dev eth1 metric 1024"))
        #expect(change.inverseLines.first?.contains("metric 1024") == true, "the undo deletes the route the kernel holds")
        _ = try fixture.waitForState(change.id, .reverted)
        #expect(try fixture.lab.ip(on: .gw, "-6 route show fd00:21::/48").isEmpty)
    }

    @Test func aPlanWhoseSecondRouteIsInvalidLeavesNothingAppliedAndShowsTheKernelsError() throws {
        let fixture = try ApplyFixture(label: "invalid")
        defer { fixture.remove() }
        let before = try fixture.gatewayRoutes()
        let offLink = try fixture.route("10.22.0.0/16", via: "10.99.0.1")
        do {
            _ = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute()), RouteOperation(.add, offLink)]))
            Issue.record("apply must fail")
        } catch let ApplyError.applyFailed(id, problems) {
            let text = problems.joined(separator: "\n")
            #expect(text.contains("step 2 of 2, add 10.22.0.0/16 via 10.99.0.1 dev eth1"))
            #expect(text.contains("Nexthop has invalid gateway"), "the kernel's extended ack: \(text)")
            #expect(text.contains("ENETUNREACH"))
            #expect(text.contains("undone"))
            let record = try fixture.control.status(id)
            #expect(record.state == .failed)
            #expect(record.problems == problems)
        }
        #expect(try fixture.gatewayRoutes() == before)
        #expect(!fixture.officeReachesPod)
        #expect(fixture.waitUntil(timeout: .seconds(5)) { fixture.guardianPIDs().isEmpty }, "the guardian of a failed apply exits")
    }

    @Test func driftFromThePlansPreStateIsRefusedShowingBothSides() throws {
        let fixture = try ApplyFixture(label: "drift")
        defer { fixture.remove() }
        try fixture.lab.addGatewayRoute(.aggregate(via: .node2))
        let before = try fixture.gatewayRoutes()
        do {
            _ = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())], preState: []))
            Issue.record("apply must refuse")
        } catch let ApplyError.drift(lines) {
            #expect(lines == ["10.21.0.0/16: the plan expected no route; the kernel has 10.21.0.0/16 via 10.20.1.24 dev eth1"])
        }
        #expect(try fixture.gatewayRoutes() == before)
        #expect(try fixture.control.journalEntries().records.isEmpty, "a refused plan leaves no journal entry")
        #expect(fixture.guardianPIDs().isEmpty)
    }

    @Test func aReplaceIsRevertedToTheRouteItReplaced() throws {
        let fixture = try ApplyFixture(label: "replace")
        defer { fixture.remove() }
        try fixture.lab.addGatewayRoute(.aggregate(via: .node2))
        let existing = try fixture.podRoute(via: .node2)
        let change = try fixture.control.apply(fixture.request([RouteOperation(.replace, try fixture.podRoute())], preState: [existing]))
        #expect(try fixture.gatewayRoutes().contains("10.21.0.0/16 via 10.20.1.22 dev eth1"))
        _ = try fixture.waitForState(change.id, .reverted)
        #expect(try fixture.gatewayRoutes().contains("10.21.0.0/16 via 10.20.1.24 dev eth1"))
    }

    @Test func twoAppliesAtOnceChangeTheRoutesOnce() throws {
        let fixture = try ApplyFixture(label: "race")
        defer { fixture.remove() }
        let request = fixture.request([RouteOperation(.add, try fixture.podRoute())], confirmWithin: .seconds(30))
        let outcomes = Mutex<[Result<ChangeRecord, ApplyError>]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let outcome = Result { () throws(ApplyError) -> ChangeRecord in try fixture.control.apply(request) }
            outcomes.withLock { $0.append(outcome) }
        }
        let results = outcomes.withLock { $0 }
        let applied = results.compactMap { try? $0.get() }
        #expect(applied.count == 1)
        let refusal = results.compactMap { result -> ApplyError? in if case .failure(let error) = result { error } else { nil } }
        #expect(refusal.count == 1)
        if case .drift = refusal.first {} else { Issue.record("the second apply must see the first one's route as drift: \(refusal)") }
        #expect(try fixture.control.journalEntries().records.count == 1)
        #expect(try fixture.control.rollback().state == .rolledBack)
    }
}
