/// The counters `ip -s [-s] link` prints under a link: a header line naming the columns
/// (`RX:  bytes packets errors dropped  missed   mcast`, `TX errors: aborted fifo window ...`)
/// followed by a line of numbers.
struct LinkStatsLines {
    private var direction: Substring?
    private var columns: [Substring] = []

    /// True for a header; remembers its columns for the number line after it.
    mutating func readHeader(_ words: [Substring]) -> Bool {
        guard let first = words.first, ["RX:", "TX:", "RX", "TX"].contains(first) else { return false }
        direction = first.hasPrefix("RX") ? "RX" : "TX"
        columns = words.dropFirst().filter { $0 != "errors:" }
        return true
    }

    /// Applies a number line to the header before it; false when there is none or it does not fit.
    mutating func readValues(_ words: [Substring], into stats: inout LinkStats) -> Bool {
        guard let direction, !words.isEmpty, words.allSatisfy(TextNumber.isDecimal) else { return false }
        for (column, word) in zip(columns, words) {
            guard let value = UInt64(word) else { continue }
            Self.set(direction == "RX", String(column), value, in: &stats)
        }
        self.direction = nil
        return true
    }

    private static func set(_ receive: Bool, _ column: String, _ value: UInt64, in stats: inout LinkStats) {
        switch (receive, column) {
        case (true, "bytes"): stats.rxBytes = value
        case (true, "packets"): stats.rxPackets = value
        case (true, "errors"), (true, "errs"): stats.rxErrors = value
        case (true, "dropped"): stats.rxDropped = value
        case (true, "missed"): stats.rxMissedErrors = value
        case (true, "mcast"): stats.multicast = value
        case (true, "overrun"): stats.rxOverErrors = value
        case (true, "length"): stats.rxLengthErrors = value
        case (true, "crc"): stats.rxCRCErrors = value
        case (true, "frame"): stats.rxFrameErrors = value
        case (true, "fifo"): stats.rxFIFOErrors = value
        case (true, "nohandler"): stats.rxNoHandler = value
        case (true, "compressed"): stats.rxCompressed = value
        case (false, "bytes"): stats.txBytes = value
        case (false, "packets"): stats.txPackets = value
        case (false, "errors"), (false, "errs"): stats.txErrors = value
        case (false, "dropped"): stats.txDropped = value
        case (false, "carrier"): stats.txCarrierErrors = value
        case (false, "collsns"): stats.collisions = value
        case (false, "aborted"): stats.txAbortedErrors = value
        case (false, "fifo"): stats.txFIFOErrors = value
        case (false, "window"): stats.txWindowErrors = value
        case (false, "heartbeat"), (false, "heartbt"): stats.txHeartbeatErrors = value
        case (false, "compressed"): stats.txCompressed = value
        default: break
        }
    }
}
