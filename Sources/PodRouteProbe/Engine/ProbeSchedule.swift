/// Which probe goes next, as mtr orders them: round 0 walks the hops outward to find the path,
/// later rounds revisit each hop found, so one router's probes are spread over the run.
///
/// How far out to go is learnt as answers arrive: never past the hop whose answer ended the path
/// (the destination, or an "unreachable"), nor more than `maxSilentHops` past the highest hop
/// that answered. Round 1 starts only when every round-0 probe is settled, so the path length it
/// uses is final, and a late answer cannot leave a far hop probed fewer times than a near one.
/// Pure value: the run loop feeds it answers and asks it what to send.
struct ProbeSchedule: Equatable {
    enum Next: Equatable {
        case send(hop: Int, round: Int)
        /// Nothing to send until more probes settle.
        case wait
        /// Every probe that will ever be sent has been.
        case done
    }

    let firstHop: Int
    let maxHops: Int
    let rounds: Int
    let maxSilentHops: Int

    private(set) var round = 0
    private(set) var nextHop: Int
    /// The lowest hop whose answer ended the path.
    private(set) var finalHop: Int?
    private(set) var highestAnswered: Int?

    init(options: ProbeOptions) {
        firstHop = options.firstHop
        maxHops = options.maxHops
        rounds = options.probesPerHop
        maxSilentHops = options.maxSilentHops
        nextHop = options.firstHop
    }

    /// The highest hop worth probing, given what is known now.
    var limit: Int {
        let silenceLimit = (highestAnswered ?? firstHop - 1) + maxSilentHops
        return min(maxHops, finalHop ?? maxHops, silenceLimit)
    }

    /// The next probe, given whether round-0 probes are still unsettled.
    mutating func next(roundZeroPending: Bool) -> Next {
        while true {
            if round >= rounds { return .done }
            if nextHop <= limit {
                defer { nextHop += 1 }
                return .send(hop: nextHop, round: round)
            }
            if round == 0 && roundZeroPending { return .wait }
            round += 1
            nextHop = firstHop
        }
    }

    /// Records an answer at `hop`; `endsPath` when nothing past it can be reached.
    mutating func answered(hop: Int, endsPath: Bool) {
        highestAnswered = max(highestAnswered ?? hop, hop)
        if endsPath { finalHop = min(finalHop ?? hop, hop) }
    }
}
