import PodRouteCore

/// Where the Plan view puts its parts inside the body.
///
///     settings (2 rows)   target, format, next hops / strategy and why
///     list                the candidates, [x] ticked
///     ├─ preview: gw (linux) ─┤
///     preview             issues, route diff, paths that change, commands
struct PlanLayout {
    let settings: Rect
    let list: Rect
    let previewTitleRow: Int
    let preview: Rect

    init(state: AppState) {
        let body = Layout(state: state).body
        settings = Rect(x: body.minX, y: body.minY, width: body.width, height: 2)
        let room = max(2, body.height - 2)
        let wanted = max(1, state.plan.candidates.count)
        let listRows = max(1, min(wanted, room * 2 / 5))
        list = Rect(x: body.minX, y: body.minY + 2, width: body.width, height: listRows)
        previewTitleRow = list.maxY
        preview = Rect(x: body.minX, y: previewTitleRow + 1, width: body.width,
                       height: max(0, body.maxY - previewTitleRow - 1))
    }
}

enum PlanView {
    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        let parts = PlanLayout(state: state)
        let plan = state.plan
        let host = Sanitizer.printable(state.currentHost ?? state.snapshot.host)
        let vias = plan.effectiveVias.map(\.description).joined(separator: ", ")
        let viaText = !plan.vias.isEmpty ? vias
            : plan.strategy == .perNode ? "each block's own node (:via IP sets one)"
            : vias.isEmpty ? "none known (:via IP)" : "\(vias) (the ticked blocks' nodes; :via IP)"
        let device = plan.viaDevice.map { "   via-dev \(Sanitizer.printable($0))" } ?? ""
        let first = state.site == nil ? "target \(host)   format \(plan.format.rawValue)   via \(viaText)\(device)"
            : ChainPreviewText.header(state, via: viaText + device)
        surface.put(first, x: parts.settings.minX + 1, y: parts.settings.minY, width: parts.settings.width - 2)
        surface.put("strategy " + plan.strategyWhy, x: parts.settings.minX + 1, y: parts.settings.minY + 1,
                    width: parts.settings.width - 2, style: .dim)
        drawList(&surface, state: state, rect: parts.list)
        let lines = PlanPreviewText.wrapped(state, width: parts.preview.width - 2)
        let more = lines.count > parts.preview.height ? "PgDn/PgUp scroll · " : ""
        let note = plan.pending ? "computing\(surface.glyphs.ellipsis)"
            : more + (state.configuration.readOnly ? "read-only: y copies" : "a applies")
        let title = state.site == nil ? "preview: \(host) (\(plan.format.rawValue))" : ChainPreviewText.title(state)
        Chrome.titledSeparator(&surface, y: parts.previewTitleRow, width: layout.size.width, title: title, note: note)
        surface.clipped(to: parts.preview) { surface in
            for (offset, line) in lines.dropFirst(plan.previewScroll).prefix(parts.preview.height).enumerated() {
                surface.put(line.text, x: parts.preview.minX + 1, y: parts.preview.minY + offset, style: line.style)
            }
        }
    }

    static func drawList(_ surface: inout Surface, state: AppState, rect: Rect) {
        let plan = state.plan
        if plan.candidatesPending, plan.candidates.isEmpty {
            surface.put("reading the candidates\(surface.glyphs.ellipsis)", x: rect.minX + 1, y: rect.minY, width: rect.width - 2,
                        style: .dim)
            return
        }
        guard !plan.candidates.isEmpty else {
            surface.put("no candidates found on this host: type one with :cidr CIDR (and :via IP)", x: rect.minX + 1,
                        y: rect.minY, width: rect.width - 2, style: .dim)
            return
        }
        let cidrWidth = min(20, plan.candidates.map { TextWidth.width(of: $0.cidr.description) }.max() ?? 10)
        var cursor = plan.cursor
        cursor.clamp(count: plan.candidates.count, height: rect.height)
        for row in 0..<rect.height {
            let index = cursor.top + row
            guard plan.candidates.indices.contains(index) else { break }
            let candidate = plan.candidates[index]
            let tick = plan.selected.contains(candidate.cidr) ? "[x]" : "[ ]"
            let node = [candidate.node, candidate.nodeIP?.description].compactMap { $0 }.joined(separator: " ")
            let text = "\(tick) " + TraceDiagram.pad(candidate.cidr.description, cidrWidth, surface.glyphs)
                + "  " + TraceDiagram.pad(candidate.kind.rawValue, 12, surface.glyphs)
                + " " + TraceDiagram.pad(Sanitizer.printable(node), 22, surface.glyphs)
                + " " + Sanitizer.printable(candidate.source)
            let y = rect.minY + row
            surface.put(text, x: rect.minX + 1, y: y, width: rect.width - 2)
            if index == cursor.selected {
                surface.put(surface.glyphs.pointer, x: rect.minX, y: y, style: .selection)
                surface.highlight(Rect(x: rect.minX, y: y, width: rect.width, height: 1), attributes: .reverse, role: .selection)
            }
        }
    }
}

/// The preview's lines: checks (labelled, so they read without colour), the table diff, the
/// paths that change and the commands.
enum PlanPreviewText {
    struct Line: Hashable {
        var text: String
        var style: StyleRole
    }

    static func lines(_ state: AppState) -> [Line] {
        let plan = state.plan
        if plan.pending { return [Line(text: "computing the draft…", style: .dim)] }
        if let chain = plan.chain { return ChainPreviewText.lines(chain, state: state) }
        guard let preview = plan.preview else {
            return [Line(text: "Tick candidates with Space (or :cidr CIDR): the checks, the routes before -> after, "
                         + "the paths that change and the exact commands appear here.", style: .dim)]
        }
        return lines(preview)
    }

    /// One host's checks, route diff, paths that change and commands.
    static func lines(_ preview: PlanPreview) -> [Line] {
        var lines = issueLines(preview.draft.issues)
        let draft = preview.draft
        if draft.hasErrors {
            lines.append(Line(text: "not planned: fix the errors above (nothing can be applied or copied)", style: .error))
            return lines
        }
        if draft.operations.isEmpty {
            lines.append(Line(text: "nothing to change: \(Sanitizer.printable(draft.target.host)) already routes these", style: .ok))
            return lines
        }
        lines.append(Line(text: "routes before -> after:", style: .title))
        for text in draft.diff.text(context: 1) {
            let style: StyleRole = text.hasPrefix("+") ? .ok : text.hasPrefix("-") ? .danger : .dim
            lines.append(Line(text: "  " + Sanitizer.printable(text), style: style))
        }
        lines.append(Line(text: "paths that change:", style: .title))
        for change in draft.impact.changes {
            lines.append(Line(text: "  \(change.probe.address) (\(Sanitizer.printable(change.probe.label))): "
                              + "\(change.before) -> \(change.after)", style: .normal))
        }
        if draft.impact.changes.isEmpty { lines.append(Line(text: "  none", style: .dim)) }
        let unchanged = draft.impact.unchanged.count
        if unchanged > 0 {
            lines.append(Line(text: "  (\(unchanged) other destination\(unchanged == 1 ? "" : "s") keep their path)", style: .dim))
        }
        lines.append(Line(text: "commands (\(preview.format.rawValue)):", style: .title))
        if let commands = preview.commands {
            lines += commands.apply.map { Line(text: "  " + Sanitizer.printable($0), style: .normal) }
            lines.append(Line(text: "rollback:", style: .title))
            lines += commands.rollback.map { Line(text: "  " + Sanitizer.printable($0), style: .dim) }
        } else {
            lines.append(Line(text: "  " + Sanitizer.printable(preview.commandError ?? "none"), style: .error))
        }
        return lines
    }

    /// The lines wrapped to `width` (nothing of a command or a check is cut off); continuation
    /// lines are indented two more than the line they continue.
    static func wrapped(_ state: AppState, width: Int) -> [Line] {
        wrap(lines(state), width: width)
    }

    static func wrap(_ lines: [Line], width: Int) -> [Line] {
        guard width > 8 else { return lines }
        return lines.flatMap { line -> [Line] in
            let indent = line.text.prefix { $0 == " " }.count
            let body = String(line.text.dropFirst(indent))
            guard TextWidth.width(of: line.text) > width else { return [line] }
            let first = String(repeating: " ", count: indent)
            let rest = String(repeating: " ", count: min(indent + 2, width / 2))
            var pieces = Format.wrap(body, width: width - rest.count)
            if pieces.isEmpty { pieces = [body] }
            return pieces.enumerated().map { Line(text: ($0.offset == 0 ? first : rest) + $0.element, style: line.style) }
        }
    }

    /// `[ERROR]`, `[REFUSED]` (typing force overrides it), `[warning]`: words, not only colours.
    static func issueLines(_ issues: [PlanIssue]) -> [Line] {
        issues.map { issue in
            switch issue.severity {
            case .error: Line(text: "[ERROR] " + Sanitizer.printable(issue.message), style: .error)
            case .refusal: Line(text: "[REFUSED unless forced] " + Sanitizer.printable(issue.message), style: .danger)
            case .warning: Line(text: "[warning] " + Sanitizer.printable(issue.message), style: .warning)
            }
        }
    }
}

/// The apply dialog: the exact changes again, the confirm window, `force` for risky plans,
/// Cancel highlighted by default.
enum ApplyDialogOverlay {
    static func draw(_ surface: inout Surface, state: AppState, dialog: ApplyDialog, layout: Layout) {
        let draft = dialog.preview.draft
        var lines: [PlanPreviewText.Line] = []
        lines.append(.init(text: "Apply \(draft.operations.count) change\(draft.operations.count == 1 ? "" : "s") to "
                           + "\(dialog.targetDescription)?", style: .title))
        for line in draft.diff.lines where line.mark != .same {
            lines.append(.init(text: "  \(line.mark.rawValue) " + Sanitizer.printable(line.text),
                               style: line.mark == .added ? .ok : .danger))
        }
        lines.append(.init(text: "It reverts by itself in \(dialog.confirmWithin) s unless you keep it (Enter on the banner),",
                           style: .normal))
        lines.append(.init(text: "even if this session dies; the journal records every step.", style: .normal))
        if let order = dialog.order { lines += ChainPreviewText.dialogLines(order, host: dialog.targetName) }
        if dialog.needsForce {
            lines += PlanPreviewText.issueLines(draft.refusals)
            lines.append(.init(text: "Risky: type force to allow Apply: [\(dialog.typed.text)\(dialog.forceTyped ? "" : "_")]",
                               style: dialog.forceTyped ? .ok : .warning))
        }
        let width = min(layout.size.width - 4, 96)
        lines = PlanPreviewText.wrap(lines, width: width - 4)
        let height = min(layout.size.height - 4, lines.count + 4)
        let frame = Rect(x: (layout.size.width - width) / 2, y: max(3, (layout.size.height - height) / 2), width: width,
                         height: height)
        surface.fill(Rect(x: frame.minX - 1, y: frame.minY, width: frame.width + 2, height: frame.height))
        surface.box(frame)
        surface.put(" apply: Enter chooses, Tab switches, Esc cancels ", x: frame.minX + 2, y: frame.minY, style: .title)
        let inner = frame.inset(by: 1)
        // The buttons keep the last row; the changes give way first on a small screen.
        let room = max(0, inner.height - 2)
        let shown = lines.count <= room ? lines : Array(lines.prefix(max(0, room - 1)))
            + [.init(text: "… \(lines.count - room + 1) more lines (see the preview)", style: .dim)]
        for (offset, line) in shown.enumerated() {
            surface.put(line.text, x: inner.minX + 1, y: inner.minY + offset, width: inner.width - 2, style: line.style)
        }
        let y = inner.maxY - 1
        let cancel = dialog.choice == .cancel ? "> Cancel <" : "  Cancel  "
        let apply = dialog.choice == .apply ? "> Apply <" : "  Apply  "
        let applyStyle: StyleRole = dialog.canApply ? .danger : .dim
        var x = inner.minX + max(1, (inner.width - 24) / 2)
        x = surface.put("[" + cancel + "]", x: x, y: y, style: .normal, attributes: dialog.choice == .cancel ? .reverse : [])
        x = surface.put("   ", x: x, y: y)
        surface.put("[" + apply + "]", x: x, y: y, style: applyStyle, attributes: dialog.choice == .apply ? .reverse : [])
    }
}

/// The countdown over every view while a change from this session is pending (then its outcome).
enum ChangeBannerView {
    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        guard let text = state.changeBanner else { return }
        let y = 2
        let width = layout.size.width - 2
        let style: StyleRole = state.change?.isPending == true ? .warning : (state.change?.state == "confirmed" ? .ok : .danger)
        surface.put(" " + text, x: 1, y: y, width: width, style: style, attributes: .reverse)
    }
}
