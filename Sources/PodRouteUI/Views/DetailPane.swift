/// `key value` in a detail line.
public struct DetailField: Hashable, Sendable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A line of the detail pane before wrapping: prose, or `key value` fields.
public enum DetailLine: Hashable, Sendable {
    case paragraph(String)
    /// Fields written `key value`, separated by two spaces, wrapped between fields.
    case fields([DetailField])
    /// A line that stands out: a discarding route, a device without carrier.
    case warning(String)

    /// The line as plain text.
    public var text: String {
        switch self {
        case .paragraph(let text), .warning(let text): text
        case .fields(let fields): fields.map { $0.key.isEmpty ? $0.value : "\($0.key) \($0.value)" }.joined(separator: "  ")
        }
    }
}

/// A styled run of a wrapped detail line.
struct StyledRun {
    var text: String
    var style: StyleRole
    var attributes: CellAttributes = []
}

enum DetailPane {
    /// Wraps the lines to `width`: each result line is a list of styled runs.
    static func wrap(_ lines: [DetailLine], width: Int) -> [[StyledRun]] {
        var result: [[StyledRun]] = []
        for line in lines {
            switch line {
            case .paragraph(let text):
                result += Format.wrap(text, width: width).map { [StyledRun(text: $0, style: .normal)] }
            case .warning(let text):
                result += Format.wrap(text, width: width).map { [StyledRun(text: $0, style: .warning)] }
            case .fields(let fields):
                var current: [StyledRun] = []
                var used = 0
                for field in fields {
                    let key = field.key, value = field.value
                    let cost = (key.isEmpty ? 0 : TextWidth.width(of: key) + 1) + TextWidth.width(of: value)
                    if used > 0, used + 2 + cost > width {
                        result.append(current)
                        current = []
                        used = 0
                    }
                    if used > 0 {
                        current.append(StyledRun(text: "  ", style: .normal))
                        used += 2
                    }
                    if !key.isEmpty { current.append(StyledRun(text: key + " ", style: .label)) }
                    current.append(StyledRun(text: value, style: .normal))
                    used += cost
                }
                if !current.isEmpty { result.append(current) }
            }
        }
        return result
    }

    /// Draws the pane: a titled separator, then the wrapped lines from `scroll`.
    static func draw(_ surface: inout Surface, state: AppState, layout: Layout, title: String, position: String,
                     lines: [DetailLine]) {
        let width = layout.detail.width - 2
        let wrapped = wrap(lines, width: width)
        let maxScroll = max(0, wrapped.count - layout.detail.height)
        let scroll = state.focus == .detail ? min(state.detailScroll, maxScroll) : 0
        var note = position
        if state.focus == .detail {
            note = "\(scroll + 1)-\(min(wrapped.count, scroll + layout.detail.height)) of \(wrapped.count) lines  Esc back"
        } else if maxScroll > 0 {
            note += "  Enter: all \(wrapped.count) lines"
        }
        Chrome.titledSeparator(&surface, y: layout.detailTitleRow, width: layout.size.width, title: title, note: note)
        surface.clipped(to: layout.detail) { surface in
            for (offset, runs) in wrapped.dropFirst(scroll).prefix(layout.detail.height).enumerated() {
                var x = layout.detail.minX + 1
                for run in runs { x = surface.put(run.text, x: x, y: layout.detail.minY + offset, style: run.style) }
            }
        }
    }
}
