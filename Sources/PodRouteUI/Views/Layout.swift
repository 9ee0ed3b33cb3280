/// Where everything goes on a screen of a given size; the reducer uses the same numbers for
/// paging, so PgDn moves exactly one screen of rows.
///
///     row 0        ┌ header ─────────────── clock ┐
///     row 1        │ tabs            filter  count │
///     row 2        ├───────────────────────────────┤
///     row 3        │ column headers                │   (table views)
///     rows 4…      │ table rows                    │
///     detailTitle  ├─ selected item ───────────────┤
///     detail rows  │ detail pane                   │
///     last row     └ hint bar ─────────────────────┘
public struct Layout: Sendable {
    /// Below this the screen only says `enlarge the window (needs 60x15)`.
    public static let minimum = Size(width: 60, height: 15)

    public let size: Size
    public let isTooSmall: Bool
    /// Inside the frame's left and right borders.
    public let content: Rect
    public let headerRow: Int
    public let tabsRow: Int
    public let columnHeaderRow: Int
    public let table: Rect
    public let detailTitleRow: Int
    public let detail: Rect
    public let hintRow: Int
    /// Trace and Plan: everything between the tabs separator and the hint bar.
    public let body: Rect

    public init(size: Size, detailFocused: Bool) {
        self.size = size
        isTooSmall = !Layout.minimum.fits(in: size)
        let width = size.width
        let height = size.height
        content = Rect(x: 1, y: 0, width: max(0, width - 2), height: height)
        headerRow = 0
        tabsRow = 1
        columnHeaderRow = 3
        hintRow = max(0, height - 1)
        // Six rows are frame and headings; the rest is split between the table and the detail pane.
        let available = max(0, height - 6)
        let detailRows = detailFocused ? max(2, available * 3 / 5) : min(6, max(2, height / 5))
        let tableRows = max(1, available - detailRows)
        table = Rect(x: 1, y: 4, width: max(0, width - 2), height: tableRows)
        detailTitleRow = 4 + tableRows
        detail = Rect(x: 1, y: detailTitleRow + 1, width: max(0, width - 2), height: max(0, hintRow - detailTitleRow - 1))
        body = Rect(x: 1, y: 3, width: max(0, width - 2), height: max(0, height - 4))
    }

    public init(state: AppState) {
        self.init(size: state.size, detailFocused: state.focus == .detail)
    }

    public var tableRows: Int { table.height }
}
