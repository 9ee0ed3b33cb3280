import PodRouteCore

/// The Trace view, the hop -> Routes jump and the site's hosts: the reducer's part for them.
extension AppState {
    // MARK: Tracing

    /// `t` in Interfaces or Routes: trace the row's address (from the host on screen, on a site).
    mutating func traceSelected() -> [Effect] {
        guard let address = selectedAddress else {
            show(.trace)
            openTraceEntry()
            message = StatusMessage("that row names no single address to trace: type one")
            return []
        }
        if site != nil { trace.source = currentHost }
        let effects = startTrace(address)
        show(.trace)
        return effects
    }

    mutating func openTraceEntry() {
        mode = .traceEntry(LineEditor(trace.target ?? ""), recalled: nil)
    }

    mutating func handleTraceEntry(_ key: Key, _ editor: inout LineEditor, recalled: Int?) -> [Effect] {
        var recalled = recalled
        if let binding = registry.resolve(key, context: .prompt) {
            switch binding.action {
            case .promptAccept:
                mode = .normal
                let text = editor.text.trimmingSpaces
                guard !text.isEmpty else { return [] }
                return startTrace(text)
            case .promptCancel:
                mode = .normal
                return []
            case .promptComplete:
                // Tab goes on to the next view, as everywhere else: the entry never traps it.
                mode = .normal
                return handleNormal(key)
            case .promptDeleteBackward: editor.deleteBackward()
            case .promptClear: editor.clear()
            case .promptDeleteWord: editor.deleteWord()
            case .promptHistoryPrevious:
                let index = (recalled ?? trace.history.count) - 1
                guard trace.history.indices.contains(index) else { return [] }
                editor.replace(with: trace.history[index])
                recalled = index
            case .promptHistoryNext:
                guard let current = recalled else { return [] }
                if current + 1 < trace.history.count {
                    editor.replace(with: trace.history[current + 1])
                    recalled = current + 1
                } else {
                    editor.clear()
                    recalled = nil
                }
            default: return []
            }
        } else if !edit(&editor, with: key) {
            // Shift-Tab and the like leave the entry and do what they do in the view.
            mode = .normal
            return handleNormal(key)
        }
        mode = .traceEntry(editor, recalled: recalled)
        return []
    }

    /// Traces `text` (an address, or a prefix: an address inside it) from `traceSource`: inline
    /// when the hosts are small, as a job otherwise.
    mutating func startTrace(_ text: String) -> [Effect] {
        let text = Sanitizer.printable(text.trimmingSpaces)
        guard let destination = Self.traceDestination(text) else {
            message = StatusMessage("not an IP address: \(text) (type e.g. 10.21.69.212)", isError: true)
            mode = .traceEntry(LineEditor(text), recalled: nil)
            return []
        }
        trace.target = text
        trace.remember(text)
        trace.generation += 1
        let hosts: TraceJob.Hosts
        if let site {
            hosts = .site(site.site)
        } else if let cached = singleHostSite, cached.generation == snapshotsApplied {
            hosts = .site(cached.site)  // the lookup built by the last trace
        } else {
            hosts = .single(snapshot, configuration.hints)
        }
        let job = TraceJob(hosts: hosts, destination: destination, target: text, from: traceSource,
                           dataGeneration: traceDataGeneration)
        // Building a lookup, and the tracer's pass over the nodes' routes for the pod blocks,
        // take seconds over a million routes: off the loop beyond what fits in a frame.
        if job.routeCount <= configuration.inlineRouteLimit {
            finishTrace(job.run(), generation: trace.generation)
            return []
        }
        trace.pending = true
        return [.run(Job(generation: trace.generation, work: .trace(job)))]
    }

    static func traceDestination(_ text: String) -> IPAddress? {
        if let address = IPAddress(text) { return address }
        guard text.contains("/"), let prefix = try? IPPrefix.parse(text) else { return nil }
        return TraceTargets.address(in: prefix)
    }

    mutating func finishTrace(_ outcome: TraceOutcome, generation: Int) {
        guard generation == trace.generation else { return }
        trace.pending = false
        trace.outcome = outcome
        // The last hop is where the packet ends or stops: what the operator looks at first.
        trace.selectedHop = max(0, outcome.result.hops.count - 1)
        trace.scroll = 0
        if site == nil, outcome.dataGeneration == snapshotsApplied { singleHostSite = (outcome.dataGeneration, outcome.site) }
        keepSelectedHopVisible()
    }

    // MARK: Moving in the diagram

    /// The diagram's lines at the current size (the view draws the same ones).
    var traceLines: [TraceDiagram.Line] {
        guard let outcome = trace.outcome else { return [] }
        return TraceDiagram.lines(outcome, unread: site?.unread ?? [], glyphs: glyphs, width: TraceView.area(self).width)
    }

    /// Arrows move between hops (past the last one they scroll on to the findings); pages scroll.
    mutating func moveTrace(by delta: Int) {
        let hops = trace.outcome?.result.hops.count ?? 0
        let lines = traceLines
        let height = TraceView.area(self).height
        if abs(delta) == 1, hops > 0 {
            let line = lines.firstIndex { $0.hop == trace.selectedHop } ?? 0
            if delta > 0, trace.selectedHop < hops - 1 {
                trace.selectedHop += 1
                keepSelectedHopVisible()
            } else if delta > 0 {
                trace.scroll += 1
            } else if trace.scroll > line {
                trace.scroll -= 1  // scrolled past the selection: come back to it first
            } else if trace.selectedHop > 0 {
                trace.selectedHop -= 1
                keepSelectedHopVisible()
            }
            trace.scroll = min(max(0, trace.scroll), max(0, lines.count - height))
            return
        }
        trace.scroll = min(max(0, trace.scroll + delta), max(0, lines.count - height))
    }

    mutating func moveTrace(to row: Int) {
        let hops = trace.outcome?.result.hops.count ?? 0
        if row == 0 {
            trace.selectedHop = 0
            trace.scroll = 0
        } else {
            trace.selectedHop = max(0, hops - 1)
            trace.scroll = max(0, traceLines.count - TraceView.area(self).height)
        }
    }

    mutating func keepSelectedHopVisible() {
        let lines = traceLines
        guard let line = lines.firstIndex(where: { $0.hop == trace.selectedHop }) else { return }
        let height = max(1, TraceView.area(self).height)
        if line < trace.scroll { trace.scroll = line }
        if line >= trace.scroll + height { trace.scroll = line - height + 1 }
    }

    // MARK: Hop -> Routes

    /// Enter on a hop: its host in Routes, the route it used selected (a filter hiding it is cleared).
    mutating func openHopRoutes() -> [Effect] {
        guard let outcome = trace.outcome, outcome.result.hops.indices.contains(trace.selectedHop) else {
            message = StatusMessage("nothing traced yet: d types the destination")
            return []
        }
        let hop = outcome.result.hops[trace.selectedHop]
        var effects: [Effect] = []
        if site != nil, hop.host != currentHost {
            effects += switchHost(to: hop.host)
            guard currentHost == hop.host else { return effects }
        }
        guard let used = hop.route, let index = hop.lookup?.routeIndex else {
            show(.routes)
            message = StatusMessage("\(Sanitizer.printable(hop.host)) has no route for \(outcome.result.destination): nothing to select")
            return effects
        }
        var position: Int?
        if outcome.dataGeneration == traceDataGeneration, index < model.routeCount {
            position = index
        } else if model.routeCount <= configuration.inlineRouteLimit {
            let routes = snapshot.routes
            position = routes.indices.first { Self.sameRoute(routes[$0], used) }
        }
        guard let position else {
            show(.routes)
            message = StatusMessage("the routes changed since the trace and that route is gone: trace again", isError: true)
            return effects
        }
        let filter = routeFilter
        effects += focusRoute(position)
        var text = "\(Sanitizer.printable(hop.host)): the route the trace used"
        if let filter, routeFilter == nil { text += "; filter \(filter) cleared: it hid the route" }
        message = StatusMessage(text)
        return effects
    }

    /// The same route in another snapshot: destination, table, type, metric and TOS identify it.
    static func sameRoute(_ route: Route, _ other: Route) -> Bool {
        route.destination == other.destination && route.table == other.table && route.type == other.type
            && route.metric == other.metric && route.tos == other.tos
    }

    /// Shows Routes with the route at `position` selected, clearing a filter that hides it.
    mutating func focusRoute(_ position: Int) -> [Effect] {
        show(.routes)
        pendingRouteFocus = position
        var effects: [Effect] = []
        if let matcher = routeFilter?.matcher(), !matcher.matches(RouteTable.filterText(snapshot.routes[position], model: model)) {
            routeFilter = nil
            effects = requestRouteRows(resetSelection: false)
        }
        applyPendingRouteFocus()
        return effects
    }

    /// Selects (and centres) `pendingRouteFocus` once the rows on screen are final.
    mutating func applyPendingRouteFocus() {
        guard let position = pendingRouteFocus, !routeJobPending, !snapshotPending else { return }
        pendingRouteFocus = nil
        guard let row = routeRows.row(of: position) else { return }
        let height = Layout(state: self).tableRows
        routeCursor.selected = row
        routeCursor.top = max(0, row - height / 2)
        routeCursor.clamp(count: routeRows.count, height: height)
    }

    // MARK: Site hosts

    mutating func openPicker(_ purpose: HostPicker.Purpose) {
        guard let site else {
            message = StatusMessage("one host: podroute --site FILE opens a site's hosts")
            return
        }
        let current = purpose == .view ? currentHost : traceSource
        let selected = site.site.hosts.firstIndex { $0.name == current } ?? 0
        mode = .hostPicker(HostPicker(purpose: purpose, selected: selected))
    }

    mutating func handlePicker(_ key: Key, _ picker: inout HostPicker) -> [Effect] {
        let hosts = site?.site.hosts ?? []
        guard let binding = registry.resolve(key, context: .picker) else { return [] }
        switch binding.action {
        case .pickerChoose:
            mode = .normal
            guard hosts.indices.contains(picker.selected) else { return [] }
            let name = hosts[picker.selected].name
            switch picker.purpose {
            case .view:
                return switchHost(to: name)
            case .traceSource:
                trace.source = name
                guard let target = trace.target else {
                    openTraceEntry()
                    return []
                }
                return startTrace(target)
            }
        case .pickerClose:
            mode = .normal
            return []
        case .moveDown: picker.selected = min(picker.selected + 1, max(0, hosts.count - 1))
        case .moveUp: picker.selected = max(0, picker.selected - 1)
        default: break
        }
        mode = .hostPicker(picker)
        return []
    }

    /// Interfaces and Routes show `name`, a host of the site.
    mutating func switchHost(to name: String) -> [Effect] {
        guard let site else {
            message = StatusMessage("one host: podroute --site FILE opens a site's hosts")
            return []
        }
        guard let host = site.site.host(named: name) else {
            let unread = site.unread.first { $0.hasPrefix(name + ":") }
            let known = site.site.hosts.map(\.name).joined(separator: ", ")
            message = StatusMessage(unread.map { "not read: \($0)" } ?? "no host '\(name)' in the site (hosts: \(known))",
                                    isError: true)
            return []
        }
        guard name != currentHost else { return [] }
        currentHost = name
        rates = RateTracker()
        message = StatusMessage("host \(Sanitizer.printable(name))")
        return applySnapshot(host.snapshot)
    }

    /// `r`: read the site again (off the loop); the trace runs again when it arrives.
    mutating func reread() -> [Effect] {
        guard site != nil else { return [] }
        guard site?.reading == false else {
            message = StatusMessage("already reading the site")
            return []
        }
        site?.reading = true
        message = StatusMessage("reading \(site?.site.hosts.count ?? 0) hosts again\(glyphs.ellipsis)")
        return [.rereadSite]
    }

    mutating func siteRead(_ read: Site, unread: [String]) -> [Effect] {
        guard var context = site else { return [] }
        context.reading = false
        guard let shown = currentHost.flatMap({ read.host(named: $0) }) ?? read.hosts.first else {
            site = context
            message = StatusMessage("no host could be read: \(unread.joined(separator: "; "))", isError: true)
            return []
        }
        context.site = read
        context.unread = unread
        context.generation += 1
        site = context
        currentHost = shown.name
        singleHostSite = nil
        var effects = applySnapshot(shown.snapshot)
        if let target = trace.target, trace.outcome != nil || trace.pending { effects += startTrace(target) }
        let failed = unread.isEmpty ? "" : "; \(unread.count) not read (H lists them)"
        message = StatusMessage("read \(read.hosts.count) hosts again\(failed)", isError: !unread.isEmpty)
        return effects
    }
}
