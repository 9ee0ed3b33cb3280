/// A table column's sizing rules.
public struct ColumnSpec<ID: Hashable>: Sendable where ID: Sendable {
    public var id: ID
    public var title: String
    public var minWidth: Int
    public var preferredWidth: Int
    /// Lower is more important: columns are dropped from the highest number up when the
    /// screen is narrow, and widened from the lowest number up when there is room.
    public var priority: Int
    /// Takes whatever width is left at the end.
    public var flexible: Bool
    public var alignRight: Bool
    /// Dropped, when the screen is narrow, to let the flexible column reach its preferred width.
    public var yieldsToFlexible: Bool

    public init(_ id: ID, _ title: String, min: Int, preferred: Int? = nil, priority: Int, flexible: Bool = false,
                alignRight: Bool = false, yieldsToFlexible: Bool = false) {
        self.id = id
        self.title = title
        minWidth = Swift.max(min, title.count)
        preferredWidth = Swift.max(preferred ?? min, minWidth)
        self.priority = priority
        self.flexible = flexible
        self.alignRight = alignRight
        self.yieldsToFlexible = yieldsToFlexible
    }
}

/// A placed column: where it starts and how wide it is.
public struct PlacedColumn<ID: Hashable>: Sendable where ID: Sendable {
    public var spec: ColumnSpec<ID>
    public var x: Int
    public var width: Int
}

public enum ColumnLayout {
    /// One space between columns.
    public static let gap = 1

    /// Fits columns into `width` cells starting at `x`: drops the least important until the
    /// minimum widths fit, drops the columns that yield to the flexible one while it is short
    /// of its preferred width, widens the most important toward their preferred widths, then
    /// gives the rest to the flexible column. Columns keep their declared order.
    public static func place<ID>(_ specs: [ColumnSpec<ID>], x: Int, width: Int) -> [PlacedColumn<ID>] {
        var included = Array(specs.indices)
        func needed(_ set: [Int]) -> Int { set.reduce(0) { $0 + specs[$1].minWidth } + max(0, set.count - 1) * gap }
        while !included.isEmpty, needed(included) > width {
            let worst = included.max { specs[$0].priority < specs[$1].priority }!
            included.removeAll { $0 == worst }
        }
        var widths = grow(specs, included, width: width)
        // A flexible column short of its preferred width wins room from columns that yield to it.
        while let flexible = included.first(where: { specs[$0].flexible }), widths[flexible]! < specs[flexible].preferredWidth {
            let lessImportant = included.filter { specs[$0].yieldsToFlexible }
            guard let worst = lessImportant.max(by: { specs[$0].priority < specs[$1].priority }) else { break }
            included.removeAll { $0 == worst }
            widths = grow(specs, included, width: width)
        }
        var placed: [PlacedColumn<ID>] = []
        var column = x
        for index in included {
            placed.append(PlacedColumn(spec: specs[index], x: column, width: widths[index]!))
            column += widths[index]! + gap
        }
        return placed
    }

    /// Minimum widths, grown toward the preferred ones by priority; the rest to the flexible column.
    private static func grow<ID>(_ specs: [ColumnSpec<ID>], _ included: [Int], width: Int) -> [Int: Int] {
        var widths = Dictionary(uniqueKeysWithValues: included.map { ($0, specs[$0].minWidth) })
        var spare = width - (included.reduce(0) { $0 + specs[$1].minWidth } + max(0, included.count - 1) * gap)
        for index in included.sorted(by: { specs[$0].priority < specs[$1].priority }) where spare > 0 {
            let grow = min(spare, specs[index].preferredWidth - widths[index]!)
            if grow > 0 {
                widths[index]! += grow
                spare -= grow
            }
        }
        if spare > 0, let flexible = included.last(where: { specs[$0].flexible }) {
            widths[flexible]! += spare
        }
        return widths
    }
}
