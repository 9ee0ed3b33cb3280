import Foundation
import PodRouteCore
import Testing
@testable import PodRouteUI

/// The guided setup's model and reducer on the lab-like site (gw has no route to the pods):
/// the steps, the survey and the recommendation, back-navigation, apply only from the last step,
/// and the verification probe around apply.
@Suite struct SetupWizardTests {
    static let pod = IPAddress("10.21.69.212")!

    /// Setup opened with `g` from Interfaces, on node1's view (it must move to gw by itself).
    static func opened(readOnly: Bool = false, size: Size = Size(width: 120, height: 36)) -> AppState {
        var state = PlanReducerTests.state(namespace: true, readOnly: readOnly, size: size)
        _ = PlanReducerTests.command(&state, "host node1")
        Fixtures.press(&state, .char("g"))
        return state
    }

    static func go(_ state: inout AppState, to step: SetupStep) -> [Effect] {
        var effects: [Effect] = []
        while let current = state.setup?.step, current < step { effects += Fixtures.press(&state, .enter) }
        return effects
    }

    static func probes(_ effects: [Effect]) -> [(VerificationProbe, Verification.Phase)] {
        effects.compactMap { if case .probe(let probe, let phase) = $0 { (probe, phase) } else { nil } }
    }

    static func applies(_ effects: [Effect]) -> Int {
        effects.count { if case .apply = $0 { true } else { false } }
    }

    @Test func gOpensOnTheGatewayWithItsRoleAndTracesFromTheOffice() throws {
        let state = Self.opened()
        #expect(state.view == .plan)
        #expect(state.currentHost == "gw", "setup plans for the site's gateway, whichever host was shown")
        let survey = try #require(state.setup?.survey)
        #expect(state.setup?.step == .whereAmI)
        #expect(survey.evidence.role == .gateway)
        // The captures carry no sysctl: two LANs make gw a gateway, and the summary says which.
        #expect(survey.evidence.forwardsIPv4 == nil)
        #expect(survey.evidence.summary == "a gateway: IPv4 forwarding unknown; LAN interfaces eth0 192.168.50.1/24, "
                + "eth1 10.20.1.1/24; no CNI devices")
        #expect(survey.hosts.first { $0.name == "node1" }?.evidence.lanInterfaces == ["eth0 10.20.1.22/24"],
                "a VTEP's /32 is no LAN")
        #expect(survey.evidence.cniDevices.isEmpty)
        #expect(survey.traceFrom == "office")
        #expect(survey.hosts.first { $0.name == "node1" }?.evidence.role == .node)
        let pod = try #require(survey.checks.first)
        #expect(pod.address == Self.pod && pod.label == "pod default/web-1 on node2")
        #expect(pod.result.verdict == .unreachable)
        #expect(pod.result.findings.contains { $0.code == .noRouteOnGateway })
        #expect(SetupSurvey.verdictLine(pod).contains("UNREACHABLE at gw [no-route-on-gateway"), "\(SetupSurvey.verdictLine(pod))")
        #expect(survey.checks.contains { $0.label == "service" && $0.address == IPAddress("10.96.0.1")! })
        // The pod found is also what the probe will verify with, from gw's namespace.
        #expect(state.verification?.probe == VerificationProbe(target: Self.pod, namespace: "gw"))
    }

    @Test func theCIDRStepTicksTheRecommendationAndTheNextHopStepSaysWhy() throws {
        var state = Self.opened()
        _ = Self.go(&state, to: .cidrs)
        let recommendation = try #require(state.setup?.recommendation)
        let pool = try #require(state.plan.candidates.first { $0.kind == .podPool })
        #expect(state.plan.selected == [pool.cidr], "the pool is ticked: per node, each block goes via its node")
        #expect(recommendation.strategy == .perNode)
        #expect(recommendation.reason.contains("no asymmetric return"))
        #expect(recommendation.serviceNote?.contains("10.96.0.0/12") == true)
        #expect(!state.plan.selected.contains { $0 == (try? IPPrefix.parse("10.96.0.0/12")) }, "the service CIDR is offered, not ticked")
        _ = Self.go(&state, to: .nextHops)
        #expect(state.setupNextHops == ["node1 10.20.1.22", "node2 10.20.1.24"])
        // m switches to an aggregate: the step names its next hops, and the why follows.
        Fixtures.press(&state, .char("m"))
        #expect(state.plan.strategy == .aggregate)
        let text = SetupText.lines(state).map(\.text).joined(separator: "\n")
        #expect(text.contains("aggregate: one route per CIDR"), "\(text)")
    }

    @Test func backNavigationChangesNothingAndNothingIsAppliedBeforeTheLastStep() {
        var state = Self.opened()
        var effects = Self.go(&state, to: .preview)
        let staged = (state.plan.selected, state.plan.strategy, state.plan.vias)
        #expect(state.plan.preview?.draft.operations.isEmpty == false)
        effects += Fixtures.press(&state, .char("a"))
        #expect(state.mode == .normal, "a before the last step opens no dialog")
        #expect(state.message?.text.contains("apply comes at step 6") == true)
        for _ in 0..<4 { effects += Fixtures.press(&state, .char("b")) }
        #expect(state.setup?.step == .whereAmI)
        effects += Fixtures.press(&state, .backspace)
        #expect(state.setup?.step == .whereAmI, "the first step stays")
        #expect(state.plan.selected == staged.0 && state.plan.strategy == staged.1 && state.plan.vias == staged.2)
        effects += Self.go(&state, to: .preview)
        #expect(state.plan.selected == staged.0, "going forward again keeps the choices")
        effects += Fixtures.press(&state, .escape)
        #expect(state.setup == nil && state.view == .plan)
        #expect(Self.applies(effects) == 0 && Self.probes(effects).isEmpty)
        #expect(state.change == nil)
    }

    @Test func theLastStepProbesBeforeAndEnterOpensTheCancelFirstDialog() {
        var state = Self.opened()
        let effects = Self.go(&state, to: .apply)
        #expect(Self.probes(effects).map(\.1) == [.before])
        #expect(Self.probes(effects).first?.0.namespace == "gw")
        _ = reduce(&state, .probeFinished(VerificationProbe(target: Self.pod, namespace: "gw"), .before, .noRoute))
        #expect(state.verification?.before == .noRoute)
        let text = SetupText.lines(state).map(\.text).joined(separator: "\n")
        #expect(text.contains("verification: ping 10.21.69.212: before: no route, from network namespace gw"), "\(text)")
        let dialogEffects = Fixtures.press(&state, .enter)
        guard case .applyDialog(let dialog) = state.mode else {
            Issue.record("Enter on the last step opens the apply dialog")
            return
        }
        #expect(dialog.choice == .cancel)
        #expect(Self.probes(dialogEffects).isEmpty, "the before result is fresh: no second probe")
        Fixtures.press(&state, .enter)
        #expect(state.mode == .normal && state.message?.text == "not applied")
    }

    @Test func readOnlyAndNodesStopAtTheCommands() {
        var state = Self.opened(readOnly: true)
        _ = Self.go(&state, to: .apply)
        let effects = Fixtures.press(&state, .enter)
        #expect(state.mode == .normal && Self.applies(effects) == 0)
        #expect(state.message?.text.contains("read-only") == true)

        // On a single node (no site), the route belongs on the gateway: no dialog either.
        var node = Fixtures.state(readOnly: false)
        Fixtures.press(&node, .char("g"))
        #expect(node.setup?.survey?.targetIsNode == true)
        let lines = SetupText.lines(node).map(\.text).joined(separator: "\n")
        #expect(lines.contains("the route for the pods belongs on the office's gateway"), "\(lines)")
        #expect(lines.contains("Run podroute setup on the gateway, or with --site FILE naming it"), "\(lines)")
        for _ in 0..<2 { Fixtures.press(&node, .enter) }
        if node.plan.selected.isEmpty { _ = PlanReducerTests.command(&node, "cidr 10.21.0.0/16") }
        _ = Self.go(&node, to: .apply)
        Fixtures.press(&node, .enter)
        #expect(node.mode == .normal)
        #expect(node.message?.text.contains("the route belongs on the gateway") == true)
    }

    /// Setup's Enter ("next") is also the banner's keep: with a change pending, `g` does not open
    /// setup (a "Continue" would confirm the change without evidence) and says why.
    @Test func gWaitsWhileAChangeIsPending() {
        var state = PlanReducerTests.state(namespace: true)
        _ = reduce(&state, .changeUpdated(ChangeStatus(id: "c-9", state: "pending",
                                                       deadline: Fixtures.clock.addingTimeInterval(120),
                                                       journal: "/var/lib/podroute")))
        Fixtures.press(&state, .char("g"))
        #expect(state.setup == nil)
        #expect(state.message?.text.contains("change c-9 is still pending") == true, "\(String(describing: state.message))")
    }

    @Test func afterApplyTheBannerShowsTheProbeEvidenceAndRepeatsIt() {
        var state = Self.opened()
        _ = Self.go(&state, to: .apply)
        let probe = VerificationProbe(target: Self.pod, namespace: "gw")
        _ = reduce(&state, .probeFinished(probe, .before, .noRoute))
        Fixtures.press(&state, .enter, .tab)
        let applied = Fixtures.press(&state, .enter)
        #expect(Self.applies(applied) == 1)
        let after = reduce(&state, .changeUpdated(ChangeStatus(id: "c-7", state: "pending",
                                                               deadline: Fixtures.clock.addingTimeInterval(120),
                                                               journal: "/var/lib/podroute")))
        #expect(Self.probes(after).map(\.1) == [.after])
        #expect(state.changeBanner?.contains("ping 10.21.69.212: probing… (before: no route)") == true,
                "\(state.changeBanner ?? "")")
        _ = reduce(&state, .probeFinished(probe, .after, .answered(roundTrip: .microseconds(420))))
        #expect(state.changeBanner == "APPLIED · reverts in 2:00 · ping 10.21.69.212: ok 0.4 ms (before: no route) · "
                + "Enter keep · e +2 min · r revert now")
        // A result for another probe (the target changed meanwhile) is dropped.
        _ = reduce(&state, .probeFinished(VerificationProbe(target: IPAddress("10.21.230.3")!, namespace: "gw"), .after, .noReply))
        #expect(state.verification?.after == .answered(roundTrip: .microseconds(420)))
        // Every few seconds while pending, once the last one is back.
        #expect(Self.probes(reduce(&state, .tick(Fixtures.clock.addingTimeInterval(1)))).isEmpty)
        #expect(Self.probes(reduce(&state, .tick(Fixtures.clock.addingTimeInterval(4)))).map(\.1) == [.after])
        #expect(Self.probes(reduce(&state, .tick(Fixtures.clock.addingTimeInterval(5)))).isEmpty, "one at a time")
        // Kept: no more probes.
        _ = reduce(&state, .changeUpdated(ChangeStatus(id: "c-7", state: "confirmed", deadline: Fixtures.clock.addingTimeInterval(120),
                                                       journal: "/var/lib/podroute")))
        _ = reduce(&state, .probeFinished(probe, .after, .answered(roundTrip: .microseconds(380))))
        #expect(Self.probes(reduce(&state, .tick(Fixtures.clock.addingTimeInterval(30)))).isEmpty)
    }

    @Test func thePlanViewsOwnApplyProbesBeforeAndAfterToo() {
        var state = PlanReducerTests.staged()
        #expect(state.setup == nil)
        let effects = Fixtures.press(&state, .char("a"))
        #expect(Self.probes(effects).map(\.0) == [VerificationProbe(target: Self.pod, namespace: "gw")],
                "the pod the site knows, from the namespace the dialog applies to")
        #expect(Self.probes(effects).map(\.1) == [.before])
    }

    @Test func overBigTablesTheSurveyAndTheCandidatesArriveAsJobsAndTheStepsWait() throws {
        let configuration = AppConfiguration(readOnly: false, inlineRouteLimit: 1)
        var state = try #require(AppState(site: TraceFixtures.site(gatewayRoute: false), host: "gw", configuration: configuration,
                                          size: Size(width: 120, height: 36), now: Fixtures.clock))
        let jobs = Fixtures.press(&state, .char("g")).compactMap { if case .run(let job) = $0 { job } else { nil } }
        #expect(Set(jobs.map(\.kind)) == ["setup-survey", "plan-candidates"])
        #expect(state.setup?.survey == nil)
        #expect(SetupText.lines(state).map(\.text) == ["surveying the hosts…"])
        Fixtures.press(&state, .enter)
        #expect(state.setup?.step == .whereAmI && state.message?.text == "still surveying the hosts…")
        let survey = try #require(jobs.first { $0.kind == "setup-survey" })
        _ = reduce(&state, .jobFinished(survey.run()))
        #expect(state.setup?.survey?.evidence.role == .gateway)
        Fixtures.press(&state, .enter, .enter)
        #expect(state.setup?.step == .unreachable && state.message?.text == "still reading the candidates…")
        let candidates = try #require(jobs.first { $0.kind == "plan-candidates" })
        _ = reduce(&state, .jobFinished(candidates.run()))
        Fixtures.press(&state, .enter)
        #expect(state.setup?.step == .cidrs)
        #expect(state.plan.selected.count == 1, "the recommendation, once the candidates are in")
    }

    @Test func pageKeysScrollALongStepOnASmallScreen() {
        var state = Self.opened(size: Size(width: 60, height: 15))
        Fixtures.press(&state, .pageDown)
        #expect(state.setup?.scroll ?? 0 > 0)
        let before = render(state).text()
        Fixtures.press(&state, .pageUp)
        #expect(state.setup?.scroll == 0)
        #expect(render(state).text() != before)
    }

    @Test func probeCommandSetsTheTargetAndTheMethod() {
        var state = Self.opened()
        _ = PlanReducerTests.command(&state, "probe tcp 8080")
        #expect(state.verification?.probe == VerificationProbe(target: Self.pod, method: .tcp(port: 8080), namespace: "gw"))
        _ = PlanReducerTests.command(&state, "probe 10.21.230.3")
        #expect(state.verification?.probe.target == IPAddress("10.21.230.3")!)
        #expect(state.verification?.probe.method == .tcp(port: 8080), "the method stays")
        _ = PlanReducerTests.command(&state, "probe 10.21.230.3 tcp 0")
        #expect(state.message?.isError == true && state.message?.text.contains("not a TCP port") == true)
        _ = PlanReducerTests.command(&state, "probe 10.21.230.3 udp")
        #expect(state.message?.text.contains("usage: probe POD-IP") == true)
        #expect(throws: VerificationParseError.noAddress) { try VerificationProbe.parse(["icmp"], current: nil) }
    }

    @Test func gIsSetupEverywhereAndHomeStaysTheFirstRow() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down, .down)
        Fixtures.press(&state, .home)
        #expect(state.interfaceCursor.selected == 0)
        #expect(state.registry.resolve(.char("g"), in: .routes) == .run(state.registry.bindings.first { $0.action == .openSetup }!))
        let help = HelpContent.lines(registry: state.registry, view: .interfaces)
        #expect(help.contains(.section("Guided setup")))
        Fixtures.press(&state, .char("g"))
        #expect(state.isSetupShown)
        Fixtures.press(&state, .char("1"))
        #expect(!state.isSetupShown && state.setup != nil, "another view leaves setup waiting")
        Fixtures.press(&state, .char("4"))
        #expect(state.isSetupShown)
    }

    @Test func recommendationsWithoutBlocksAggregateAndWarnOfASingleNextHop() {
        let pool = RouteCandidate(cidr: try! IPPrefix.parse("10.21.0.0/16"), kind: .podPool, node: "node1", nodeIP: IPAddress("10.20.1.22")!,
                                  source: "typed")
        let one = SetupRecommendation.recommend([pool])
        #expect(one.strategy == .aggregate && one.selected == [pool.cidr] && one.vias == [IPAddress("10.20.1.22")!])
        #expect(one.warnings.contains { $0.contains("single point of failure") })
        let none = SetupRecommendation.recommend([])
        #expect(none.selected.isEmpty && none.warnings.contains { $0.contains(":cidr") })
        #expect(SetupStep.whereAmI.previous == nil && SetupStep.apply.next == nil && SetupStep.cidrs.next == .nextHops)
    }

    @Test func outcomesReadAsEvidence() {
        #expect(VerificationOutcome.answered(roundTrip: .microseconds(1_250)).text == "ok 1.3 ms")
        #expect(VerificationOutcome.refused(roundTrip: .microseconds(600)).isOK)
        #expect(!VerificationOutcome.noReply.isOK && VerificationOutcome.noRoute.text == "no route")
        var verification = Verification(probe: VerificationProbe(target: Self.pod))
        #expect(verification.text == "ping 10.21.69.212: not run")
        verification.record(.noReply, phase: .before, for: verification.probe, at: Fixtures.clock)
        #expect(verification.text == "ping 10.21.69.212: before: no reply")
    }
}
