import PodRouteCore

/// The Trace view (3): what is traced from where with the verdict on the first line, then the
/// path diagram (scrollable; the selected hop is highlighted, Enter opens its routes).
///
///     trace 10.21.69.212  from office (192.168.50.10)          UNREACHABLE at gw
///
///       office  src 192.168.50.10  ──eth0──▶ default via 192.168.50.1 dev eth0
///       │
///       gw      in eth0            ✗ no-route-on-gateway: no route for 10.21.69.212
enum TraceView {
    /// Where the diagram goes: the body under the view's own two header rows.
    static func area(_ state: AppState) -> Rect {
        let body = Layout(state: state).body
        return Rect(x: body.minX + 1, y: body.minY + 2, width: max(0, body.width - 2), height: max(0, body.height - 2))
    }

    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        let body = layout.body
        let area = area(state)
        drawHeading(&surface, state: state, x: body.minX + 1, y: body.minY, width: body.width - 2)
        guard let outcome = state.trace.outcome else {
            drawEmpty(&surface, state: state, area: area)
            return
        }
        let lines = TraceDiagram.lines(outcome, unread: state.site?.unread ?? [], glyphs: surface.glyphs, width: area.width)
        let scroll = min(state.trace.scroll, max(0, lines.count - area.height))
        if state.trace.pending {
            surface.put("tracing\(surface.glyphs.ellipsis)", x: area.minX, y: body.minY + 1, style: .warning)
        } else if outcome.dataGeneration != state.traceDataGeneration {
            surface.put(Surface.fit("the routes changed since this trace: d then Enter traces again", width: area.width,
                                    ellipsis: surface.glyphs.ellipsis), x: area.minX, y: body.minY + 1, style: .dim)
        }
        surface.clipped(to: area) { surface in
            for (offset, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
                let y = area.minY + offset
                var x = area.minX
                for run in line.runs { x = surface.put(run.text, x: x, y: y, style: run.style, attributes: run.attributes) }
                if let hop = line.hop, hop == state.trace.selectedHop {
                    surface.put(surface.glyphs.pointer, x: area.minX, y: y, style: .selection)
                    surface.highlight(Rect(x: area.minX, y: y, width: area.width, height: 1),
                                      attributes: state.mode == .normal ? .reverse : .underline, role: .selection)
                }
            }
        }
        if lines.count > area.height {
            // On the row under the heading, right-aligned: it never covers the diagram.
            let note = "\(scroll + 1)-\(min(lines.count, scroll + area.height)) of \(lines.count) lines"
            surface.put(note, x: area.maxX - TextWidth.width(of: note), y: body.minY + 1, style: .dim)
        }
    }

    /// `trace 10.21.69.212  from office (192.168.50.10)` and, right-aligned, the verdict.
    static func drawHeading(_ surface: inout Surface, state: AppState, x: Int, y: Int, width: Int) {
        let outcome = state.trace.outcome
        var verdict: (String, StyleRole, CellAttributes)?
        if let outcome {
            let line = TraceText(result: outcome.result, site: outcome.site).verdictLine
            let short = String(line.prefix { $0 != "(" }).trimmingSpaces
            switch outcome.result.verdict {
            case .reachable: verdict = (short, .ok, .bold)
            case .unreachable: verdict = (short, .danger, [.bold, .reverse])
            case .forwarded, .unknown: verdict = (short, .warning, .bold)
            }
        }
        let verdictText = verdict.map { " \($0.0) " } ?? ""
        let label = "verdict"
        let verdictWidth = TextWidth.width(of: verdictText) + (verdict == nil ? 0 : label.count)
        var left = x
        let target = state.trace.target ?? "(no destination yet)"
        left = surface.put("trace ", x: left, y: y, style: .label)
        let room = max(0, width - verdictWidth - 2)
        let from = state.traceSource
        let fromAddress = outcome.flatMap { $0.from == from ? $0.result.source : nil }.map { " (\($0))" } ?? ""
        let here = state.site == nil ? " (this host)" : ""
        let rest = "\(target)  from \(Sanitizer.printable(from))\(fromAddress)\(here)"
        surface.put(Surface.fit(rest, width: max(0, room - 6), ellipsis: surface.glyphs.ellipsis), x: left, y: y, style: .title)
        if let verdict, verdictWidth <= width {
            let start = surface.put(label, x: x + width - verdictWidth, y: y, style: .label)
            surface.put(verdictText, x: start, y: y, style: verdict.1, attributes: verdict.2)
        }
    }

    static func drawEmpty(_ surface: inout Surface, state: AppState, area: Rect) {
        var lines: [DetailLine] = []
        if state.trace.pending {
            lines.append(.warning("tracing \(state.trace.target ?? "")\(surface.glyphs.ellipsis)"))
        } else {
            lines.append(.paragraph("Type the destination below (an IP address, or a prefix: an address inside it) and press Enter: "
                + "the packet is followed host by host the way each kernel would route it, down to the pod or to what stops it, "
                + "then back, with a fix for every finding."))
            lines.append(.paragraph(""))
            if let site = state.site {
                let hosts = site.site.hosts.map(\.name).joined(separator: ", ")
                lines.append(.fields([DetailField("site", "\(site.fileName): \(hosts)")]))
                lines.append(.fields([DetailField("from", "\(state.traceSource)  (f picks another host)")]))
                for failure in site.unread { lines.append(.warning("not read: \(failure)")) }
            } else {
                lines.append(.fields([DetailField("from", "this host, \(Sanitizer.printable(state.snapshot.host))")]))
                lines.append(.paragraph("podroute --site FILE traces across the office, gateways and nodes."))
            }
            lines.append(.paragraph(""))
            lines.append(.paragraph("d types a destination; t in Interfaces or Routes traces the selected row."))
        }
        surface.clipped(to: area) { surface in
            for (offset, runs) in DetailPane.wrap(lines, width: area.width - 1).enumerated() {
                var x = area.minX + 1
                for run in runs { x = surface.put(run.text, x: x, y: area.minY + offset, style: run.style) }
            }
        }
    }
}

/// The host picker overlay: the site's hosts, how each was read, the hosts that were not.
enum HostPickerOverlay {
    static func draw(_ surface: inout Surface, state: AppState, picker: HostPicker, layout: Layout) {
        guard let site = state.site else { return }
        let hosts = site.site.hosts
        let width = min(layout.size.width - 4, 72)
        let height = min(layout.size.height - 4, hosts.count + site.unread.count + 2)
        let frame = Rect(x: (layout.size.width - width) / 2, y: 3, width: width, height: max(3, height))
        surface.fill(Rect(x: frame.minX - 1, y: frame.minY, width: frame.width + 2, height: frame.height))
        surface.box(frame)
        let title = picker.purpose == .view ? " show host: Enter, Esc closes " : " trace from: Enter, Esc closes "
        surface.put(Surface.fit(title, width: width - 4, ellipsis: surface.glyphs.ellipsis), x: frame.minX + 2, y: frame.minY,
                    style: .title)
        let inner = frame.inset(by: 1)
        let nameWidth = min(16, hosts.map { TextWidth.width(of: Sanitizer.printable($0.name)) }.max() ?? 4)
        let current = picker.purpose == .view ? state.currentHost : state.traceSource
        let top = max(0, picker.selected - inner.height + 1)
        surface.clipped(to: inner) { surface in
            var y = inner.minY
            for (index, host) in hosts.enumerated().dropFirst(top) {
                let mark = host.name == current ? surface.glyphs.bullet : " "
                let source = host.snapshot.source.description
                let text = "\(mark) " + TraceDiagram.pad(Sanitizer.printable(host.name), nameWidth, surface.glyphs)
                    + "  " + TraceDiagram.pad(host.role.rawValue, 11, surface.glyphs)
                    + " \(Format.count(host.snapshot.routes.count)) routes  \(Sanitizer.printable(source))"
                surface.put(text, x: inner.minX + 1, y: y, width: inner.width - 2)
                if index == picker.selected {
                    surface.put(surface.glyphs.pointer, x: inner.minX, y: y, style: .selection)
                    surface.highlight(Rect(x: inner.minX, y: y, width: inner.width, height: 1), attributes: .reverse, role: .selection)
                }
                y += 1
            }
            for failure in site.unread {
                surface.put("  not read: \(Sanitizer.printable(failure))", x: inner.minX + 1, y: y, width: inner.width - 2, style: .dim)
                y += 1
            }
        }
    }
}
