/// Last, best, average and worst round trip of the answered probes of one hop (mtr's Last,
/// Avg, Best, Wrst).
public struct RoundTripTimes: Hashable, Sendable {
    /// The round trip of the answered probe sent last.
    public var last: Duration
    public var best: Duration
    public var average: Duration
    public var worst: Duration

    public init(last: Duration, best: Duration, average: Duration, worst: Duration) {
        self.last = last
        self.best = best
        self.average = average
        self.worst = worst
    }

    /// `times` in the order the probes were sent; nil when empty: a silent hop has no round
    /// trip, not a zero one.
    public init?(_ times: [Duration]) {
        guard let last = times.last, let best = times.min(), let worst = times.max() else { return nil }
        let total = times.reduce(Duration.zero, +)
        self.init(last: last, best: best, average: total / times.count, worst: worst)
    }
}

extension Duration {
    /// Milliseconds as a Double, for display (`0.123 ms`) and JSON.
    public var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
