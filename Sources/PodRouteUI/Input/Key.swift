/// A key press, decoded by the terminal module. Nothing here needs an F-key.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (`q`, `/`, `G`, `1`).
    case char(Character)
    /// Ctrl plus a letter, lower case (`.ctrl("c")` is Ctrl-C).
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// A mouse event; only delivered when the mouse is enabled (`--mouse`).
    case mouse(MouseEvent)

    /// How the hint bar and help name the key: `q`, `^C`, `Enter`, `PgDn`, `Shift-Tab`.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let character): String(character)
        case .ctrl(let character): "^" + String(character).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .mouse: "mouse"
        }
    }
}

/// A mouse event in screen coordinates.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
