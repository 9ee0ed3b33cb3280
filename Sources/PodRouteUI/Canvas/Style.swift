/// What a cell means, not how it looks: views pick roles, a `Theme` maps them to colours and
/// attributes once (style rule 7).
public enum StyleRole: UInt8, Hashable, Sendable, CaseIterable {
    case normal
    case border
    /// The header line: program, host, source, mode, clock.
    case header
    /// A header badge that must stand out: `read-only`, `PAUSED`, `WRITE`.
    case badge
    case tab
    case tabActive
    case columnHeader
    /// The column the table is sorted by.
    case columnHeaderSorted
    case selection
    case dim
    case ok
    case warning
    case danger
    /// A key name in the hint bar or help (`?`, `Enter`).
    case key
    /// The words after a key in the hint bar.
    case hint
    case filterMarker
    /// Titles inside panes (the detail pane's heading, the help overlay's title).
    case title
    /// The `key=` part of a detail line.
    case label
    case message
    case error
    /// The line editor of the filter and command prompts.
    case input
}

/// Attributes a view may add on top of its role (the theme's own attributes are merged in).
public struct CellAttributes: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Self(rawValue: 1)
    public static let underline = Self(rawValue: 2)
    public static let reverse = Self(rawValue: 4)
    public static let dim = Self(rawValue: 8)

    /// `b`, `u`, `r`, `d` for each attribute set, in that order.
    public var letters: String {
        var text = ""
        if contains(.bold) { text += "b" }
        if contains(.underline) { text += "u" }
        if contains(.reverse) { text += "r" }
        if contains(.dim) { text += "d" }
        return text
    }
}

/// The 16 ANSI colours; `nil` in a `CellStyle` means the terminal's default.
public enum ANSIColor: UInt8, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    public var name: String {
        ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
         "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
         "bright-cyan", "bright-white"][Int(rawValue)]
    }
}

/// How a cell looks on the terminal: colours (nil = default) and attributes.
public struct CellStyle: Hashable, Sendable, CustomStringConvertible {
    public var foreground: ANSIColor?
    public var background: ANSIColor?
    public var attributes: CellAttributes

    public init(foreground: ANSIColor? = nil, background: ANSIColor? = nil, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()

    /// `fg=red bg=default bold`, for legends.
    public var description: String {
        var words: [String] = []
        if let foreground { words.append("fg=\(foreground.name)") }
        if let background { words.append("bg=\(background.name)") }
        if attributes.contains(.bold) { words.append("bold") }
        if attributes.contains(.underline) { words.append("underline") }
        if attributes.contains(.reverse) { words.append("reverse") }
        if attributes.contains(.dim) { words.append("dim") }
        return words.isEmpty ? "plain" : words.joined(separator: " ")
    }
}

/// Maps roles to looks. Built once at start-up; the curses module turns its distinct
/// (foreground, background) pairs into colour pairs once.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [StyleRole: CellStyle]

    public init(name: String, styles: [StyleRole: CellStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: StyleRole) -> CellStyle { styles[role] ?? .plain }

    /// The look of a cell: its role's style with the cell's own attributes added.
    public func resolve(_ cell: Cell) -> CellStyle {
        var style = style(for: cell.style)
        style.attributes.formUnion(cell.attributes)
        return style
    }

    /// Whether the theme uses colour at all (false for the monochrome theme).
    public var usesColor: Bool { styles.values.contains { $0.foreground != nil || $0.background != nil } }

    /// The 16 ANSI colours on the terminal's default background (k9s/derailed lessons: no
    /// 256-colour assumptions, no painted background over SSH and tmux).
    public static let color = Theme(name: "color", styles: [
        .border: CellStyle(foreground: .cyan),
        .header: CellStyle(foreground: .cyan, attributes: .bold),
        .badge: CellStyle(foreground: .yellow, attributes: .bold),
        .tab: CellStyle(),
        .tabActive: CellStyle(foreground: .black, background: .cyan, attributes: .bold),
        .columnHeader: CellStyle(attributes: [.bold, .underline]),
        .columnHeaderSorted: CellStyle(foreground: .cyan, attributes: [.bold, .underline]),
        .selection: CellStyle(attributes: .reverse),
        .dim: CellStyle(foreground: .brightBlack),
        .ok: CellStyle(foreground: .green),
        .warning: CellStyle(foreground: .yellow, attributes: .bold),
        .danger: CellStyle(foreground: .red, attributes: .bold),
        .key: CellStyle(foreground: .cyan, attributes: .bold),
        .hint: CellStyle(),
        .filterMarker: CellStyle(foreground: .yellow, attributes: .bold),
        .title: CellStyle(attributes: .bold),
        .label: CellStyle(foreground: .cyan),
        .message: CellStyle(foreground: .green),
        .error: CellStyle(foreground: .red, attributes: .bold),
        .input: CellStyle(attributes: .bold),
    ])

    /// For NO_COLOR, `--no-color`, TERM=dumb and colourless terminals: attributes only. State
    /// is never carried by colour alone anyway (the views write `DOWN`, `blackhole`, `[!]`);
    /// here emphasis comes from bold, underline and reverse, never from grey shades.
    public static let monochrome = Theme(name: "monochrome", styles: [
        .header: CellStyle(attributes: .bold),
        .badge: CellStyle(attributes: [.bold, .reverse]),
        .tabActive: CellStyle(attributes: [.bold, .reverse]),
        .columnHeader: CellStyle(attributes: .underline),
        .columnHeaderSorted: CellStyle(attributes: [.bold, .underline]),
        .selection: CellStyle(attributes: .reverse),
        .warning: CellStyle(attributes: .bold),
        .danger: CellStyle(attributes: .bold),
        .key: CellStyle(attributes: .bold),
        .filterMarker: CellStyle(attributes: [.bold, .reverse]),
        .title: CellStyle(attributes: .bold),
        .error: CellStyle(attributes: [.bold, .reverse]),
        .input: CellStyle(attributes: .bold),
    ])
}
