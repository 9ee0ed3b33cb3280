/// How probe figures read everywhere podroute prints them: loss as mtr writes it (one decimal,
/// `0.0%`), round-trip times as ping writes them (milliseconds, three decimals).
enum ProbeFigures {
    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Milliseconds with three decimals, `-` for a silent hop.
    static func milliseconds(_ duration: Duration?) -> String {
        guard let duration else { return "-" }
        let micros = Int((duration.milliseconds * 1000).rounded())
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
