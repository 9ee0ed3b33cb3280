/// One terminal cell: a grapheme, the cells it takes, its role and extra attributes.
///
/// A wide character occupies two cells: the first holds it with `width == 2`, the second is a
/// continuation (`width == 0`) that presenters skip.
public struct Cell: Hashable, Sendable {
    public var character: Character
    /// 1 or 2 for a character's first cell; 0 for the continuation of a wide character.
    public var width: UInt8
    public var style: StyleRole
    public var attributes: CellAttributes

    public init(_ character: Character = " ", width: UInt8 = 1, style: StyleRole = .normal,
                attributes: CellAttributes = []) {
        self.character = character
        self.width = width
        self.style = style
        self.attributes = attributes
    }

    public static let blank = Cell()

    public var isContinuation: Bool { width == 0 }
}

/// A position on the screen.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// One row of cells. Rows compare by value, so a presenter diffs frames row by row first and
/// looks at cells only in the rows that changed.
public struct CellRow: Hashable, Sendable {
    public var cells: [Cell]

    public init(width: Int) { cells = Array(repeating: .blank, count: width) }

    /// The row's text: wide characters once, continuations skipped.
    public var text: String {
        var text = ""
        for cell in cells where !cell.isContinuation { text.append(cell.character) }
        return text
    }
}

/// A whole frame, independent of any terminal: views draw into it, the curses presenter
/// writes the cells that differ from the previous frame, tests compare it with golden text.
public struct CellBuffer: Hashable, Sendable {
    public let size: Size
    public private(set) var rows: [CellRow]
    /// Where the terminal cursor should be shown (the prompt's insertion point), or nil to hide it.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        rows = Array(repeating: CellRow(width: size.width), count: size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { rows[y].cells[x] }
        set { rows[y].cells[x] = newValue }
    }

    /// The rows that differ from `previous` (all of them when the sizes differ).
    public func changedRows(since previous: CellBuffer?) -> [Int] {
        guard let previous, previous.size == size else { return Array(0..<size.height) }
        return (0..<size.height).filter { rows[$0] != previous.rows[$0] }
    }

    /// The frame as text, one line per row; trailing blanks trimmed unless asked otherwise.
    public func text(trimmingTrailingSpaces: Bool = true) -> String {
        rows.map { row in
            let text = row.text
            guard trimmingTrailingSpaces else { return text }
            var end = text.endIndex
            while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
            return String(text[..<end])
        }.joined(separator: "\n")
    }

    /// A compact map of how every cell looks under `theme`: one letter per cell (per
    /// distinct resolved style, `.` for plain), then a legend. Golden screens keep it next to
    /// the text, so a style regression shows in review.
    public func styleMap(theme: Theme) -> String {
        var letters: [CellStyle: Character] = [.plain: "."]
        var order: [CellStyle] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var lines: [String] = []
        for row in rows {
            var line = ""
            for cell in row.cells {
                // Blank cells show their background only; reverse and underline are visible on blanks.
                var style = theme.resolve(cell)
                if cell.character == " " || cell.isContinuation {
                    style.foreground = nil
                    style.attributes.subtract([.bold, .dim])
                }
                if cell.isContinuation, let previous = line.last { line.append(previous); continue }
                if let letter = letters[style] {
                    line.append(letter)
                } else {
                    let letter = order.count < alphabet.count ? alphabet[order.count] : "?"
                    letters[style] = letter
                    order.append(style)
                    line.append(letter)
                }
            }
            while line.last == "." { line.removeLast() }
            lines.append(line)
        }
        let legend = order.map { "\(letters[$0]!) = \($0)" }
        return (["theme \(theme.name):"] + legend + ["---"] + lines).joined(separator: "\n")
    }
}
