import PodRouteCore

/// Turns settled probes into hop rows. Pure, so the run loop can call it for every progress
/// snapshot and tests can feed it made-up samples.
enum ProbeTally {
    /// One row per hop from `firstHop` through the last hop probed, cut after `finalHop` (the
    /// hop whose answer ended the path) so nothing past the destination is shown, like mtr.
    static func hops(_ samples: [ProbeSample], destination: IPAddress, firstHop: Int, finalHop: Int?) -> [ProbeHop] {
        let kept = samples.filter { sample in finalHop.map { sample.hop <= $0 } ?? true }
        guard let lastHop = kept.map(\.hop).max(), lastHop >= firstHop else { return [] }
        let byHop = Dictionary(grouping: kept, by: \.hop)
        return (firstHop...lastHop).map { hop in
            let samples = (byHop[hop] ?? []).sorted { $0.round < $1.round }
            let reached = samples.contains { $0.answer?.reaches(destination) == true }
            return ProbeHop(hop: hop, samples: samples, reachedDestination: reached)
        }
    }

    /// Why the run ended, read from the rows and the schedule's last word.
    static func stop(hops: [ProbeHop], schedule: ProbeSchedule, destination: IPAddress, cancelled: Bool) -> ProbeStop {
        if cancelled { return .cancelled }
        if let reached = hops.first(where: \.reachedDestination) { return .reachedDestination(hop: reached.hop) }
        if let finalHop = schedule.finalHop, let row = hops.first(where: { $0.hop == finalHop }) {
            for case let answer? in row.samples.map(\.answer) {
                if case .unreachable(let reason) = answer.kind { return .unreachable(hop: finalHop, from: answer.from, reason: reason) }
            }
        }
        if schedule.limit < schedule.maxHops {
            return .silentHops(lastAnswered: schedule.highestAnswered, count: schedule.maxSilentHops)
        }
        return .maxHops(schedule.maxHops)
    }
}
