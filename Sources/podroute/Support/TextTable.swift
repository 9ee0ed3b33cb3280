/// Aligned text columns in the spirit of `ip -br`: widths come from a first pass over the
/// rows, so a million rows stream without being held as strings.
struct TextTable {
    let headers: [String]
    private(set) var widths: [Int]

    init(headers: [String]) {
        self.headers = headers
        widths = headers.map(\.count)
    }

    mutating func measure(_ cells: [String]) {
        for (column, cell) in cells.enumerated() where column < widths.count {
            widths[column] = max(widths[column], cell.count)
        }
    }

    func format(_ cells: [String]) -> String {
        var line = ""
        for (column, cell) in cells.enumerated() {
            if column > 0 { line += "  " }
            line += cell
            if column < cells.count - 1, column < widths.count {
                line += String(repeating: " ", count: max(0, widths[column] - cell.count))
            }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    var headerLine: String { format(headers) }
}
