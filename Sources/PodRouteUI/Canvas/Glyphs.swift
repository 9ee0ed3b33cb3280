/// The symbols the views draw with, chosen once at start-up: box drawing and arrows for a
/// UTF-8 terminal, plain ASCII when the locale is not UTF-8, with `--ascii` or
/// NCURSES_NO_UTF8_ACS (PuTTY and friends show `lqqk` otherwise).
public struct Glyphs: Hashable, Sendable {
    public var isUnicode: Bool
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// `├` and `┤`: where a separator meets the frame.
    public var teeRight: Character
    public var teeLeft: Character
    public var expanded: String
    public var collapsed: String
    public var arrow: String
    public var pointer: String
    public var check: String
    public var cross: String
    public var bullet: String
    public var ellipsis: String
    public var sortAscending: String
    public var sortDescending: String

    public static let unicode = Glyphs(
        isUnicode: true, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", teeRight: "├", teeLeft: "┤", expanded: "▾", collapsed: "▸", arrow: "→", pointer: "▶",
        check: "✓", cross: "✗", bullet: "●", ellipsis: "…", sortAscending: "▲", sortDescending: "▼")

    public static let ascii = Glyphs(
        isUnicode: false, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", teeRight: "+", teeLeft: "+", expanded: "v", collapsed: ">", arrow: "->", pointer: ">",
        check: "*", cross: "x", bullet: "*", ellipsis: "~", sortAscending: "^", sortDescending: "v")

    /// Text made drawable with this set. With ASCII glyphs every scalar outside ASCII is
    /// replaced: the symbols the views and Core's presentation use by their ASCII spelling,
    /// anything else (a pod name in another script) by `?`, since a non-UTF-8 terminal cannot
    /// show it and would print bytes in its place.
    public func adapt(_ text: String) -> String {
        guard !isUnicode, !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII { result.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "→", "⟶": result += "->"
            case "←": result += "<-"
            case "↑": result += "Up"
            case "↓": result += "Down"
            case "…": result += "~"
            case "─", "━": result += "-"
            case "│": result += "|"
            case "▾", "▼": result += "v"
            case "▸", "▶", "►": result += ">"
            case "▲": result += "^"
            case "✓": result += "*"
            case "✗", "×": result += "x"
            case "●", "•", "·": result += "*"
            case "≥": result += ">="
            case "≤": result += "<="
            default:
                // Combining marks vanish with their base replaced; everything else is one `?`.
                if TextWidth.width(of: scalar) > 0 { result += "?" }
            }
        }
        return result
    }
}
