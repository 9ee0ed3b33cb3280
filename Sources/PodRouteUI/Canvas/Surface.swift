/// Where views draw: a cell buffer, a clip rectangle and the glyph set. Nothing drawn leaves
/// the clip rectangle, no wide character is split at its edge, and no control character
/// reaches a cell (text from the kernel is sanitised before it gets here; this is the second
/// line of defence).
public struct Surface: Sendable {
    public private(set) var buffer: CellBuffer
    public var clip: Rect
    public let glyphs: Glyphs

    public init(size: Size, glyphs: Glyphs) {
        buffer = CellBuffer(size: size)
        clip = Rect(size: size)
        self.glyphs = glyphs
    }

    public var size: Size { buffer.size }

    public enum Alignment: Sendable {
        case left, right, center
    }

    /// Runs `body` with drawing clipped to `rect` (within the current clip), then restores it.
    public mutating func clipped(to rect: Rect, _ body: (inout Surface) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }

    public mutating func setCursor(_ point: Point?) { buffer.cursor = point }

    // MARK: Text

    /// Draws `text` from (x, y) rightwards until the clip edge; returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: StyleRole = .normal,
                             attributes: CellAttributes = []) -> Int {
        guard y >= clip.minY, y < clip.maxY else { return x + TextWidth.width(of: glyphs.adapt(text)) }
        var column = x
        for character in glyphs.adapt(text) {
            var character = character
            var width = TextWidth.width(of: character)
            if Self.isUnsafe(character) {
                character = "?"
                width = 1
            }
            if width == 0 { continue }  // a lone combining mark has no base to sit on
            if column >= clip.maxX { return column + width }
            if column >= clip.minX {
                if column + width > clip.maxX {
                    // A wide character that would straddle the edge: pad instead of splitting it.
                    setCell(x: column, y: y, Cell(" ", style: style, attributes: attributes))
                } else {
                    setCell(x: column, y: y, Cell(character, width: UInt8(width), style: style, attributes: attributes))
                }
            } else if column + width > clip.minX {
                setCell(x: clip.minX, y: y, Cell(" ", style: style, attributes: attributes))  // right half of a clipped wide char
            }
            column += width
        }
        return column
    }

    /// Draws `text` in exactly `width` cells: padded, or truncated with an ellipsis.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, width: Int, style: StyleRole = .normal,
                             attributes: CellAttributes = [], align: Alignment = .left) -> Int {
        guard width > 0 else { return x }
        let fitted = Self.fit(glyphs.adapt(text), width: width, ellipsis: glyphs.ellipsis)
        let used = TextWidth.width(of: fitted)
        let gap = width - used
        let left = align == .left ? 0 : align == .right ? gap : gap / 2
        let padding = attributes.intersection([.reverse, .underline])
        if left > 0 { put(String(repeating: " ", count: left), x: x, y: y, style: style, attributes: padding) }
        put(fitted, x: x + left, y: y, style: style, attributes: attributes)
        if gap - left > 0 {
            put(String(repeating: " ", count: gap - left), x: x + left + used, y: y, style: style, attributes: padding)
        }
        return x + width
    }

    /// `text` cut to `width` cells with `ellipsis` at the end when it is longer (never a
    /// split wide character; the result may be one cell short then).
    public static func fit(_ text: String, width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if TextWidth.width(of: text) <= width { return text }
        let mark = TextWidth.width(of: ellipsis) <= width ? ellipsis : ""
        let kept = TextWidth.prefix(of: text, fitting: width - TextWidth.width(of: mark)).text
        return String(kept) + mark
    }

    // MARK: Shapes

    public mutating func fill(_ rect: Rect, _ character: Character = " ", style: StyleRole = .normal,
                              attributes: CellAttributes = []) {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        let cell = Cell(character, style: style, attributes: attributes)
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX { setCell(x: x, y: y, cell) }
        }
    }

    /// Adds attributes to every cell of `rect` (the selection bar: reverse over the row's own roles).
    public mutating func highlight(_ rect: Rect, attributes: CellAttributes, role: StyleRole? = nil) {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX {
                var cell = buffer[x, y]
                cell.attributes.formUnion(attributes)
                if let role, cell.style == .normal { cell.style = role }
                buffer[x, y] = cell
            }
        }
    }

    public mutating func horizontalLine(x: Int, y: Int, width: Int, style: StyleRole = .border) {
        fill(Rect(x: x, y: y, width: width, height: 1), glyphs.horizontal, style: style)
    }

    public mutating func verticalLine(x: Int, y: Int, height: Int, style: StyleRole = .border) {
        fill(Rect(x: x, y: y, width: 1, height: height), glyphs.vertical, style: style)
    }

    /// A frame around `rect` (its outermost cells).
    public mutating func box(_ rect: Rect, style: StyleRole = .border) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        horizontalLine(x: rect.minX + 1, y: rect.minY, width: rect.width - 2, style: style)
        horizontalLine(x: rect.minX + 1, y: rect.maxY - 1, width: rect.width - 2, style: style)
        verticalLine(x: rect.minX, y: rect.minY + 1, height: rect.height - 2, style: style)
        verticalLine(x: rect.maxX - 1, y: rect.minY + 1, height: rect.height - 2, style: style)
        put(String(glyphs.topLeft), x: rect.minX, y: rect.minY, style: style)
        put(String(glyphs.topRight), x: rect.maxX - 1, y: rect.minY, style: style)
        put(String(glyphs.bottomLeft), x: rect.minX, y: rect.maxY - 1, style: style)
        put(String(glyphs.bottomRight), x: rect.maxX - 1, y: rect.maxY - 1, style: style)
    }

    /// A horizontal separator across a frame: `├────┤`.
    public mutating func separator(_ rect: Rect, y: Int, style: StyleRole = .border) {
        horizontalLine(x: rect.minX + 1, y: y, width: rect.width - 2, style: style)
        put(String(glyphs.teeRight), x: rect.minX, y: y, style: style)
        put(String(glyphs.teeLeft), x: rect.maxX - 1, y: y, style: style)
    }

    // MARK: Cells

    /// Writes one cell, repairing any wide character it half-overwrites.
    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard clip.contains(x: x, y: y) else { return }
        let old = buffer[x, y]
        if old.isContinuation, x > 0 { buffer[x - 1, y] = Cell(" ", style: buffer[x - 1, y].style) }
        if old.width == 2, cell.width != 2, x + 1 < size.width { buffer[x + 1, y] = Cell(" ", style: old.style) }
        buffer[x, y] = cell
        if cell.width == 2, x + 1 < size.width {
            let next = buffer[x + 1, y]
            if next.width == 2, x + 2 < size.width { buffer[x + 2, y] = Cell(" ", style: next.style) }
            buffer[x + 1, y] = Cell(" ", width: 0, style: cell.style, attributes: cell.attributes)
        }
    }

    /// Characters that must never reach a terminal: C0/C1 controls, DEL, bidi and other format controls.
    static func isUnsafe(_ character: Character) -> Bool {
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7f...0x9f).contains(value) { return true }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                // ZWJ and variation selectors inside emoji are harmless; the rest is not.
                if value == 0x200d || (0xfe00...0xfe0f).contains(value) { continue }
                return true
            default: continue
            }
        }
        return false
    }
}
