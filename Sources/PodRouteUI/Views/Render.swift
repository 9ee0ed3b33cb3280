import PodRouteCore

/// What drawing a frame cost; tests use it to check that only visible rows are formatted.
public struct FrameStats: Hashable, Sendable {
    /// Table rows formatted (looked up, classified, turned into text).
    public var rowsFormatted = 0
}

/// Draws the whole screen for `state` at `size` (normally `state.size`).
public func render(_ state: AppState, size: Size) -> CellBuffer {
    renderFrame(state, size: size).buffer
}

/// Draws the whole screen for `state` at its own size.
public func render(_ state: AppState) -> CellBuffer {
    render(state, size: state.size)
}

/// `render` with what it cost.
public func renderFrame(_ state: AppState, size: Size) -> (buffer: CellBuffer, stats: FrameStats) {
    var state = state
    if state.size != size {
        state.size = size
        state.clampCursors()
    }
    var surface = Surface(size: size, glyphs: state.glyphs)
    var stats = FrameStats()
    let layout = Layout(state: state)
    if layout.isTooSmall {
        TooSmallView.draw(&surface, size: size)
        return (surface.buffer, stats)
    }
    Chrome.drawFrame(&surface, layout: layout)
    HeaderView.draw(&surface, state: state, layout: layout)
    TabsView.draw(&surface, state: state, layout: layout)
    switch state.view {
    case .interfaces:
        InterfacesView.draw(&surface, state: state, layout: layout, stats: &stats)
    case .routes:
        RoutesView.draw(&surface, state: state, layout: layout, stats: &stats)
    case .trace:
        TraceView.draw(&surface, state: state, layout: layout)
    case .plan where state.isSetupShown:
        SetupView.draw(&surface, state: state, layout: layout)
    case .plan:
        PlanView.draw(&surface, state: state, layout: layout)
    }
    ChangeBannerView.draw(&surface, state: state, layout: layout)
    BottomBar.draw(&surface, state: state, layout: layout)
    switch state.mode {
    case .help(let help): HelpOverlay.draw(&surface, state: state, help: help, layout: layout)
    case .hostPicker(let picker): HostPickerOverlay.draw(&surface, state: state, picker: picker, layout: layout)
    case .applyDialog(let dialog): ApplyDialogOverlay.draw(&surface, state: state, dialog: dialog, layout: layout)
    default: break
    }
    return (surface.buffer, stats)
}

enum TooSmallView {
    static func draw(_ surface: inout Surface, size: Size) {
        let minimum = Layout.minimum
        let lines = ["enlarge the window (needs \(minimum.width)x\(minimum.height))", "now \(size.width)x\(size.height)"]
        let top = max(0, (size.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let text = Surface.fit(line, width: size.width, ellipsis: surface.glyphs.ellipsis)
            let x = max(0, (size.width - TextWidth.width(of: text)) / 2)
            surface.put(text, x: x, y: top + offset, style: offset == 0 ? .warning : .dim)
        }
    }
}

/// The frame, the separator under the tabs and the one above the detail pane.
enum Chrome {
    static func drawFrame(_ surface: inout Surface, layout: Layout) {
        let bounds = Rect(size: layout.size)
        surface.box(bounds)
        surface.separator(bounds, y: 2)
    }

    /// `├─ title ──── note ─┤`.
    static func titledSeparator(_ surface: inout Surface, y: Int, width: Int, title: String, note: String? = nil,
                                titleStyle: StyleRole = .title) {
        let bounds = Rect(x: 0, y: 0, width: width, height: y + 1)
        surface.separator(bounds, y: y)
        var x = 2
        if !title.isEmpty {
            let room = max(0, width - 6)
            x = surface.put(" " + Surface.fit(title, width: room, ellipsis: surface.glyphs.ellipsis) + " ", x: 2, y: y,
                            style: titleStyle)
        }
        if let note, !note.isEmpty {
            let room = width - x - 4
            guard room > 8 else { return }
            let text = " " + Surface.fit(note, width: room - 2, ellipsis: surface.glyphs.ellipsis) + " "
            surface.put(text, x: width - 2 - TextWidth.width(of: text), y: y, style: .dim)
        }
    }
}

enum HeaderView {
    /// `┌ podroute ─ node-1 (10.20.1.22) ─ live ─ read-only ───── 14:02:31 ┐`
    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        let width = layout.size.width
        let y = layout.headerRow
        let separator = " " + String(surface.glyphs.horizontal) + " "
        let name = Sanitizer.printable(state.currentHost ?? state.snapshot.host)
        let host = state.model.nodeAddress.map { "\(name) (\($0))" } ?? name
        var segments: [(String, StyleRole)] = [("podroute", .header), (host, .header), (state.sourceDescription, .header)]
        segments.append((state.configuration.readOnly ? "read-only" : "WRITE", .badge))
        if state.paused { segments.append(("PAUSED", .badge)) }
        let clock = state.now.map { Format.clock($0, utcOffset: state.configuration.utcOffsetSeconds) } ?? ""
        let clockWidth = clock.isEmpty ? 0 : clock.count + 2
        var room = width - 4 - clockWidth - 1
        var x = 1
        x = surface.put(" ", x: x, y: y, style: .border)
        for (index, segment) in segments.enumerated() where room > 0 {
            if index > 0 {
                x = surface.put(separator, x: x, y: y, style: .border)
                room -= separator.count
            }
            // The host gives way first: badges and the source must stay readable.
            let fixed = segments[(index + 1)...].reduce(0) { $0 + TextWidth.width(of: $1.0) + separator.count }
            let allowed = index == 1 ? max(4, room - fixed) : room
            // A cut address would mislead: without room for it, the host name stands alone.
            let wanted = index == 1 && TextWidth.width(of: segment.0) > allowed ? name : segment.0
            let text = Surface.fit(wanted, width: min(room, allowed), ellipsis: surface.glyphs.ellipsis)
            x = surface.put(text, x: x, y: y, style: segment.1)
            room -= TextWidth.width(of: text)
        }
        surface.put(" ", x: x, y: y, style: .border)
        if !clock.isEmpty {
            surface.put(" " + clock + " ", x: width - 1 - clockWidth, y: y, style: .header)
        }
    }
}

enum TabsView {
    static let gap = 3

    /// `1 Interfaces 16`, `2 Routes 25`, `3 Trace`: the key, the title and the row count.
    static func label(_ view: ViewID, state: AppState) -> String {
        switch view {
        case .interfaces: "1 Interfaces \(Format.count(state.model.linkCount))"
        case .routes: "2 Routes \(Format.count(state.model.routeCount))"
        case .trace, .plan: "\(view.rawValue) \(view.title)"
        }
    }

    static func tabWidth(_ view: ViewID, state: AppState) -> Int { TextWidth.width(of: label(view, state: state)) }

    /// `│ 1 Interfaces 16   2 Routes 25   3 Trace   4 Plan        filter: none │`
    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        let y = layout.tabsRow
        var x = layout.content.minX + 1
        surface.clipped(to: Rect(x: layout.content.minX, y: y, width: layout.content.width, height: 1)) { surface in
            for view in ViewID.allCases {
                surface.put(label(view, state: state), x: x, y: y, style: view == state.view ? .tabActive : .tab)
                x += tabWidth(view, state: state) + gap
            }
        }
        let room = layout.content.maxX - 1 - (x - gap + 2)
        let status = statusSegments(state, room: room, ellipsis: surface.glyphs.ellipsis)
        let total = status.reduce(0) { $0 + TextWidth.width(of: $1.0) } + max(0, status.count - 1) * 3
        guard total <= room else { return }
        var right = layout.content.maxX - 1 - total
        for (index, segment) in status.enumerated() {
            if index > 0 { right += 3 }
            right = surface.put(segment.0, x: right, y: y, style: segment.1)
        }
    }

    /// The right side: the filter marker with the matched count, or `filter: none`, in `room`
    /// cells (the filter text is shortened to fit).
    static func statusSegments(_ state: AppState, room: Int, ellipsis: String) -> [(String, StyleRole)] {
        let filter: RowFilter?
        let matched: String
        var busy: String?
        switch state.view {
        case .interfaces:
            filter = state.interfaceFilter
            matched = "\(state.interfaceRows.matched) of \(state.interfaceRows.total)"
        case .routes:
            filter = state.routeFilter
            matched = state.routeJobPending ? "filtering\(ellipsis)"
                : "\(Format.count(state.routeRows.count)) of \(Format.count(state.model.routeCount))"
            if state.snapshotPending { busy = "loading\(ellipsis)" }
            else if state.routeJobPending, filter == nil { busy = "sorting\(ellipsis)" }
        case .trace, .plan:
            return state.site?.reading == true ? [("reading\(ellipsis)", .warning)] : []
        }
        if state.site?.reading == true { busy = "reading\(ellipsis)" }
        let segments: [(String, StyleRole)] = busy.map { [($0, .warning)] } ?? []
        guard let filter else { return segments + [("filter: none", .dim)] }
        let busyWidth = busy.map { TextWidth.width(of: $0) + 3 } ?? 0
        let input = Sanitizer.printable(filter.input)
        let kind = " (\(filter.inverted ? "not " : "")\(filter.kind.rawValue))"
        let compactCount = matched.replacing(" of ", with: "/")
        // Full, then the text shortened, then without the kind, then only that a filter is on.
        let tiers: [(suffix: String, minimum: Int)] = [(kind + "  " + matched, 6), (kind + "  " + compactCount, 6), ("  " + compactCount, 4)]
        for tier in tiers {
            let available = room - busyWidth - TextWidth.width(of: "filter: " + tier.suffix)
            guard available >= min(tier.minimum, TextWidth.width(of: input)) else { continue }
            let shown = Surface.fit(input, width: available, ellipsis: ellipsis)
            return segments + [("filter: " + shown + tier.suffix, .filterMarker)]
        }
        return segments + [("filter on  " + compactCount, .filterMarker)]
    }
}

/// The always-visible last line: key hints (or the open prompt) and the status message.
public enum BottomBar {
    /// The hints that fit in `width` cells, most important first, written `key label` with two
    /// spaces between entries.
    public static func fitting(_ hints: [KeyBinding], width: Int) -> [KeyBinding] {
        var used = 0
        var kept: [KeyBinding] = []
        for hint in hints {
            let cost = TextWidth.width(of: hint.hintKey) + 1 + TextWidth.width(of: hint.label) + (kept.isEmpty ? 0 : 2)
            if used + cost > width { break }
            used += cost
            kept.append(hint)
        }
        return kept
    }

    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        let y = layout.hintRow
        let width = layout.size.width
        let left = 2
        let right = width - 2  // one past the last usable column
        switch state.mode {
        case .filterPrompt(let editor, _):
            drawPrompt(&surface, prefix: "/", editor: editor, options: [], state: state, y: y, from: left, to: right)
            return
        case .commandPrompt(let editor, let options):
            drawPrompt(&surface, prefix: ":", editor: editor, options: options, state: state, y: y, from: left, to: right)
            return
        case .traceEntry(let editor, _):
            drawPrompt(&surface, prefix: "trace to ", editor: editor, options: [], state: state, y: y, from: left, to: right)
            return
        case .hostPicker:
            drawHints(&surface, state.registry.hints(for: .picker), message: state.message, y: y, from: left, to: right)
        case .help:
            drawHints(&surface, state.registry.hints(for: .help), message: state.message, y: y, from: left, to: right)
        case .applyDialog:
            drawHints(&surface, state.registry.hints(for: .dialog), message: state.message, y: y, from: left, to: right)
        case .normal where state.isSetupShown:
            drawHints(&surface, state.setupHints, message: state.message, y: y, from: left, to: right)
        case .normal:
            drawHints(&surface, state.registry.hints(for: state.view), message: state.message, y: y, from: left, to: right)
        }
    }

    static func drawHints(_ surface: inout Surface, _ hints: [KeyBinding], message: StatusMessage?, y: Int,
                          from left: Int, to right: Int) {
        var room = right - left - 2
        var messageText = ""
        if let message {
            // The message takes what the first two hints (help, quit) leave.
            let essential = fitting(Array(hints.prefix(2)), width: room).reduce(0) {
                $0 + TextWidth.width(of: $1.hintKey) + TextWidth.width(of: $1.label) + 3
            }
            messageText = Surface.fit(message.text, width: max(0, room - essential - 2), ellipsis: surface.glyphs.ellipsis)
            room -= TextWidth.width(of: messageText) + 2
            let x = right - TextWidth.width(of: messageText) - 1
            surface.put(" ", x: x - 1, y: y, style: .border)
            surface.put(messageText, x: x, y: y, style: message.isError ? .error : .message)
            surface.put(" ", x: x + TextWidth.width(of: messageText), y: y, style: .border)
        }
        var x = left - 1
        x = surface.put(" ", x: x, y: y, style: .hint)
        for (index, hint) in fitting(hints, width: room).enumerated() {
            if index > 0 { x = surface.put("  ", x: x, y: y, style: .hint) }
            x = surface.put(hint.hintKey, x: x, y: y, style: .key)
            x = surface.put(" " + hint.label, x: x, y: y, style: .hint)
        }
        surface.put(" ", x: x, y: y, style: .hint)
    }

    static func drawPrompt(_ surface: inout Surface, prefix: String, editor: LineEditor, options: [String],
                           state: AppState, y: Int, from left: Int, to right: Int) {
        let hints = fitting(state.registry.hints(for: .prompt).filter { prefix == ":" || $0.action != .promptComplete },
                            width: max(0, (right - left) / 2))
        let hintWidth = hints.enumerated().reduce(0) {
            $0 + TextWidth.width(of: $1.element.hintKey) + 1 + TextWidth.width(of: $1.element.label) + ($1.offset > 0 ? 2 : 0)
        }
        let fieldEnd = right - hintWidth - 3
        surface.fill(Rect(x: left - 1, y: y, width: right - left + 2, height: 1), style: .hint)
        surface.fill(Rect(x: left - 1, y: y, width: fieldEnd - left + 2, height: 1), style: .input)
        var x = surface.put(prefix, x: left, y: y, style: .key)
        // Keep the cursor visible in a long line: show the end of the text.
        let text = editor.text
        let beforeCursor = String(text.prefix(editor.cursor))
        let available = fieldEnd - x - 1
        var shown = text
        var cursorX = x + TextWidth.width(of: beforeCursor)
        if TextWidth.width(of: text) > available {
            let dropped = max(0, TextWidth.width(of: beforeCursor) - available + 1)
            shown = String(text.dropFirst(dropped))
            cursorX -= dropped
        }
        x = surface.put(Surface.fit(Sanitizer.printable(shown), width: available, ellipsis: ""), x: x, y: y, style: .input)
        surface.setCursor(Point(x: min(cursorX, fieldEnd - 1), y: y))
        if !options.isEmpty, x + 3 < fieldEnd {
            surface.put(Surface.fit(options.joined(separator: "  "), width: fieldEnd - x - 3, ellipsis: surface.glyphs.ellipsis),
                        x: x + 2, y: y, style: .dim)
        }
        if let message = state.message, message.isError, x + 3 < fieldEnd, options.isEmpty {
            surface.put(Surface.fit(message.text, width: fieldEnd - x - 3, ellipsis: surface.glyphs.ellipsis),
                        x: x + 2, y: y, style: .error)
        }
        var hx = fieldEnd + 2
        for (index, hint) in hints.enumerated() {
            if index > 0 { hx = surface.put("  ", x: hx, y: y, style: .hint) }
            hx = surface.put(hint.hintKey, x: hx, y: y, style: .key)
            hx = surface.put(" " + hint.label, x: hx, y: y, style: .hint)
        }
    }
}
