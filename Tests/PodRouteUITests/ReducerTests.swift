import FoundationEssentials
import PodRouteCore
import Testing
@testable import PodRouteUI

@Suite struct ViewSwitchingTests {
    @Test func numberKeysTabAndBackTab() {
        var state = Fixtures.state()
        #expect(state.view == .interfaces)
        Fixtures.press(&state, .char("2"))
        #expect(state.view == .routes)
        Fixtures.press(&state, .char("4"))
        #expect(state.view == .plan)
        Fixtures.press(&state, .tab)
        #expect(state.view == .interfaces)
        Fixtures.press(&state, .backTab)
        #expect(state.view == .plan)
        Fixtures.press(&state, .backTab, .backTab)
        #expect(state.view == .routes)
        #expect(render(state).rows[1].cells[22].style == .tabActive)  // "2 Routes 25" is the active tab
    }

    @Test func eachViewKeepsItsOwnCursor() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down, .down, .char("2"), .down, .down, .down, .down, .char("1"))
        #expect(state.interfaceCursor.selected == 2)
        #expect(state.routeCursor.selected == 4)
    }
}

@Suite struct MovementTests {
    @Test func arrowsJKPageHomeEnd() {
        var state = Fixtures.state(size: Size(width: 100, height: 24))
        Fixtures.press(&state, .char("2"))
        let count = state.routeRows.count
        let page = Layout(state: state).tableRows - 1
        Fixtures.press(&state, .char("j"), .down)
        #expect(state.routeCursor.selected == 2)
        Fixtures.press(&state, .char("k"))
        #expect(state.routeCursor.selected == 1)
        Fixtures.press(&state, .pageDown)
        #expect(state.routeCursor.selected == 1 + page)
        Fixtures.press(&state, .end)
        #expect(state.routeCursor.selected == count - 1)
        #expect(state.routeCursor.top == count - Layout(state: state).tableRows)
        Fixtures.press(&state, .down)
        #expect(state.routeCursor.selected == count - 1)
        Fixtures.press(&state, .home)
        #expect(state.routeCursor.selected == 0 && state.routeCursor.top == 0)
        Fixtures.press(&state, .up, .pageUp)
        #expect(state.routeCursor.selected == 0)
        Fixtures.press(&state, .char("G"), .home)
        #expect(state.routeCursor.selected == 0)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var state = Fixtures.state(size: Size(width: 100, height: 40))
        Fixtures.press(&state, .char("2"), .end)
        _ = reduce(&state, .resize(Size(width: 80, height: 15)))
        let layout = Layout(state: state)
        #expect(state.routeCursor.selected >= state.routeCursor.top)
        #expect(state.routeCursor.selected < state.routeCursor.top + layout.tableRows)
    }

    @Test func enterFocusesTheDetailPaneAndEscGoesBack() {
        var state = Fixtures.state()
        Fixtures.press(&state, .enter)
        #expect(state.focus == .detail)
        let tableRowsWhenFocused = Layout(state: state).tableRows
        Fixtures.press(&state, .down, .down)
        #expect(state.interfaceCursor.selected == 0)  // arrows scroll the pane, not the table
        #expect(state.detailScroll == 2)
        Fixtures.press(&state, .escape)
        #expect(state.focus == .table)
        #expect(Layout(state: state).tableRows > tableRowsWhenFocused)
        Fixtures.press(&state, .down)
        #expect(state.interfaceCursor.selected == 1)
    }

    @Test func mouseWheelAndClicksMoveTheSelection() {
        var state = Fixtures.state()
        Fixtures.press(&state, .mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        #expect(state.interfaceCursor.selected == 3)
        Fixtures.press(&state, .mouse(MouseEvent(.press, x: 10, y: Layout(state: state).table.minY + 1)))
        #expect(state.interfaceCursor.selected == 1)
        Fixtures.press(&state, .mouse(MouseEvent(.press, x: 22, y: 1)))  // "2 Routes 25"
        #expect(state.view == .routes)
    }
}

@Suite struct FilterKeyTests {
    @Test func regexFilterLiveWhileTypingThenEscClears() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("2"), .char("/"))
        Fixtures.type(&state, "/^10\\.21\\.(69|12)/")
        #expect(state.routeRows.count == 2)  // live, before Enter
        Fixtures.press(&state, .enter)
        #expect(state.mode == .normal)
        #expect(state.routeFilter?.kind == .regex)
        #expect(render(state).rows[1].text.contains("filter: /^10\\.21\\.(69|12)/ (regex)  2 of 25"))
        Fixtures.press(&state, .escape)
        #expect(state.routeFilter == nil)
        #expect(state.routeRows.count == 25 && state.routeRows.isIdentity)
        #expect(render(state).rows[1].text.contains("filter: none"))
    }

    @Test func invertedTextFilter() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "!cali")
        Fixtures.press(&state, .enter)
        // Plain text matches anywhere in the row: tunl0's role calico-ipip contains "cali" too.
        #expect(state.interfaceRows.matched == 3)
        Fixtures.press(&state, .char("/"), .ctrl("u"))
        Fixtures.type(&state, "!^cali")
        Fixtures.press(&state, .enter)
        let names = state.interfaceRows.rows.compactMap { row -> String? in
            guard case .link(let index, _) = row else { return nil }
            return state.snapshot.link(index)?.name
        }
        #expect(names == ["ens192", "tunl0", "lo", "docker0"])
        #expect(state.interfaceRows.matched == 4)
        #expect(render(state).rows[1].text.contains("filter: !^cali (not regex)  4 of 16"))
    }

    @Test func escInThePromptRestoresThePreviousFilter() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "tunl")
        Fixtures.press(&state, .enter, .char("/"), .backspace, .backspace, .backspace, .backspace)
        Fixtures.type(&state, "ens")
        #expect(state.interfaceFilter?.pattern == "ens")  // live
        Fixtures.press(&state, .escape)
        #expect(state.interfaceFilter?.pattern == "tunl")
        #expect(state.mode == .normal)
    }

    @Test func aBrokenRegexKeepsTheLastGoodFilterAndSaysWhy() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "/cali(/")
        // "/cali(" did not compile as a regex, so it was plain text; "/cali(/" is an explicit regex that fails.
        #expect(state.interfaceFilter?.input == "/cali(")
        #expect(state.interfaceFilter?.kind == .text)
        #expect(state.message?.isError == true)
        Fixtures.press(&state, .enter)
        #expect(state.message?.text.contains("not a valid regex") == true)
    }

    @Test func filterSelectsTheFirstMatchingLink() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "coredns")
        #expect(state.selectedLink.map { state.model.classifier.pod(of: $0.index)?.name.hasPrefix("coredns") } == true)
    }
}

@Suite struct CommandLineTests {
    @Test func tabCompletesCommandsAndSortColumns() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(":"), .char("r"), .tab)
        #expect(state.mode == .commandPrompt(LineEditor("r"), options: ["routes", "resume"]))
        Fixtures.press(&state, .char("o"), .tab)
        #expect(state.mode == .commandPrompt(LineEditor("routes"), options: []))
        Fixtures.press(&state, .ctrl("u"), .char("p"), .tab)
        #expect(state.mode == .commandPrompt(LineEditor("p"), options: ["plan", "probe", "pause"]))
        Fixtures.press(&state, .char("a"), .tab)
        #expect(state.mode == .commandPrompt(LineEditor("pause"), options: []))
        Fixtures.press(&state, .ctrl("u"))
        Fixtures.type(&state, "so")
        Fixtures.press(&state, .tab)
        #expect(state.mode == .commandPrompt(LineEditor("sort "), options: []))
        Fixtures.type(&state, "r")
        Fixtures.press(&state, .tab)
        #expect(state.mode == .commandPrompt(LineEditor("sort r"), options: ["role", "rx"]))
        Fixtures.type(&state, "x")
        Fixtures.press(&state, .tab)
        #expect(state.mode == .commandPrompt(LineEditor("sort rx "), options: []))
        Fixtures.type(&state, "d")
        Fixtures.press(&state, .tab, .enter)
        #expect(state.interfaceSort == SortOrder(.rx, descending: true))
    }

    @Test func commandsRun() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "routes")
        Fixtures.press(&state, .enter)
        #expect(state.view == .routes)
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "filter tunl0")
        Fixtures.press(&state, .enter)
        #expect(state.routeFilter?.pattern == "tunl0")
        #expect(state.routeRows.count == 4)
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "sort metric desc")
        Fixtures.press(&state, .enter)
        #expect(state.routeSort == SortOrder(.metric, descending: true))
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "links")
        Fixtures.press(&state, .enter)
        #expect(state.view == .interfaces)
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "interval 2")
        let effects = Fixtures.press(&state, .enter)
        #expect(effects.count == 1)
        if case .setRefreshInterval(let interval)? = effects.first { #expect(interval == .seconds(2)) }
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "frobnicate")
        Fixtures.press(&state, .enter)
        #expect(state.message?.text.contains("unknown command :frobnicate") == true)
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "q")
        let quit = Fixtures.press(&state, .enter)
        guard case .quit(let summary)? = quit.first else {
            Issue.record("`:q` did not quit")
            return
        }
        #expect(summary.hasPrefix("podroute: node-1 (live), 16 links, 25 routes; read-only, no changes made"))
    }
}

@Suite struct SortTests {
    @Test func sCyclesTheSortColumnAndSReverses() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("2"), .char("s"))
        #expect(state.routeSort == SortOrder(.destination))
        let header = render(state).rows[3].text
        #expect(header.contains("DST▲"))
        let firstRows = (0..<3).map { RouteText.prefix(state.snapshot.routes[state.routeRows[$0]].destination) }
        #expect(firstRows == ["default", "10.20.1.0/24", "10.20.1.22"])
        Fixtures.press(&state, .char("S"))
        #expect(state.routeSort == SortOrder(.destination, descending: true))
        #expect(render(state).rows[3].text.contains("DST▼"))
        Fixtures.press(&state, .char("s"))
        #expect(state.routeSort == SortOrder(.via))
        for _ in 0..<7 { Fixtures.press(&state, .char("s")) }
        #expect(state.routeSort.column == .order)
        #expect(state.routeRows.isIdentity)
    }

    @Test func interfaceSortByRateKeepsTheWorkloadGroup() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "sort rx")
        Fixtures.press(&state, .enter)
        #expect(state.interfaceSort == SortOrder(.rx, descending: true))
        guard case .link(let first, false) = state.interfaceRows.rows[0] else {
            Issue.record("the first row is not a plain link")
            return
        }
        #expect(state.snapshot.link(first)?.name == "tunl0")
        #expect(render(state).rows[3].text.contains("RX/s▼"))
        let groupIndex = state.interfaceRows.rows.firstIndex { if case .workloadGroup = $0 { true } else { false } }
        #expect(groupIndex == 4)
        guard case .link(let firstWorkload, true) = state.interfaceRows.rows[5] else { return }
        #expect(state.model.classifier.pod(of: firstWorkload) == nil)  // the busiest one has no known pod
    }
}

@Suite struct CollapseAndPauseTests {
    @Test func cFoldsTheWorkloadGroup() {
        var state = Fixtures.state()
        #expect(state.interfaceRows.rows.count == 17)
        Fixtures.press(&state, .char("c"))
        #expect(state.interfaceRows.rows.count == 5)
        #expect(state.interfaceRows.rows.last == .workloadGroup(shown: 12, total: 12, collapsed: true))
        #expect(render(state).text().contains("▸ workloads (12)"))
        Fixtures.press(&state, .end, .enter)  // Enter on the group unfolds it
        #expect(state.interfaceRows.rows.count == 17)
        #expect(state.focus == .table)
    }

    @Test func bigGroupsStartFolded() {
        let snapshot = Fixtures.node()
        let state = AppState(snapshot: snapshot, configuration: AppConfiguration(foldWorkloadsAbove: 5))
        #expect(state.workloadsCollapsed)
    }

    @Test func pauseHoldsSnapshotsAndStatsUntilResumed() {
        var state = Fixtures.state()
        let before = state.rates
        var effects = Fixtures.press(&state, .char("p"))
        #expect(state.paused)
        if case .setRefreshInterval(nil)? = effects.first {} else { Issue.record("pause did not stop polling") }
        #expect(render(state).rows[0].text.contains("PAUSED"))
        _ = reduce(&state, .linkStats(LinkStatsSample(time: 102, stats: [:])))
        #expect(state.rates == before)
        let smaller = Fixtures.node().replacing(links: Array(Fixtures.node().links.prefix(3)))
        _ = reduce(&state, .snapshotReplaced(smaller))
        #expect(state.model.linkCount == 16)  // held
        effects = Fixtures.press(&state, .char("p"))
        #expect(!state.paused)
        #expect(state.model.linkCount == 3)
        if case .setRefreshInterval(let interval)? = effects.last { #expect(interval == .seconds(1)) } else {
            Issue.record("resume did not restart polling")
        }
        #expect(!render(state).rows[0].text.contains("PAUSED"))
    }

    @Test func staticSourcesNeverPoll() {
        let state = Fixtures.state(source: .capture(path: "node-1.txt"))
        guard case .setRefreshInterval(nil)? = state.startupEffects.first else {
            Issue.record("a capture asked for polling")
            return
        }
        #expect(render(state).rows[0].text.contains("capture node-1.txt (static)"))
        let live = Fixtures.state()
        if case .setRefreshInterval(let interval)? = live.startupEffects.first { #expect(interval == .seconds(1)) }
    }

    /// Nothing is live in a capture: `p` is not offered, and pressing it (or `:pause`) says why.
    @Test func staticSourcesOfferNoPause() {
        var state = Fixtures.state(source: .capture(path: "node-1.txt"))
        #expect(!render(state).rows.last!.text.contains("pause"))
        Fixtures.press(&state, .char("p"))
        #expect(!state.paused)
        #expect(state.message?.text.contains("does not change by itself") == true, "\(String(describing: state.message))")
        #expect(render(Fixtures.state()).rows.last!.text.contains("p pause"))
    }
}

@Suite struct QuitHelpAndSafetyTests {
    @Test(arguments: [Key.char("q"), Key.ctrl("c")])
    func quitPrintsASummary(key: Key) {
        var state = Fixtures.state()
        _ = reduce(&state, .tick(Fixtures.clock.addingTimeInterval(252)))
        let effects = Fixtures.press(&state, key)
        guard case .quit(let summary)? = effects.first else {
            Issue.record("\(key) did not quit")
            return
        }
        #expect(summary == "podroute: node-1 (live) for 4m12s, 16 links, 25 routes; read-only, no changes made")
    }

    @Test func ctrlCQuitsFromPromptsAndHelpToo() {
        for opener in [Key.char("/"), .char(":"), .char("?")] {
            var state = Fixtures.state()
            Fixtures.press(&state, opener)
            #expect(state.mode != .normal)
            guard case .quit? = Fixtures.press(&state, .ctrl("c")).first else {
                Issue.record("Ctrl-C after \(opener) did not quit")
                continue
            }
            #expect(state.mode == .normal)
        }
    }

    @Test func ctrlLRedrawsEverything() {
        var state = Fixtures.state()
        guard case .redrawAll? = Fixtures.press(&state, .ctrl("l")).first else {
            Issue.record("Ctrl-L did not ask for a full redraw")
            return
        }
    }

    @Test func helpRunsTheSelectedLine() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("?"))
        guard case .help(let help) = state.mode else {
            Issue.record("? did not open help")
            return
        }
        let lines = HelpContent.lines(registry: state.registry, view: .interfaces)
        #expect(lines[help.selected] == .binding(state.registry.bindings[0]))
        // Walk down to "2 routes" and run it.
        let target = lines.firstIndex { if case .binding(let binding) = $0 { binding.action == .showView(.routes) } else { false } }!
        while case .help(let current) = state.mode, current.selected < target { Fixtures.press(&state, .down) }
        Fixtures.press(&state, .enter)
        #expect(state.mode == .normal)
        #expect(state.view == .routes)
    }

    @Test func helpScrollsOnlyWhenTheCursorLeavesTheOverlay() {
        var state = Fixtures.state(size: Size(width: 100, height: 24))
        Fixtures.press(&state, .char("?"), .end)
        guard case .help(let bottom) = state.mode else { return }
        #expect(bottom.top > 0)
        Fixtures.press(&state, .up, .up)
        guard case .help(let moved) = state.mode else { return }
        #expect(moved.top == bottom.top)
        #expect(moved.selected < bottom.selected)
        #expect(render(state).text().contains("\(moved.selected + 1)/"))
    }

    @Test func helpClosesWithEscAndShortcutsStillWork() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("?"), .escape)
        #expect(state.mode == .normal)
        Fixtures.press(&state, .char("?"), .char("2"))
        #expect(state.mode == .normal && state.view == .routes)
    }

    @Test func readOnlyRefusesApplyWithAReason() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("4"), .char("a"))
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("--write") == true)
        #expect(!render(state).text().contains("a apply"))
        var writable = Fixtures.state(readOnly: false)
        Fixtures.press(&writable, .char("4"))
        #expect(render(writable).text().contains("a apply"))
        #expect(render(writable).rows[0].text.contains("WRITE"))
    }

    @Test func tTracesAnAddressInsideTheSelectedRoute() {
        var state = Fixtures.state()
        Fixtures.press(&state, .char("2"), .down, .down, .down, .char("t"))  // 10.21.69.192/26 via 10.20.1.24 dev tunl0
        #expect(state.view == .trace)
        #expect(state.mode == .normal)
        #expect(state.trace.target == "10.21.69.193")
        let hop = state.trace.outcome?.result.hops.first
        #expect(hop?.host == "node-1")
        #expect(hop?.egressDevice == "tunl0")
        #expect(render(state).text().contains("trace 10.21.69.193  from node-1"))
    }
}

@Suite struct SnapshotReplacementTests {
    @Test func aNewSnapshotKeepsTheSelectedLink() {
        var state = Fixtures.state()
        Fixtures.press(&state, .down)  // tunl0
        var links = Fixtures.node().links
        links.removeFirst()  // lo goes away
        _ = reduce(&state, .snapshotReplaced(Fixtures.node().replacing(links: links)))
        #expect(state.selectedLink?.name == "tunl0")
    }

    @Test func staleJobResultsAreDropped() {
        var state = AppState(snapshot: Fixtures.node(), configuration: AppConfiguration(inlineRouteLimit: 5))
        Fixtures.press(&state, .char("2"), .char("/"))
        var jobs: [Job] = []
        for character in "cali" {
            for effect in reduce(&state, .key(.char(character))) {
                if case .run(let job) = effect { jobs.append(job) }
            }
        }
        #expect(jobs.count == 4)
        #expect(state.routeJobPending)
        #expect(render(state).rows[1].text.contains("filtering…"))
        // The newest result lands; an older one arriving later changes nothing.
        _ = reduce(&state, .jobFinished(jobs[3].run()))
        #expect(!state.routeJobPending)
        #expect(state.routeRows.count == 12)
        #expect(jobs[0].run().output.rowCount == 25)  // "c" matches every route (proto, scope, ...)
        _ = reduce(&state, .jobFinished(jobs[0].run()))
        #expect(state.routeRows.count == 12)
    }

    @Test func bigSnapshotsArePreparedOffTheLoop() {
        var state = AppState(snapshot: Fixtures.node(), configuration: AppConfiguration(inlineRouteLimit: 5))
        let effects = reduce(&state, .snapshotReplaced(Fixtures.node(extraRoutes: [
            Route(family: .inet, destination: Fixtures.prefix("192.0.2.0/24"), gateway: Fixtures.ip("10.20.1.1"),
                  device: InterfaceIndex(2)),
        ])))
        guard case .run(let job)? = effects.first else {
            Issue.record("no job")
            return
        }
        #expect(job.kind == "prepare-snapshot")
        #expect(state.snapshotPending)
        #expect(state.model.routeCount == 25)
        _ = reduce(&state, .jobFinished(job.run()))
        #expect(state.model.routeCount == 26)
        #expect(!state.snapshotPending)
    }

    @Test func aFilteredTableSwapsSnapshotAndRowsTogether() {
        var state = AppState(snapshot: Fixtures.node(), configuration: AppConfiguration(inlineRouteLimit: 5))
        Fixtures.press(&state, .char("2"), .char(":"))
        Fixtures.type(&state, "filter tunl0")
        guard case .run(let filterJob)? = Fixtures.press(&state, .enter).first else {
            Issue.record("no filter job")
            return
        }
        _ = reduce(&state, .jobFinished(filterJob.run()))
        #expect(state.routeRows.count == 4)
        let extra = Route(family: .inet, destination: Fixtures.prefix("10.21.99.0/26"), proto: .bird, flags: .onlink,
                          gateway: Fixtures.ip("10.20.1.29"), device: InterfaceIndex(15))
        guard case .run(let prepare)? = reduce(&state, .snapshotReplaced(Fixtures.node(extraRoutes: [extra]))).first else {
            Issue.record("no prepare job")
            return
        }
        guard case .run(let rowsJob)? = reduce(&state, .jobFinished(prepare.run())).first else {
            Issue.record("no rows job for the new snapshot")
            return
        }
        // Still the old snapshot with its own rows: never new rows over old routes.
        #expect(state.model.routeCount == 25 && state.routeRows.count == 4 && state.snapshotPending)
        _ = reduce(&state, .jobFinished(rowsJob.run()))
        #expect(state.model.routeCount == 26 && state.routeRows.count == 5 && !state.snapshotPending)
        #expect(render(state).text().contains("10.21.99.0/26"))
    }

    @Test func noticesAndErrorsShowInTheBottomBar() {
        var state = Fixtures.state()
        _ = reduce(&state, .error("netlink: ENOBUFS, re-reading everything"))
        let last = render(state).rows.last!.text
        #expect(last.contains("netlink: ENOBUFS, re-reading everything"))
        #expect(last.hasPrefix("└ ? help  q quit"))
        Fixtures.press(&state, .down)
        #expect(state.message == nil)
    }
}
