import PodRouteCore

/// Shared drawing of a table: column headers with the sort marker, the selection bar.
enum TableDrawing {
    /// The gutter before the first column: the selection pointer and a space.
    static let gutter = 2

    static func drawHeaders<ID>(_ surface: inout Surface, columns: [PlacedColumn<ID>], sorted: ID?, descending: Bool, y: Int) {
        for column in columns {
            var title = column.spec.title
            let isSorted = column.spec.id == sorted
            if isSorted { title += descending ? surface.glyphs.sortDescending : surface.glyphs.sortAscending }
            surface.put(title, x: column.x, y: y, width: column.width, style: isSorted ? .columnHeaderSorted : .columnHeader,
                        align: column.spec.alignRight ? .right : .left)
        }
    }

    static func drawSelection(_ surface: inout Surface, layout: Layout, y: Int, focused: Bool) {
        surface.put(surface.glyphs.pointer, x: layout.table.minX, y: y, style: .selection)
        surface.highlight(Rect(x: layout.table.minX, y: y, width: layout.table.width, height: 1),
                          attributes: focused ? .reverse : .underline, role: .selection)
    }
}

enum InterfacesView {
    static func columns(width: Int, x: Int) -> [PlacedColumn<InterfaceColumn>] {
        ColumnLayout.place([
            ColumnSpec(.name, "NAME", min: 17, priority: 0),
            ColumnSpec(.role, "ROLE", min: 11, preferred: 16, priority: 1, flexible: true),
            ColumnSpec(.state, "STATE", min: 10, priority: 2),
            ColumnSpec(.mtu, "MTU", min: 5, priority: 5, alignRight: true),
            ColumnSpec(.addresses, "ADDRESSES", min: 14, preferred: 18, priority: 3),
            ColumnSpec(.peer, "PEER", min: 8, preferred: 14, priority: 7, yieldsToFlexible: true),
            ColumnSpec(.rx, "RX/s", min: 7, preferred: 8, priority: 4, alignRight: true),
            ColumnSpec(.tx, "TX/s", min: 7, preferred: 8, priority: 4, alignRight: true),
            ColumnSpec(.errors, "ERR/DROP", min: 8, priority: 6, alignRight: true),
        ], x: x, width: width)
    }

    static func draw(_ surface: inout Surface, state: AppState, layout: Layout, stats: inout FrameStats) {
        let x = layout.table.minX + TableDrawing.gutter
        let columns = columns(width: layout.table.maxX - 1 - x, x: x)
        TableDrawing.drawHeaders(&surface, columns: columns, sorted: state.interfaceSort.column == .rank ? nil : state.interfaceSort.column,
                                 descending: state.interfaceSort.descending, y: layout.columnHeaderRow)
        let rows = state.interfaceRows.rows
        let cursor = state.interfaceCursor
        for offset in 0..<layout.table.height {
            let row = cursor.top + offset
            guard row < rows.count else { break }
            let y = layout.table.minY + offset
            stats.rowsFormatted += 1
            switch rows[row] {
            case .link(let index, let inGroup):
                guard let link = state.snapshot.link(index) else { continue }
                drawLink(&surface, link, inGroup: inGroup, columns: columns, state: state, y: y)
            case .workloadGroup(let shown, let total, let collapsed):
                let glyph = collapsed ? surface.glyphs.collapsed : surface.glyphs.expanded
                let count = shown == total ? "\(total)" : "\(shown) of \(total)"
                let nameWidth = (columns.first?.width ?? 17) + ColumnLayout.gap + (columns.dropFirst().first?.width ?? 0)
                surface.put("\(glyph) workloads (\(count))\(collapsed ? "  c unfolds" : "")", x: x, y: y, width: nameWidth,
                            style: .title)
            }
            if row == cursor.selected { TableDrawing.drawSelection(&surface, layout: layout, y: y, focused: state.focus == .table) }
        }
        if rows.isEmpty {
            let text = state.interfaceFilter != nil ? "no link matches the filter (Esc clears it)" : "no links"
            surface.put(text, x: x, y: layout.table.minY, style: .dim)
        }
        drawDetail(&surface, state: state, layout: layout)
    }

    static func drawLink(_ surface: inout Surface, _ link: Link, inGroup: Bool, columns: [PlacedColumn<InterfaceColumn>],
                         state: AppState, y: Int) {
        let cells = InterfaceTable.cells(link, model: state.model, rates: state.rates)
        for column in columns {
            var text = cells[column.spec.id] ?? ""
            var style = StyleRole.normal
            switch column.spec.id {
            case .name:
                if inGroup { text = "  " + text }
            case .state:
                switch text {
                case "UP": style = .ok
                case "DOWN", "NO-CARRIER", "LOWERLAYERDOWN", "NOTPRESENT": style = .danger
                default: break
                }
            case .rx, .tx:
                if text == "-" { style = .dim }
            case .errors:
                if text != "-", text != "0/0" { style = .warning }
                if text == "-" { style = .dim }
            case .role:
                if state.model.classifier.pod(of: link.index) == nil, state.model.role(of: link).isWorkload { style = .dim }
            default:
                break
            }
            surface.put(text, x: column.x, y: y, width: column.width, style: style,
                        align: column.spec.alignRight ? .right : .left)
        }
    }

    static func drawDetail(_ surface: inout Surface, state: AppState, layout: Layout) {
        let rows = state.interfaceRows.rows
        let position = rows.isEmpty ? "" : "\(state.interfaceCursor.selected + 1)/\(rows.count)"
        if let link = state.selectedLink {
            DetailPane.draw(&surface, state: state, layout: layout, title: state.model.linkText.name(link), position: position,
                            lines: LinkExplainer.lines(link, model: state.model, rates: state.rates, isLive: state.isLive))
        } else if rows.indices.contains(state.interfaceCursor.selected),
                  case .workloadGroup(_, let total, let collapsed) = rows[state.interfaceCursor.selected] {
            let pods = state.snapshot.links.filter { state.model.classifier.pod(of: $0.index) != nil }.count
            let fold = state.interfaceFilter != nil ? "The filter shows the matching ones; Esc clears it."
                : collapsed ? "Folded: c or Enter unfolds them." : "c or Enter folds them."
            DetailPane.draw(&surface, state: state, layout: layout, title: "workloads", position: position, lines: [
                .paragraph("\(total) pod veths on this node; \(pods) with a known pod. " + fold),
            ])
        } else {
            DetailPane.draw(&surface, state: state, layout: layout, title: "", position: position, lines: [])
        }
    }
}

enum RoutesView {
    static func columns(width: Int, x: Int) -> [PlacedColumn<RouteColumn>] {
        ColumnLayout.place([
            ColumnSpec(.destination, "DST", min: 18, priority: 0),
            ColumnSpec(.via, "VIA", min: 15, priority: 1),
            ColumnSpec(.device, "DEV", min: 15, priority: 2),
            ColumnSpec(.proto, "PROTO", min: 6, priority: 4),
            ColumnSpec(.scope, "SCOPE", min: 6, priority: 7, yieldsToFlexible: true),
            ColumnSpec(.metric, "METRIC", min: 6, priority: 6, alignRight: true, yieldsToFlexible: true),
            ColumnSpec(.table, "TABLE", min: 5, priority: 5, yieldsToFlexible: true),
            ColumnSpec(.role, "ROLE", min: 20, preferred: 36, priority: 3, flexible: true),
        ], x: x, width: width)
    }

    static func draw(_ surface: inout Surface, state: AppState, layout: Layout, stats: inout FrameStats) {
        let x = layout.table.minX + TableDrawing.gutter
        let columns = columns(width: layout.table.maxX - 1 - x, x: x)
        let sort = state.routeSort
        TableDrawing.drawHeaders(&surface, columns: columns, sorted: sort.column == .order ? nil : sort.column,
                                 descending: sort.descending, y: layout.columnHeaderRow)
        let rows = state.routeRows
        let cursor = state.routeCursor
        let routes = state.snapshot.routes
        for offset in 0..<layout.table.height {
            let row = cursor.top + offset
            guard row < rows.count else { break }
            let position = rows[row]
            guard position < routes.count else { continue }
            let route = routes[position]
            stats.rowsFormatted += 1
            let y = layout.table.minY + offset
            let cells = RouteTable.cells(route, model: state.model)
            let rowStyle: StyleRole = route.type.discards ? .danger : (route.table == .local ? .dim : .normal)
            for column in columns {
                var style = rowStyle
                if column.spec.id == .device, rowStyle == .normal, route.flags.contains(.linkdown) { style = .warning }
                surface.put(cells[column.spec.id], x: column.x, y: y, width: column.width, style: style,
                            align: column.spec.alignRight ? .right : .left)
            }
            if row == cursor.selected { TableDrawing.drawSelection(&surface, layout: layout, y: y, focused: state.focus == .table) }
        }
        if rows.count == 0 {
            let text = state.routeFilter != nil ? (state.routeJobPending ? "filtering\(surface.glyphs.ellipsis)" : "no route matches the filter (Esc clears it)") : "no routes"
            surface.put(text, x: x, y: layout.table.minY, style: .dim)
        }
        let position = rows.count == 0 ? "" : "\(Format.count(cursor.selected + 1))/\(Format.count(rows.count))"
        if let route = state.selectedRoute {
            var lines = RouteExplainer.lines(route, model: state.model)
            if !route.destination.isDefault, route.table != .local {
                let what = route.destination.isHost ? RouteText.prefix(route.destination) : "an address in \(route.destination)"
                lines.insert(.fields([DetailField("t", "trace \(what)")]), at: 1)
            }
            DetailPane.draw(&surface, state: state, layout: layout, title: state.model.routeText.destination(route),
                            position: position, lines: lines)
        } else {
            DetailPane.draw(&surface, state: state, layout: layout, title: "", position: position, lines: [])
        }
    }
}

/// The `?` overlay: every binding of the registry and every command; Enter runs the line.
enum HelpOverlay {
    static func draw(_ surface: inout Surface, state: AppState, help: HelpState, layout: Layout) {
        let lines = HelpContent.lines(registry: state.registry, view: help.view)
        let width = min(layout.size.width - 4, 84)
        let height = layout.size.height - 4
        let frame = Rect(x: (layout.size.width - width) / 2, y: 2, width: width, height: height)
        surface.fill(Rect(x: frame.minX - 1, y: frame.minY, width: frame.width + 2, height: frame.height))
        surface.box(frame)
        surface.put(" help: Enter runs the line, Esc closes ", x: frame.minX + 2, y: frame.minY, style: .title)
        let inner = frame.inset(by: 1)
        let visible = inner.height
        var top = min(help.top, max(0, lines.count - visible))
        if help.selected < top { top = help.selected }
        if help.selected >= top + visible { top = help.selected - visible + 1 }
        let keyWidth = 13
        let labelWidth = 14
        surface.clipped(to: inner) { surface in
            for (offset, line) in lines.dropFirst(top).prefix(visible).enumerated() {
                let y = inner.minY + offset
                let x = inner.minX + 1
                let textWidth = inner.width - 2
                switch line {
                case .section(let title):
                    surface.put(title, x: x, y: y, style: .title, attributes: .underline)
                case .binding(let binding):
                    surface.put(binding.keysDescription, x: x + 1, y: y, width: keyWidth, style: .key)
                    surface.put(binding.label, x: x + 2 + keyWidth, y: y, width: labelWidth)
                    surface.put(binding.help, x: x + 3 + keyWidth + labelWidth, y: y,
                                width: max(0, textWidth - keyWidth - labelWidth - 3), style: .dim)
                case .command(let command):
                    let usage = ":" + command.name + (command.argument.map { " " + $0 } ?? "")
                    surface.put(usage, x: x + 1, y: y, width: keyWidth + labelWidth + 1, style: .key)
                    let aliases = command.aliases.isEmpty ? "" : " (also :\(command.aliases.joined(separator: ", :")))"
                    surface.put(command.help + aliases, x: x + 3 + keyWidth + labelWidth, y: y,
                                width: max(0, textWidth - keyWidth - labelWidth - 3), style: .dim)
                case .text(let text):
                    surface.put(text, x: x + 1, y: y, width: textWidth - 1, style: .dim)
                }
                if top + offset == help.selected {
                    surface.put(surface.glyphs.pointer, x: inner.minX, y: y, style: .selection)
                    surface.highlight(Rect(x: inner.minX, y: y, width: inner.width, height: 1), attributes: .reverse, role: .selection)
                }
            }
        }
        if lines.count > visible {
            surface.put(" \(help.selected + 1)/\(lines.count) ", x: frame.maxX - 12, y: frame.maxY - 1, style: .dim)
        }
    }
}
