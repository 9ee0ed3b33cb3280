import FoundationEssentials

/// Small formatting helpers without locale or calendar machinery.
public enum Format {
    /// `14:02:31` for a date shifted by `utcOffset` seconds.
    public static func clock(_ date: Date, utcOffset: Int) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return two(day / 3600) + ":" + two(day / 60 % 60) + ":" + two(day % 60)
    }

    /// `4m12s`, `2h03m`, `45s`.
    public static func duration(_ interval: Double) -> String {
        let total = Int(interval.rounded(.down))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(two(total % 60))s" }
        return "\(total / 3600)h\(two(total / 60 % 60))m"
    }

    /// `1 s`, `0.5 s`.
    public static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// `1,000,000`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// `12 pkt/s`, `1.2k pkt/s`.
    public static func packets(_ value: Double) -> String {
        if value < 1000 { return "\(Int(value.rounded())) pkt/s" }
        let scaled = (value / 100).rounded() / 10
        return scaled >= 100 ? "\(Int(scaled))k pkt/s" : "\(scaled)k pkt/s"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Splits `text` into lines of at most `width` cells at spaces (long words are cut).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            var wordWidth = TextWidth.width(of: word)
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            while wordWidth > width {
                let (head, headWidth) = TextWidth.prefix(of: word, fitting: width - lineWidth - (lineWidth > 0 ? 1 : 0))
                if head.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                    continue
                }
                line += (lineWidth > 0 ? " " : "") + head
                lines.append(line)
                line = ""
                lineWidth = 0
                word = String(word[head.endIndex...])
                wordWidth -= headWidth
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
