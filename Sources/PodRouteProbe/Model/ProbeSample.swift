/// One probe sent: its hop, its round, and what came of it.
public struct ProbeSample: Hashable, Sendable {
    /// The TTL (hop limit) it was sent with: the hop it measures, counting from 1.
    public var hop: Int
    /// Which pass over the hops it belongs to (0 ..< probesPerHop), as mtr sends them.
    public var round: Int
    /// The answer, or nil when none came within the timeout (lost).
    public var answer: ProbeAnswer?

    public init(hop: Int, round: Int, answer: ProbeAnswer?) {
        self.hop = hop
        self.round = round
        self.answer = answer
    }
}
