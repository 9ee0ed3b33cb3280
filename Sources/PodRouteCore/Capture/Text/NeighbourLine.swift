/// `ip neigh` lines (`10.20.1.1 dev eth0 lladdr 00:50:56:aa:bb:cc REACHABLE`,
/// `fe80::1 dev eth0 lladdr ... router STALE`, `10.0.0.9 dev eth0  FAILED`): recognised so
/// they do not turn into warnings or routes, not modelled yet. A route line never carries
/// `lladdr` nor ends in an upper-case neighbour state.
enum NeighbourLine {
    static func matches(_ words: [Substring], context: CommandContext) -> Bool {
        guard let first = words.first, IPAddress(first) != nil else { return false }
        if context.tool == .ipNeighbour { return true }
        guard let last = words.last, words.count >= 2 else { return false }
        return words.contains("lladdr") || states.contains(last) || (words.count == 3 && last == "proxy")
    }

    private static let states: Set<Substring> = ["REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP",
                                                 "PERMANENT", "INCOMPLETE", "NONE"]
}
