import Foundation
import PodRouteCore
import Testing
@testable import PodRouteUI

/// The Plan view's reducer: candidates, selection, strategy and format, the draft, the apply
/// dialog and the pending change's banner keys.
@Suite struct PlanReducerTests {
    /// The lab-like site on gw (no route to the pods yet); `namespace` makes gw a live network
    /// namespace (a target apply may change), otherwise it stays a capture.
    static func state(namespace: Bool = false, readOnly: Bool = false, size: Size = Size(width: 120, height: 36),
                      glyphs: Glyphs = .unicode, session: SSHSession? = nil) -> AppState {
        var context = TraceFixtures.site(gatewayRoute: false)
        if namespace {
            context.site = Site(hosts: context.site.hosts.map { host in
                guard host.name == "gw" else { return host }
                let old = host.snapshot
                let snapshot = NetworkSnapshot(host: old.host, source: .namespace("gw"), links: old.links,
                                               addresses: old.addresses, routes: old.routes, rules: old.rules,
                                               forwarding: old.forwarding, pods: old.pods)
                return SiteHost(name: host.name, snapshot: snapshot, role: host.role)
            })
        }
        let configuration = AppConfiguration(readOnly: readOnly, glyphs: glyphs, sshSession: session)
        var state = AppState(site: context, host: "gw", configuration: configuration, size: size, now: Fixtures.clock)!
        _ = reduce(&state, .tick(Fixtures.clock))
        return state
    }

    /// The same session drawn with other glyphs (the configuration is fixed at start).
    static func restyled(_ state: AppState, glyphs: Glyphs) -> AppState {
        var fresh = Self.state(namespace: true, size: state.size, glyphs: glyphs)
        Fixtures.press(&fresh, .char("4"))
        _ = command(&fresh, "cidr 10.21.0.0/16")
        _ = command(&fresh, "via 10.20.1.22")
        while fresh.plan.strategy != .aggregate { Fixtures.press(&fresh, .char("m")) }
        return fresh
    }

    static func command(_ state: inout AppState, _ line: String) -> [Effect] {
        var effects = Fixtures.press(&state, .char(":"))
        effects += Fixtures.type(&state, line)
        return effects + Fixtures.press(&state, .enter)
    }

    /// gw, ticked: 10.21.0.0/16 via 10.20.1.22 typed, aggregate.
    static func staged(namespace: Bool = true, readOnly: Bool = false) -> AppState {
        var state = state(namespace: namespace, readOnly: readOnly)
        Fixtures.press(&state, .char("4"))
        _ = command(&state, "cidr 10.21.0.0/16")
        _ = command(&state, "via 10.20.1.22")
        while state.plan.strategy != .aggregate { Fixtures.press(&state, .char("m")) }
        return state
    }

    @Test func candidatesComeFromTheSiteNodesAndSpaceTicks() {
        var state = Self.state()
        Fixtures.press(&state, .char("4"))
        #expect(state.view == .plan)
        let blocks = state.plan.candidates.filter { $0.kind == .podBlock }
        #expect(blocks.count >= 2)
        #expect(blocks.allSatisfy { $0.node != nil })
        #expect(state.plan.preview == nil)
        let first = state.plan.candidates[0].cidr
        Fixtures.press(&state, .char(" "))
        #expect(state.plan.selected == [first])
        let preview = try! #require(state.plan.preview)
        #expect(!preview.draft.operations.isEmpty)
        Fixtures.press(&state, .char(" "))
        #expect(state.plan.selected.isEmpty)
        #expect(state.plan.preview == nil)
    }

    @Test func perNodeIsTheDefaultAndMCyclesTheStrategyRecomputingTheDraft() {
        var state = Self.state()
        Fixtures.press(&state, .char("4"))
        #expect(state.plan.strategy == .perNode)
        #expect(state.plan.strategyWhy.contains("recommended"))
        let pool = try! #require(state.plan.candidates.firstIndex { $0.kind == .podPool })
        for _ in 0..<pool { Fixtures.press(&state, .down) }
        Fixtures.press(&state, .char(" "))
        let perNode = state.plan.preview!.draft.operations.map(\.route.destination)
        let generation = state.plan.generation
        Fixtures.press(&state, .char("m"))
        #expect(state.plan.strategy == .aggregate)
        #expect(state.plan.generation == generation + 1)
        let aggregate = state.plan.preview!.draft.operations.map(\.route.destination)
        #expect(aggregate == [state.plan.candidates[pool].cidr])
        #expect(perNode != aggregate)
        Fixtures.press(&state, .char("m"))
        #expect(state.plan.strategy == .perNode)
    }

    @Test func fCyclesTheFormatKeepingTheDraft() {
        var state = Self.staged()
        let operations = state.plan.preview!.draft.operations
        #expect(state.plan.format == .linux)
        let linux = state.plan.preview!.commands!.apply
        #expect(linux.contains { $0.contains("ip route") && $0.contains("10.21.0.0/16") && $0.contains("10.20.1.22") })
        Fixtures.press(&state, .char("f"))
        #expect(state.plan.format == GatewayFormat.allCases[1])
        #expect(state.plan.preview!.draft.operations == operations)
        #expect(state.plan.preview!.commands!.apply != linux)
        for _ in 1..<GatewayFormat.allCases.count { Fixtures.press(&state, .char("f")) }
        #expect(state.plan.format == .linux)
    }

    @Test func typedCIDRAndViaMakeTheDraft() {
        let state = Self.staged()
        #expect(state.plan.effectiveVias == [IPAddress("10.20.1.22")!])
        let candidate = try! #require(state.plan.candidates.first { $0.cidr.description == "10.21.0.0/16" })
        #expect(state.plan.selected.contains(candidate.cidr))
        let diff = state.plan.preview!.draft.diff.text()
        #expect(diff.contains { $0.hasPrefix("+") && $0.contains("10.21.0.0/16 via 10.20.1.22") })
    }

    @Test func pageKeysScrollThePreviewWithinItsLines() {
        var state = Self.staged()
        Fixtures.press(&state, .pageDown)
        #expect(state.plan.previewScroll > 0)
        for _ in 0..<50 { Fixtures.press(&state, .pageDown) }
        let lines = PlanPreviewText.wrapped(state, width: PlanLayout(state: state).preview.width - 2).count
        #expect(state.plan.previewScroll < lines)
        #expect(render(state).text().contains("rollback"))
        for _ in 0..<50 { Fixtures.press(&state, .pageUp) }
        #expect(state.plan.previewScroll == 0)
    }

    @Test func badCIDROrViaSaysSoAndChangesNothing() {
        var state = Self.staged()
        let generation = state.plan.generation
        _ = Self.command(&state, "cidr 10.21.0.1/16")
        #expect(state.message?.isError == true)
        _ = Self.command(&state, "via not-an-ip")
        #expect(state.message?.isError == true)
        #expect(state.plan.generation == generation)
    }

    @Test func yCopiesTheCommandsThroughAnEffect() {
        var state = Self.staged()
        let effects = Fixtures.press(&state, .char("y"))
        guard case .copyToClipboard(let text) = effects.first else {
            Issue.record("no clipboard effect: \(effects)")
            return
        }
        #expect(text.contains("10.21.0.0/16"))
        #expect(text.contains("# rollback"))
        #expect(state.message?.text.contains("OSC 52") == true)
    }

    @Test func readOnlyRefusesApply() {
        var state = Self.staged(readOnly: true)
        let effects = Fixtures.press(&state, .char("a"))
        #expect(effects.isEmpty)
        #expect(state.mode == .normal)
        #expect(state.message?.text.hasPrefix("read-only") == true)
    }

    @Test func aCaptureTargetSaysPlainlyItCannotApply() {
        var state = Self.staged(namespace: false)
        #expect(Fixtures.press(&state, .char("a")).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.message?.text.contains("cannot apply on gw: it is a capture") == true)
    }

    @Test func theDialogDefaultsToCancel() {
        var state = Self.staged()
        Fixtures.press(&state, .char("a"))
        guard case .applyDialog(let dialog) = state.mode else {
            Issue.record("no dialog: \(state.mode), \(String(describing: state.message))")
            return
        }
        #expect(dialog.choice == .cancel)
        #expect(dialog.confirmWithin == 120)
        #expect(dialog.namespace == "gw")
        #expect(Fixtures.press(&state, .enter).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.message?.text == "not applied")
    }

    @Test func applyOnTheApplyButtonEmitsTheEffect() {
        var state = Self.staged()
        Fixtures.press(&state, .char("a"), .tab)
        let effects = Fixtures.press(&state, .enter)
        guard case .apply(let order) = effects.first else {
            Issue.record("no apply effect: \(effects)")
            return
        }
        #expect(order.namespace == "gw")
        #expect(order.confirmWithin == 120)
        #expect(!order.forced)
        #expect(order.draft.operations.map(\.route.destination.description) == ["10.21.0.0/16"])
        #expect(state.changeBusy)
    }

    @Test func riskyPlansNeedForceTyped() {
        // The operator's SSH client sits in the CIDR: the lockout guard refuses it.
        var state = Self.state(namespace: true, session: SSHSession(client: IPAddress("10.21.7.9")!, variable: "SSH_CONNECTION"))
        Fixtures.press(&state, .char("4"))
        _ = Self.command(&state, "cidr 10.21.0.0/16")
        _ = Self.command(&state, "via 10.20.1.22")
        while state.plan.strategy != .aggregate { Fixtures.press(&state, .char("m")) }
        #expect(state.plan.preview?.isRisky == true)
        Fixtures.press(&state, .char("a"), .tab)
        #expect(Fixtures.press(&state, .enter).isEmpty)
        guard case .applyDialog = state.mode else {
            Issue.record("the dialog closed without force")
            return
        }
        Fixtures.type(&state, "forc")
        #expect(Fixtures.press(&state, .enter).isEmpty)
        Fixtures.type(&state, "e")
        let effects = Fixtures.press(&state, .enter)
        guard case .apply(let order) = effects.first else {
            Issue.record("no apply effect after force: \(effects)")
            return
        }
        #expect(order.forced)
    }

    static func pending(_ state: inout AppState, remaining: TimeInterval = 107) {
        _ = reduce(&state, .changeUpdated(ChangeStatus(id: "c-42", state: "pending",
                                                      deadline: Fixtures.clock.addingTimeInterval(remaining),
                                                      journal: "/var/lib/podroute")))
    }

    @Test func theBannerCountsDownFromNow() {
        var state = Self.staged()
        Self.pending(&state)
        #expect(state.changeBanner == "APPLIED · reverts in 1:47 unless confirmed · Enter keep · e +2 min · r revert now")
        _ = reduce(&state, .tick(Fixtures.clock.addingTimeInterval(100)))
        #expect(state.changeBanner?.hasPrefix("APPLIED · reverts in 0:07 unless") == true)
    }

    @Test func bannerKeysEmitTheirEffectsInEveryView() {
        for key in [Key.enter, .char("e"), .char("r")] {
            var state = Self.staged()
            Self.pending(&state)
            Fixtures.press(&state, .char("2"))  // Routes: Enter would open details, r would re-read the site
            let effects = Fixtures.press(&state, key)
            guard case .change(let action) = effects.first else {
                Issue.record("\(key): no change effect: \(effects)")
                continue
            }
            switch key {
            case .enter: #expect(action == .confirm("c-42"))
            case .char("e"): #expect(action == .extend("c-42", seconds: 120))
            default: #expect(action == .revert("c-42"))
            }
            #expect(state.focus == .table)
        }
    }

    @Test func atTheDeadlineTheJournalIsAskedAndTheOutcomeShown() {
        var state = Self.staged()
        Self.pending(&state, remaining: 2)
        #expect(reduce(&state, .tick(Fixtures.clock.addingTimeInterval(1))).isEmpty)
        let effects = reduce(&state, .tick(Fixtures.clock.addingTimeInterval(3)))
        guard case .change(.status("c-42")) = effects.first else {
            Issue.record("no status read at the deadline: \(effects)")
            return
        }
        _ = reduce(&state, .changeUpdated(ChangeStatus(id: "c-42", state: "reverted", deadline: Fixtures.clock.addingTimeInterval(2),
                                                      journal: "/var/lib/podroute", detail: "reverted by guardian")))
        #expect(state.changeBanner?.hasPrefix("REVERTED") == true)
        // The banner's keys rest once nothing is pending: Enter is the view's again.
        #expect(Fixtures.press(&state, .char("e")).isEmpty)
        #expect(state.changeBanner == nil)
    }

    @Test func quitWithAPendingChangeSaysHowToKeepIt() {
        var state = Self.staged()
        Self.pending(&state)
        let summary = state.quitSummary
        #expect(summary.contains("change c-42 is PENDING"))
        #expect(summary.contains("unless `podroute confirm c-42`"))
        #expect(summary.contains("journal: /var/lib/podroute"))
        #expect(summary.contains(Format.clock(Fixtures.clock.addingTimeInterval(107), utcOffset: 0)))
    }
}

/// Over big tables the candidates and the draft come from jobs; stale results are dropped.
@Suite struct PlanJobTests {
    @Test func bigTablesReadCandidatesAndDraftOffTheLoop() throws {
        let context = TraceFixtures.site(gatewayRoute: false)
        let configuration = AppConfiguration(readOnly: false, inlineRouteLimit: 2)
        var state = try #require(AppState(site: context, host: "gw", configuration: configuration,
                                          size: Size(width: 120, height: 36), now: Fixtures.clock))
        let effects = Fixtures.press(&state, .char("4"))
        guard case .run(let job) = effects.first, job.kind == "plan-candidates" else {
            Issue.record("no candidates job: \(effects)")
            return
        }
        #expect(state.plan.candidates.isEmpty)
        #expect(render(state).text().contains("reading the candidates"))
        _ = reduce(&state, .jobFinished(job.run()))
        #expect(!state.plan.candidates.isEmpty)

        let draftEffects = Fixtures.press(&state, .char(" "))
        guard case .run(let draftJob) = draftEffects.first, draftJob.kind == "plan" else {
            Issue.record("no draft job: \(draftEffects)")
            return
        }
        #expect(state.plan.pending)
        #expect(render(state).text().contains("computing the draft"))
        // A newer choice makes the first job's answer stale.
        let newer = Fixtures.press(&state, .char("m"))
        _ = reduce(&state, .jobFinished(draftJob.run()))
        #expect(state.plan.pending, "a stale draft is dropped")
        guard case .run(let latest) = newer.first else {
            Issue.record("no draft job after m: \(newer)")
            return
        }
        _ = reduce(&state, .jobFinished(latest.run()))
        #expect(!state.plan.pending)
        #expect(state.plan.preview?.draft.operations.isEmpty == false)
    }
}
