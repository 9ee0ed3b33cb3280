import PodRouteCore

/// The probe loop, on the calling thread: paces sends (`interval`, at most `maxInFlight`
/// unsettled), waits for answers, times probes out, and stops past the hop that ended the path.
/// All timing is here; what to send is `ProbeSchedule`'s, how to send it the transport's.
struct ProbeRun {
    let destination: IPAddress
    let options: ProbeOptions
    let transport: any ProbeTransport
    /// Builds the result around rows and a stop reason (method, mechanism, namespace are fixed).
    let result: ([ProbeHop], ProbeStop) -> ProbeResult

    private struct Unsettled {
        var ticket: ProbeTicket
        var sentAt: ContinuousClock.Instant
        var deadline: ContinuousClock.Instant
    }

    /// Longest single wait, so cancellation is noticed within it.
    private static let longestWait = Duration.milliseconds(100)

    func run(progress: ((ProbeResult) -> Void)?, isCancelled: () -> Bool) throws(ProbeError) -> ProbeResult {
        var schedule = ProbeSchedule(options: options)
        var settled: [ProbeSample] = []
        var unsettled: [Int: Unsettled] = [:]
        var upcoming: ProbeSchedule.Next?
        var nextIndex = 0
        var nextSendAt = ContinuousClock.now
        var cancelled = false

        func settle(_ index: Int, _ answer: ProbeAnswer?) {
            guard let probe = unsettled.removeValue(forKey: index) else { return }
            transport.finish(index)
            settled.append(ProbeSample(hop: probe.ticket.hop, round: probe.ticket.round, answer: answer))
            if let answer { schedule.answered(hop: probe.ticket.hop, endsPath: answer.endsPath(to: destination)) }
        }

        while true {
            if isCancelled() {
                cancelled = true
                break
            }
            var now = ContinuousClock.now
            var changed = false
            for (index, probe) in unsettled where probe.deadline <= now {
                settle(index, nil)
                changed = true
            }
            // Past the hop that ended the path every probe would only repeat the last answer.
            if let finalHop = schedule.finalHop {
                for (index, probe) in unsettled where probe.ticket.hop > finalHop {
                    unsettled[index] = nil
                    transport.finish(index)
                }
            }

            if upcoming == nil, unsettled.count < options.maxInFlight {
                let next = schedule.next(roundZeroPending: unsettled.values.contains { $0.ticket.round == 0 })
                upcoming = next == .wait ? nil : next
            }
            if case .send(let hop, _) = upcoming, hop > schedule.limit { upcoming = nil }
            if upcoming == .done, unsettled.isEmpty { break }
            if case .send(let hop, let round) = upcoming, now >= nextSendAt {
                let ticket = ProbeTicket(index: nextIndex, hop: hop, round: round)
                let sentAt = ContinuousClock.now
                try transport.send(ticket)
                unsettled[ticket.index] = Unsettled(ticket: ticket, sentAt: sentAt, deadline: sentAt + options.timeout)
                nextIndex += 1
                nextSendAt = sentAt + options.interval
                upcoming = nil
                now = ContinuousClock.now
            }

            var wake = now + Self.longestWait
            if let earliest = unsettled.values.map(\.deadline).min() { wake = min(wake, earliest) }
            if upcoming == nil, unsettled.count < options.maxInFlight { wake = min(wake, nextSendAt) }
            if case .send = upcoming { wake = min(wake, nextSendAt) }

            for answer in try transport.receive(until: wake) {
                guard let probe = unsettled[answer.index] else { continue }
                let roundTrip = probe.sentAt.duration(to: answer.receivedAt)
                settle(answer.index, ProbeAnswer(from: answer.from, kind: answer.kind, roundTrip: roundTrip))
                changed = true
            }
            if changed, let progress {
                progress(result(tally(settled, schedule), .inProgress))
            }
        }
        for index in unsettled.keys { transport.finish(index) }
        let hops = tally(settled, schedule)
        return result(hops, ProbeTally.stop(hops: hops, schedule: schedule, destination: destination, cancelled: cancelled))
    }

    private func tally(_ samples: [ProbeSample], _ schedule: ProbeSchedule) -> [ProbeHop] {
        ProbeTally.hops(samples, destination: destination, firstHop: options.firstHop, finalHop: schedule.finalHop)
    }
}
