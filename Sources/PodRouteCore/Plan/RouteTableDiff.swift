/// The target's tables before and after a change as `ip route` lines, marked like a diff:
/// `-` removed, `+` added, ` ` unchanged; long unchanged runs are folded.
public struct RouteTableDiff: Sendable {
    public enum Mark: String, Sendable {
        case same = " ", removed = "-", added = "+"
    }

    public struct Line: Hashable, Sendable {
        public var mark: Mark
        public var text: String
    }

    public let lines: [Line]

    /// Compares the routes of `tables` of the given families (those the change touches).
    public init(before: NetworkSnapshot, after: NetworkSnapshot, tables: Set<RouteTableID>, families: Set<AddressFamily>) {
        func entries(_ snapshot: NetworkSnapshot) -> [(key: Route, text: String)] {
            let text = RouteText(snapshot: snapshot)
            return snapshot.routes.filter {
                tables.contains($0.table) && families.contains($0.family) && !$0.flags.contains(.cloned)
            }
                .sorted(by: Self.precedes).map { ($0, text.ipRouteLine($0)) }
        }
        let old = entries(before), new = entries(after)
        var remaining = Dictionary(new.map { ($0.text, 1) }, uniquingKeysWith: +)
        var merged: [(key: Route, line: Line)] = []
        for entry in old {
            if let count = remaining[entry.text], count > 0 {
                remaining[entry.text] = count - 1
                merged.append((entry.key, Line(mark: .same, text: entry.text)))
            } else {
                merged.append((entry.key, Line(mark: .removed, text: entry.text)))
            }
        }
        var unmatched = Dictionary(old.map { ($0.text, 1) }, uniquingKeysWith: +)
        for entry in new {
            if let count = unmatched[entry.text], count > 0 {
                unmatched[entry.text] = count - 1
                continue
            }
            // Added lines go where `ip route` would list them: after the last route they sort after.
            let position = merged.lastIndex { !Self.precedes(entry.key, $0.key) }.map { $0 + 1 } ?? 0
            var insertion = position
            while insertion < merged.count, merged[insertion].line.mark == .removed,
                  merged[insertion].key.destination == entry.key.destination { insertion += 1 }
            merged.insert((entry.key, Line(mark: .added, text: entry.text)), at: insertion)
        }
        lines = merged.map(\.line)
    }

    private static func precedes(_ a: Route, _ b: Route) -> Bool {
        if a.table != b.table { return a.table.rawValue < b.table.rawValue }
        if a.family != b.family { return a.family == .inet }
        if a.destination.isDefault != b.destination.isDefault { return a.destination.isDefault }
        if a.destination != b.destination { return a.destination < b.destination }
        return a.effectiveMetric < b.effectiveMetric
    }

    public var isEmpty: Bool { !lines.contains { $0.mark != .same } }

    /// The diff as text; unchanged runs longer than `2 * context + 1` are folded into one line.
    public func text(context: Int = 3) -> [String] {
        var output: [String] = []
        var position = 0
        while position < lines.count {
            guard lines[position].mark == .same else {
                output.append("\(lines[position].mark.rawValue) \(lines[position].text)")
                position += 1
                continue
            }
            var end = position
            while end < lines.count, lines[end].mark == .same { end += 1 }
            let run = lines[position..<end]
            let head = position == 0 ? 0 : context, tail = end == lines.count ? 0 : context
            if run.count > head + tail + 1 {
                for line in run.prefix(head) { output.append("  \(line.text)") }
                output.append("  ... \(run.count - head - tail) unchanged route\(run.count - head - tail == 1 ? "" : "s")")
                for line in run.suffix(tail) { output.append("  \(line.text)") }
            } else {
                for line in run { output.append("  \(line.text)") }
            }
            position = end
        }
        return output
    }
}
