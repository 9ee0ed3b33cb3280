import CNCurses
import PodRouteUI

/// Writes frames to the screen, touching only what changed since the previous frame: rows
/// that compare equal are skipped, and within a changed row only the runs of cells that differ
/// are written, one curses call per run of one style. Over a slow SSH link this is the
/// difference between a few bytes and a full repaint per tick.
struct FramePresenter {
    private var previous: CellBuffer?
    private var pairs: ColorPairs
    private let theme: Theme
    /// Cells written by the last `present` (tests and the idle-CPU benchmark read it).
    private(set) var cellsWritten = 0

    init(theme: Theme, color: Bool) {
        self.theme = theme
        pairs = ColorPairs(enabled: color)
    }

    /// Forgets the previous frame so the next one is written in full (after a resize or Ctrl-L).
    mutating func invalidate() { previous = nil }

    mutating func present(_ frame: CellBuffer, on window: UnsafeMutablePointer<WINDOW>) {
        cellsWritten = 0
        let full = previous?.size != frame.size
        if full { werase(window) }
        for y in frame.changedRows(since: full ? nil : previous) {
            writeRow(frame.rows[y], y: y, old: full ? nil : previous?.rows[y], on: window)
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    private mutating func writeRow(_ row: CellRow, y: Int, old: CellRow?, on window: UnsafeMutablePointer<WINDOW>) {
        let cells = row.cells
        var x = 0
        while x < cells.count {
            if let old, x < old.cells.count, old.cells[x] == cells[x] {
                x += 1
                continue
            }
            // A run of changed cells sharing one look.
            let style = theme.resolve(cells[x])
            var text: [wchar_t] = []
            let start = x
            while x < cells.count {
                let cell = cells[x]
                if let old, x < old.cells.count, old.cells[x] == cell, !cell.isContinuation { break }
                if theme.resolve(cell) != style, !cell.isContinuation { break }
                if !cell.isContinuation {
                    for scalar in cell.character.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
                }
                x += 1
            }
            guard !text.isEmpty else { continue }
            let count = Int32(text.count)
            text.append(0)
            let pair = pairs.pair(for: style)
            _ = text.withUnsafeBufferPointer { buffer in
                ccurses_put_run(window, Int32(y), Int32(start), buffer.baseAddress, count, style.cursesAttributes, pair)
            }
            cellsWritten += x - start
        }
    }
}
