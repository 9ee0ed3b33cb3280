import FoundationEssentials
import PodRouteCore

/// The only way state changes: a pure function of the state and one event. The loop executes
/// the effects it returns and draws `render(state)` afterwards.
public func reduce(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
    let before = VerificationMoment(state)
    var effects = reduceEvent(&state, event)
    // The verification probe follows the apply dialog and the change (before, after, repeated).
    effects += state.verificationFollowUp(since: before)
    // The Plan view follows the host shown and its data (a new snapshot, a re-read, another host).
    if state.view == .plan { effects += state.refreshPlanCandidates() }
    return effects
}

private func reduceEvent(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
    switch event {
    case .key(let key):
        state.message = nil
        if state.change?.isPending == false { state.changeAcknowledged = true }
        return state.handleKey(key)
    case .resize(let size):
        state.size = size
        state.clampCursors()
        return []
    case .tick(let date):
        state.now = date
        return state.changeTick()
    case .snapshotReplaced(let snapshot):
        if state.paused {
            state.heldSnapshot = snapshot
            return []
        }
        return state.applySnapshot(snapshot)
    case .linkStats(let sample):
        guard !state.paused else { return [] }
        state.rates.record(sample.stats, at: sample.time)
        state.rebuildInterfaceRows()
        return []
    case .jobFinished(let result):
        return state.finish(result)
    case .notice(let text):
        state.message = StatusMessage(text)
        return []
    case .error(let text):
        state.message = StatusMessage(text, isError: true)
        return []
    case .siteRead(let site, let unread):
        return state.siteRead(site, unread: unread)
    case .changeUpdated(let status):
        return state.changeUpdated(status)
    case .changeFailed(let text):
        state.changeBusy = false
        state.message = StatusMessage(text, isError: true)
        return []
    case .probeFinished(let probe, let phase, let outcome):
        state.probeFinished(probe, phase: phase, outcome: outcome)
        return []
    }
}

extension AppState {
    // MARK: Keys

    mutating func handleKey(_ key: Key) -> [Effect] {
        // Ctrl-C quits from anywhere, prompts and help included.
        if key == .ctrl("c"), mode != .normal {
            mode = .normal
            return perform(.quit)
        }
        switch mode {
        case .normal: return handleNormal(key)
        case .filterPrompt(var editor, let original): return handleFilterPrompt(key, &editor, original: original)
        case .commandPrompt(var editor, let options): return handleCommandPrompt(key, &editor, options: options)
        case .help(var help): return handleHelp(key, &help)
        case .traceEntry(var editor, let recalled): return handleTraceEntry(key, &editor, recalled: recalled)
        case .hostPicker(var picker): return handlePicker(key, &picker)
        case .applyDialog(var dialog): return handleApplyDialog(key, &dialog)
        }
    }

    mutating func handleNormal(_ key: Key) -> [Effect] {
        if case .mouse(let event) = key { return handleMouse(event) }
        // The banner's keys come first while a change is pending.
        if change?.isPending == true, let binding = registry.resolve(key, context: .pendingChange) {
            return perform(binding.action)
        }
        // Then the guided setup's, while it is shown (the Plan view's keys work in it).
        if isSetupShown, let effects = handleSetupKey(key) { return effects }
        switch registry.resolve(key, in: view) {
        case .run(let binding): return perform(binding.action)
        case .refused(let binding):
            message = StatusMessage("read-only: \(binding.hintKey) (\(binding.label)) changes the host; start podroute with --write",
                                    isError: true)
            return []
        case .needsSite(let binding):
            message = StatusMessage("\(binding.hintKey) (\(binding.label)) works on a site: podroute --site FILE; this is one host")
            return []
        case .needsLive(let binding):
            message = StatusMessage(Self.staticSourceNote(binding.label))
            return []
        case .unbound:
            return []
        }
    }

    /// Runs an action in the normal mode (keys, help's Enter, commands end here).
    mutating func perform(_ action: KeyAction) -> [Effect] {
        switch action {
        case .quit:
            return [.quit(summary: quitSummary)]
        case .help:
            var help = HelpState(view: view)
            help.selected = HelpContent.actionable(HelpContent.lines(registry: registry, view: view), from: 0, direction: 1)
            mode = .help(help)
        case .redraw:
            return [.redrawAll]
        case .showView(let target):
            show(target)
        case .nextView:
            show(view.next)
        case .previousView:
            show(view.previous)
        case .moveUp: move(by: -1)
        case .moveDown: move(by: 1)
        case .pageUp where view == .plan: scrollPlanPreview(by: -1)
        case .pageDown where view == .plan: scrollPlanPreview(by: 1)
        case .pageUp: move(by: -pageRows)
        case .pageDown: move(by: pageRows)
        case .top: move(to: 0)
        case .bottom: move(to: Int.max)
        case .details:
            openDetails()
        case .back:
            goBack()
        case .filter:
            guard view == .interfaces || view == .routes else { return [] }
            mode = .filterPrompt(LineEditor(filter?.input ?? ""), original: filter)
        case .command:
            mode = .commandPrompt(LineEditor(), options: [])
        case .sortNext:
            return cycleSort()
        case .sortReverse:
            return reverseSort()
        case .toggleWorkloads:
            guard view == .interfaces else { return [] }
            if interfaceFilter != nil {
                message = StatusMessage("the filter shows every matching workload; Esc clears it")
                return []
            }
            workloadsCollapsed.toggle()
            rebuildInterfaceRows()
        case .togglePause:
            return setPaused(!paused)
        case .trace:
            return traceSelected()
        case .editTraceTarget:
            openTraceEntry()
        case .pickTraceSource:
            openPicker(.traceSource)
        case .pickHost:
            openPicker(.view)
        case .openHopRoutes:
            return openHopRoutes()
        case .reread:
            return reread()
        case .applyPlan:
            return openApplyDialog()
        case .togglePlanCandidate:
            return togglePlanCandidate()
        case .cyclePlanStrategy:
            return cyclePlanStrategy()
        case .cyclePlanFormat:
            cyclePlanFormat()
        case .nextPlanRouter:
            cyclePlanRouter()
        case .copyPlanCommands:
            return copyPlanCommands()
        case .keepChange, .extendChange, .revertChange:
            return changeKey(action)
        case .openSetup:
            return openSetup()
        case .setupNext, .setupBack, .setupClose:
            return setupAction(action)
        case .promptAccept, .promptCancel, .promptComplete, .promptDeleteBackward, .promptClear, .promptDeleteWord,
             .promptHistoryPrevious, .promptHistoryNext:
            message = StatusMessage("that key works inside the / and : prompts")
        case .helpRun, .helpClose, .pickerChoose, .pickerClose, .dialogAccept, .dialogCancel, .dialogToggle:
            break
        }
        return []
    }

    mutating func show(_ target: ViewID) {
        view = target
        focus = .table
        detailScroll = 0
        clampCursors()
        // A Trace view with nothing asked yet opens on its entry: type the address, Enter.
        if target == .trace, mode == .normal, trace.target == nil, !trace.pending { openTraceEntry() }
    }

    var pageRows: Int { max(1, Layout(state: self).tableRows - 1) }

    mutating func move(by delta: Int) {
        if focus == .detail {
            detailScroll = max(0, detailScroll + delta)
            return
        }
        switch view {
        case .interfaces:
            interfaceCursor.selected = clampedAdd(interfaceCursor.selected, delta)
        case .routes:
            routeCursor.selected = clampedAdd(routeCursor.selected, delta)
        case .trace:
            moveTrace(by: delta)
            return
        case .plan:
            movePlan(by: delta)
            return
        }
        clampCursors()
    }

    mutating func move(to row: Int) {
        if focus == .detail {
            detailScroll = row == 0 ? 0 : Int.max / 2  // the view clamps it to the text
            return
        }
        switch view {
        case .interfaces: interfaceCursor.selected = row
        case .routes: routeCursor.selected = row
        case .trace:
            moveTrace(to: row)
            return
        case .plan:
            movePlan(to: row)
            return
        }
        clampCursors()
    }

    private func clampedAdd(_ value: Int, _ delta: Int) -> Int {
        let (sum, overflow) = value.addingReportingOverflow(delta)
        return overflow ? (delta > 0 ? Int.max : 0) : max(0, sum)
    }

    mutating func clampCursors() {
        let height = Layout(state: self).tableRows
        interfaceCursor.clamp(count: interfaceRows.rows.count, height: height)
        routeCursor.clamp(count: routeRows.count, height: height)
    }

    mutating func openDetails() {
        switch view {
        case .interfaces:
            if interfaceRows.rows.indices.contains(interfaceCursor.selected),
               case .workloadGroup = interfaceRows.rows[interfaceCursor.selected] {
                _ = perform(.toggleWorkloads)
                return
            }
            guard selectedLink != nil else { return }
        case .routes:
            guard selectedRoutePosition != nil else { return }
        case .trace, .plan:
            return
        }
        focus = .detail
        detailScroll = 0
        clampCursors()
    }

    mutating func goBack() {
        if focus == .detail {
            focus = .table
            detailScroll = 0
            clampCursors()
            return
        }
        if filter != nil {
            _ = setFilter(nil)
            message = StatusMessage("filter cleared")
        }
    }

    /// The address `t` traces: an address inside the selected route's destination, or the link's first address.
    var selectedAddress: String? {
        switch view {
        case .routes:
            return selectedRoute.flatMap { TraceTargets.address(in: $0.destination) }.map(String.init(describing:))
        case .interfaces:
            guard let link = selectedLink else { return nil }
            if let first = model.linkText.addresses(link).first { return String(first.prefix { $0 != "/" }) }
            return model.deviceRoutes[link.index]?.hostDestinations.first.map(RouteText.prefix)
        case .trace, .plan:
            return trace.target
        }
    }

    // MARK: Mouse

    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        switch event.kind {
        case .wheelUp: move(by: -3)
        case .wheelDown: move(by: 3)
        case .press:
            let layout = Layout(state: self)
            if event.y == layout.tabsRow {
                // The tabs: `1 Interfaces   2 Routes   3 Trace   4 Plan`, as the view draws them.
                var x = layout.content.minX + 1
                for target in ViewID.allCases {
                    let width = TabsView.tabWidth(target, state: self)
                    if event.x >= x, event.x < x + width { show(target) }
                    x += width + TabsView.gap
                }
            } else if layout.table.contains(x: event.x, y: event.y), view == .interfaces || view == .routes {
                let row = event.y - layout.table.minY
                focus = .table
                if view == .interfaces { interfaceCursor.selected = interfaceCursor.top + row }
                else { routeCursor.selected = routeCursor.top + row }
                clampCursors()
            }
        }
        return []
    }

    // MARK: Filter prompt

    mutating func handleFilterPrompt(_ key: Key, _ editor: inout LineEditor, original: RowFilter?) -> [Effect] {
        var effects: [Effect] = []
        if let binding = registry.resolve(key, context: .prompt) {
            switch binding.action {
            case .promptAccept:
                mode = .normal
                do {
                    let filter = try RowFilter.parse(editor.text)
                    effects = setFilter(filter)
                    if let filter { message = StatusMessage("filter: \(filter)") }
                } catch {
                    effects = setFilter(original)
                    message = StatusMessage(error.description, isError: true)
                }
                return effects
            case .promptCancel:
                mode = .normal
                return setFilter(original)
            case .promptComplete:
                return []
            case .promptDeleteBackward: editor.deleteBackward()
            case .promptClear: editor.clear()
            case .promptDeleteWord: editor.deleteWord()
            default: break
            }
        } else if !edit(&editor, with: key) {
            return []
        }
        mode = .filterPrompt(editor, original: original)
        // Live: the table follows the typing; a regex that does not compile yet keeps the last one.
        do {
            effects = setFilter(try RowFilter.parse(editor.text))
        } catch {
            message = StatusMessage(error.description, isError: true)
        }
        return effects
    }

    /// Plain editing keys shared by both prompts; false when the key means nothing here.
    mutating func edit(_ editor: inout LineEditor, with key: Key) -> Bool {
        switch key {
        case .char(let character): editor.insert(character)
        case .left: editor.moveLeft()
        case .right: editor.moveRight()
        case .home, .ctrl("a"): editor.moveToStart()
        case .end, .ctrl("e"): editor.moveToEnd()
        case .delete, .ctrl("d"): editor.deleteForward()
        default: return false
        }
        return true
    }

    /// Sets the current view's filter and recomputes its rows.
    mutating func setFilter(_ filter: RowFilter?) -> [Effect] {
        switch view {
        case .interfaces:
            guard filter != interfaceFilter else { return [] }
            interfaceFilter = filter
            interfaceCursor = TableCursor()
            rebuildInterfaceRows()
            // Land on the first matching link rather than on the group row.
            if filter != nil, let first = interfaceRows.rows.firstIndex(where: { if case .link = $0 { true } else { false } }) {
                interfaceCursor.selected = first
                clampCursors()
            }
            return []
        case .routes:
            guard filter != routeFilter else { return [] }
            routeFilter = filter
            return requestRouteRows(resetSelection: true)
        case .trace, .plan:
            return []
        }
    }

    /// Recomputes the route rows for the current filter and sort: inline for small stores,
    /// as a job for big ones (the table keeps its old rows and says "filtering…" meanwhile).
    mutating func requestRouteRows(resetSelection: Bool) -> [Effect] {
        routeGeneration += 1
        if resetSelection { routeCursor = TableCursor() }
        if routeFilter == nil, routeSort == SortOrder(.order) {
            if let pending = pendingModel {
                pendingModel = nil
                snapshotPending = false
                replaceModel(pending)
            }
            routeRows = .all(count: model.routeCount)
            routeJobPending = false
            clampCursors()
            return []
        }
        if pendingModel == nil, model.routeCount <= configuration.inlineRouteLimit {
            routeRows = RouteTable.rows(model: model, filter: routeFilter, sort: routeSort)!
            routeJobPending = false
            clampCursors()
            applyPendingRouteFocus()
            return []
        }
        routeJobPending = true
        return [.run(Job(generation: routeGeneration, work: .routeRows(pendingModel ?? model, routeFilter, routeSort)))]
    }

    // MARK: Command prompt

    mutating func handleCommandPrompt(_ key: Key, _ editor: inout LineEditor, options: [String]) -> [Effect] {
        var options = options
        if let binding = registry.resolve(key, context: .prompt) {
            switch binding.action {
            case .promptAccept:
                mode = .normal
                return run(commandLine: editor.text)
            case .promptCancel:
                mode = .normal
                return []
            case .promptComplete:
                let completed = CommandLineSpec.complete(editor.text, sortColumns: sortColumnNames,
                                                         hostNames: site?.site.hosts.map(\.name) ?? [],
                                                         linkNames: snapshot.links.map(\.name).sorted())
                editor.replace(with: completed.line)
                options = completed.options
            case .promptDeleteBackward: editor.deleteBackward()
            case .promptClear: editor.clear()
            case .promptDeleteWord: editor.deleteWord()
            default: break
            }
        } else if !edit(&editor, with: key) {
            return []
        } else {
            options = []
        }
        mode = .commandPrompt(editor, options: options)
        return []
    }

    var sortColumnNames: [String] {
        view == .routes ? RouteColumn.sortCycle.map(\.sortName) : InterfaceColumn.sortCycle.map(\.sortName)
    }

    /// Runs a `:` command line.
    mutating func run(commandLine: String) -> [Effect] {
        let parsed: CommandLineSpec.Parsed?
        do {
            parsed = try CommandLineSpec.parse(commandLine)
        } catch {
            message = StatusMessage(error.description, isError: true)
            return []
        }
        guard let parsed else { return [] }
        switch parsed {
        case .showView(let target):
            show(target)
        case .trace(let address):
            if let address {
                show(.trace)
                mode = .normal
                return startTrace(address)
            }
            return traceSelected()
        case .host(let name):
            guard let name else {
                openPicker(.view)
                return []
            }
            return switchHost(to: name)
        case .cidr(let text):
            return addTypedCIDR(text)
        case .via(let words):
            return setVias(words)
        case .viaDevice(let device):
            return setViaDevice(device)
        case .setup:
            return openSetup()
        case .probe(let words):
            return setVerificationProbe(words)
        case .filter(let text):
            if view != .interfaces && view != .routes { show(.interfaces) }
            do {
                return setFilter(try RowFilter.parse(text))
            } catch {
                message = StatusMessage(error.description, isError: true)
            }
        case .sort(let column, let descending):
            return sort(byName: column, descending: descending)
        case .interval(let seconds):
            refreshInterval = .milliseconds(Int64(seconds * 1000))
            message = StatusMessage("rates refresh every \(Format.seconds(seconds))")
            return isLive && !paused ? [.setRefreshInterval(refreshInterval)] : []
        case .pause(let on):
            return setPaused(on)
        case .help:
            return perform(.help)
        case .quit:
            return perform(.quit)
        }
        return []
    }

    // MARK: Help overlay

    mutating func handleHelp(_ key: Key, _ help: inout HelpState) -> [Effect] {
        let lines = HelpContent.lines(registry: registry, view: help.view)
        guard let binding = registry.resolve(key, context: .help) else {
            // Shortcuts work inside help too: close it and run the key.
            mode = .normal
            return handleNormal(key)
        }
        let page = max(1, size.height - 8)
        switch binding.action {
        case .helpClose:
            mode = .normal
            return []
        case .helpRun:
            mode = .normal
            guard lines.indices.contains(help.selected) else { return [] }
            switch lines[help.selected] {
            case .binding(let chosen):
                if chosen.context == .prompt {
                    message = StatusMessage("\(chosen.hintKey) works inside the / and : prompts")
                    return []
                }
                if case .views(let views) = chosen.context, !views.contains(view) {
                    show(views.sorted { $0.rawValue < $1.rawValue }[0])
                }
                return perform(chosen.action)
            case .command(let command):
                mode = .commandPrompt(LineEditor(command.name + (command.argument != nil ? " " : "")), options: [])
                return []
            case .section, .text:
                return []
            }
        case .moveDown: help.selected = HelpContent.actionable(lines, from: help.selected + 1, direction: 1)
        case .moveUp: help.selected = HelpContent.actionable(lines, from: help.selected - 1, direction: -1)
        case .pageDown: help.selected = HelpContent.actionable(lines, from: help.selected + page, direction: 1)
        case .pageUp: help.selected = HelpContent.actionable(lines, from: help.selected - page, direction: -1)
        case .top: help.selected = HelpContent.actionable(lines, from: 0, direction: 1)
        case .bottom: help.selected = HelpContent.actionable(lines, from: lines.count - 1, direction: -1)
        default: break
        }
        // Scroll only when the cursor leaves the overlay (its inner height, as HelpOverlay draws it).
        let visible = max(1, size.height - 6)
        if help.selected < help.top { help.top = help.selected }
        if help.selected >= help.top + visible { help.top = help.selected - visible + 1 }
        mode = .help(help)
        return []
    }

    // MARK: Sorting

    mutating func cycleSort() -> [Effect] {
        switch view {
        case .interfaces:
            let cycle = InterfaceColumn.sortCycle
            let next = cycle[((cycle.firstIndex(of: interfaceSort.column) ?? 0) + 1) % cycle.count]
            interfaceSort = SortOrder(next, descending: next == .rx || next == .tx || next == .errors)
            rebuildInterfaceRows()
            return []
        case .routes:
            let cycle = RouteColumn.sortCycle
            routeSort = SortOrder(cycle[((cycle.firstIndex(of: routeSort.column) ?? 0) + 1) % cycle.count])
            return requestRouteRows(resetSelection: false)
        case .trace, .plan:
            return []
        }
    }

    mutating func reverseSort() -> [Effect] {
        switch view {
        case .interfaces:
            interfaceSort.descending.toggle()
            rebuildInterfaceRows()
            return []
        case .routes:
            routeSort.descending.toggle()
            return requestRouteRows(resetSelection: false)
        case .trace, .plan:
            return []
        }
    }

    mutating func sort(byName name: String?, descending: Bool?) -> [Effect] {
        if view != .interfaces && view != .routes { show(.interfaces) }
        let wanted = name ?? "default"
        if view == .interfaces {
            guard let column = InterfaceColumn.sortCycle.first(where: { $0.sortName == wanted }) else {
                message = StatusMessage("no column '\(wanted)'; try \(sortColumnNames.joined(separator: " "))", isError: true)
                return []
            }
            interfaceSort = SortOrder(column, descending: descending ?? (column == .rx || column == .tx || column == .errors))
            rebuildInterfaceRows()
            return []
        }
        guard let column = RouteColumn.sortCycle.first(where: { $0.sortName == wanted }) else {
            message = StatusMessage("no column '\(wanted)'; try \(sortColumnNames.joined(separator: " "))", isError: true)
            return []
        }
        routeSort = SortOrder(column, descending: descending ?? false)
        return requestRouteRows(resetSelection: false)
    }

    // MARK: Live data

    /// Why a live-only action does nothing on a capture or a site's snapshots.
    static func staticSourceNote(_ action: String) -> String {
        "nothing to \(action): this source does not change by itself (a capture or a site's snapshots)"
    }

    mutating func setPaused(_ on: Bool) -> [Effect] {
        guard isLive else {
            message = StatusMessage(Self.staticSourceNote(on ? "pause" : "resume"))
            return []
        }
        guard on != paused else { return [] }
        paused = on
        if on {
            message = StatusMessage("paused: the screen holds still; p resumes")
            return isLive ? [.setRefreshInterval(nil)] : []
        }
        var effects: [Effect] = []
        if let held = heldSnapshot {
            heldSnapshot = nil
            effects += applySnapshot(held)
        }
        message = StatusMessage("live updates resumed")
        if isLive { effects.append(.setRefreshInterval(refreshInterval)) }
        return effects
    }

    mutating func applySnapshot(_ snapshot: NetworkSnapshot) -> [Effect] {
        snapshotGeneration += 1
        if snapshot.routes.count > configuration.inlineRouteLimit {
            snapshotPending = true
            return [.run(Job(generation: snapshotGeneration, work: .prepareSnapshot(snapshot, configuration.hints)))]
        }
        snapshotPending = false
        pendingModel = nil
        replaceModel(SnapshotModel(snapshot: snapshot, hints: configuration.hints))
        return routeFilter != nil || routeSort != SortOrder(.order) ? requestRouteRows(resetSelection: false) : []
    }

    mutating func finish(_ result: JobResult) -> [Effect] {
        switch result.output {
        case .trace(let outcome):
            finishTrace(outcome, generation: result.generation)
            return []
        case .plan(let preview):
            finishPlan(preview, generation: result.generation)
            return []
        case .planChain(let chain):
            finishPlanChain(chain, generation: result.generation)
            return []
        case .planCandidates(let candidates):
            return finishPlanCandidates(candidates, generation: result.generation)
        case .setupSurvey(let survey):
            return finishSetupSurvey(survey, generation: result.generation)
        case .prepared(let prepared):
            guard result.generation == snapshotGeneration else { return [] }
            if routeFilter == nil, routeSort == SortOrder(.order) {
                snapshotPending = false
                pendingModel = nil
                replaceModel(prepared)
                return []
            }
            // Keep showing the old snapshot until the new one's rows are ready.
            pendingModel = prepared
            return requestRouteRows(resetSelection: false)
        case .routeRows(let rows):
            guard result.generation == routeGeneration else { return [] }
            var previous = selectedRoutePosition
            if let pending = pendingModel {
                pendingModel = nil
                snapshotPending = false
                replaceModel(pending)
                previous = nil
            }
            routeRows = rows
            routeJobPending = false
            if let previous, let row = rows.row(of: previous) { routeCursor.selected = row }
            clampCursors()
            applyPendingRouteFocus()
            return []
        }
    }

    // MARK: Summary

    /// The line left in the scrollback on quit.
    public var quitSummary: String {
        var text = "podroute: \(Sanitizer.printable(currentHost ?? snapshot.host)) (\(sourceDescription))"
        if let startedAt, let now, now > startedAt {
            text += " for \(Format.duration(now.timeIntervalSince(startedAt)))"
        }
        text += ", \(model.linkCount) links, \(model.routeCount) routes"
        guard let change else {
            text += configuration.readOnly ? "; read-only, no changes made" : "; no changes made"
            return text
        }
        let id = Sanitizer.printable(change.id)
        if change.isPending {
            let at = Format.clock(change.deadline, utcOffset: configuration.utcOffsetSeconds)
            text += "; change \(id) is PENDING: it will be reverted at \(at) unless `podroute confirm \(id)`"
        } else {
            text += "; change \(id) \(change.state)"
        }
        text += " (journal: \(Sanitizer.printable(change.journal)))"
        return text
    }

    /// `live`, `netns blue`, `capture node1.txt (static)`, `demo`, `site: lab.yaml (snapshots)`.
    public var sourceDescription: String {
        if let site { return "site: \(site.fileName) (snapshots)" }
        return switch snapshot.source {
        case .live: "live"
        case .namespace(let name): "netns \(Sanitizer.printable(name))"
        case .capture(let path):
            "capture \(Sanitizer.printable(path.split(separator: "/").last.map(String.init) ?? path)) (static)"
        case .demo: "demo (static)"
        }
    }
}
