import PodRouteCore
import Testing
@testable import PodRouteProbe

/// The comparison on made-up paths: every kind of disagreement, and agreement where there is none.
@Suite struct PathComparisonTests {
    static let gw = IPAddress("192.168.50.1")!
    static let gwLAN = IPAddress("10.20.1.254")!
    static let node1 = IPAddress("10.20.1.22")!
    static let node1Tunnel = IPAddress("10.21.230.0")!
    static let node2 = IPAddress("10.20.1.24")!
    static let pod = IPAddress("10.21.69.212")!
    static let stranger = IPAddress("172.16.9.9")!

    /// office -> gw -> node1 -> node2 -> pod, as the state predicts it.
    static let good = PredictedPath(hops: [
        PredictedHop(gw, host: "gw", otherAddresses: [gwLAN]),
        PredictedHop(node1, host: "node1", otherAddresses: [node1Tunnel]),
        PredictedHop(node2, host: "node2"),
        PredictedHop(pod, answer: .destination),
    ], verdict: .reachable)

    /// A probe run from rows of answers: nil is a lost probe.
    static func result(_ rows: [[(IPAddress, ProbeAnswerKind)?]]) -> ProbeResult {
        let hops = rows.enumerated().map { index, answers in
            let samples = answers.enumerated().map { round, answer in
                ProbeSample(hop: index + 1, round: round,
                            answer: answer.map { ProbeAnswer(from: $0.0, kind: $0.1, roundTrip: .microseconds(100)) })
            }
            return ProbeHop(hop: index + 1, samples: samples,
                            reachedDestination: samples.contains { $0.answer?.reaches(pod) == true })
        }
        let stop: ProbeStop = hops.last?.reachedDestination == true ? .reachedDestination(hop: hops.count) : .maxHops(hops.count)
        return ProbeResult(destination: pod, method: .icmpEcho, mechanism: .rawICMP, fallback: nil, namespace: nil,
                           hops: hops, stop: stop)
    }

    static func router(_ address: IPAddress, _ count: Int = 3) -> [(IPAddress, ProbeAnswerKind)?] {
        Array(repeating: (address, .timeExceeded), count: count)
    }

    static let reached: [(IPAddress, ProbeAnswerKind)?] = Array(repeating: (pod, .echoReply), count: 3)

    @Test func theSamePathAgreesHopByHop() {
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.node1), Self.router(Self.node2), Self.reached,
        ]))
        #expect(comparison.lines.map(\.agreement) == [.agrees, .agrees, .agrees, .agrees])
        #expect(comparison.lines.map(\.hop) == [1, 2, 3, 4])
        #expect(comparison.verdict == .agrees)
        #expect(comparison.agrees)
        #expect(comparison.disagreements.isEmpty)
    }

    @Test func aStrangerAnsweringIsMarked() {
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.stranger), Self.router(Self.node2), Self.reached,
        ]))
        #expect(comparison.lines[1].agreement == .differs(answeredBy: [Self.stranger], predictedAlsoAnswered: false))
        #expect(comparison.lines[1].description == "hop 2: 172.16.9.9 answered where the state predicts 10.20.1.22 (node1)")
        #expect(!comparison.agrees)
        #expect(comparison.disagreements.count == 1)
    }

    @Test func theRightHostFromAnotherAddressIsMarkedApart() {
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.node1Tunnel), Self.router(Self.node2), Self.reached,
        ]))
        #expect(comparison.lines[1].agreement == .otherAddressOfHost(answeredBy: [Self.node1Tunnel]))
        #expect(comparison.lines[1].description.contains("node1 answered from 10.21.230.0, not 10.20.1.22"))
    }

    @Test func loadBalancingTheStateDoesNotShowIsMarked() {
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            Self.router(Self.gw), [(Self.node1, .timeExceeded), (Self.stranger, .timeExceeded), (Self.node1, .timeExceeded)],
            Self.router(Self.node2), Self.reached,
        ]))
        #expect(comparison.lines[1].agreement == .differs(answeredBy: [Self.stranger], predictedAlsoAnswered: true))
    }

    @Test func anExtraRouterDoesNotShiftTheRest() {
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.stranger), Self.router(Self.node1), Self.router(Self.node2), Self.reached,
        ]))
        #expect(comparison.lines.map(\.agreement) == [.agrees, .extraHop, .agrees, .agrees, .agrees])
        #expect(comparison.lines[1].description == "hop 2: 172.16.9.9 answered, a hop the state does not predict")
    }

    @Test func probesDyingEarlyAreMarkedHopAndVerdict() {
        // node2 silently drops (forwarding off there, say); the probes give up after it.
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.node1), [nil, nil, nil], [nil, nil, nil], [nil, nil, nil],
        ]))
        #expect(comparison.lines.map(\.agreement) == [.agrees, .agrees, .silent, .silent])
        #expect(comparison.verdict == .endedWhereStateSaysReachable(hop: 2))
        #expect(comparison.verdictSentence?.contains("the probes ended at hop 2") == true)
    }

    @Test func anUnreachableWhereTheStateForwardsIsMarked() {
        let comparison = PathComparison(predicted: Self.good, probed: Self.result([
            [(Self.gw, .unreachable(.network)), (Self.gw, .unreachable(.network)), (Self.gw, .unreachable(.network))],
        ]))
        #expect(comparison.lines.first?.agreement == .stopsHere(.network))
        #expect(comparison.lines.first?.description == "hop 1: 192.168.50.1 answered destination unreachable !N where the state predicts it passes the packet on")
        #expect(comparison.lines.dropFirst().allSatisfy { $0.agreement == .missingHop })
        #expect(comparison.verdict == .endedWhereStateSaysReachable(hop: 1))
    }

    @Test func reachingWhereTheStateSaysUnreachableIsMarked() {
        let predicted = PredictedPath(hops: [PredictedHop(Self.gw, answer: .unreachable(.network), host: "gw")], verdict: .unreachable)
        let comparison = PathComparison(predicted: predicted, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.node1), Self.router(Self.node2), Self.reached,
        ]))
        #expect(comparison.lines.map(\.agreement) == [.passesHere, .extraHop, .extraHop, .extraHop])
        #expect(comparison.verdict == .reachedWhereStateSaysUnreachable)
        #expect(!comparison.agrees)
    }

    @Test func aPredictedUnreachableOrSilentDropAgrees() {
        let unreachable = PredictedPath(hops: [PredictedHop(Self.gw, answer: .unreachable(.network), host: "gw")], verdict: .unreachable)
        let bang = PathComparison(predicted: unreachable, probed: Self.result([[(Self.gw, .unreachable(.network))]]))
        #expect(bang.agrees)
        let silent = PredictedPath(hops: [PredictedHop(Self.gw, host: "gw"), PredictedHop(Self.node1, answer: .silent, host: "node1")],
                                   verdict: .unreachable)
        let quiet = PathComparison(predicted: silent, probed: Self.result([Self.router(Self.gw), [nil, nil, nil], [nil, nil, nil]]))
        #expect(quiet.lines.map(\.agreement) == [.agrees, .agrees])
        #expect(quiet.agrees)
        let loud = PathComparison(predicted: silent, probed: Self.result([Self.router(Self.gw), Self.router(Self.node1)]))
        #expect(loud.lines.map(\.agreement) == [.agrees, .answersWherePredictedSilent])
    }

    @Test func hopsPastTheKnownHostsAreNotDisagreements() {
        let predicted = PredictedPath(hops: [PredictedHop(Self.gw, host: "gw")], verdict: .forwarded)
        let comparison = PathComparison(predicted: predicted, probed: Self.result([
            Self.router(Self.gw), Self.router(Self.stranger), Self.reached,
        ]))
        #expect(comparison.lines.map(\.agreement) == [.agrees, .beyondKnownHosts, .beyondKnownHosts])
        #expect(comparison.agrees)
    }

    @Test func aDestinationOnTheStartHostAnswersAtTheFirstHop() {
        let start = TraceHop(host: "node2", arrivedOn: nil, route: nil, classification: nil, egressDevice: "cali1",
                             gateway: nil, encapsulation: nil, mtu: nil, outcome: .deliveredToWorkload(device: "cali1", pod: nil),
                             lookup: nil)
        let trace = TraceResult(destination: Self.pod, source: Self.node2, verdict: .reachable, hops: [start], findings: [])
        let predicted = PredictedPath(trace: trace, site: Site(hosts: []))
        #expect(predicted.hops == [PredictedHop(Self.pod, answer: .destination)])
        #expect(PathComparison(predicted: predicted, probed: Self.result([Self.reached])).agrees)
    }

    @Test func roundTripsAndLossComeFromTheSamples() throws {
        let hop = ProbeHop(hop: 1, samples: [
            ProbeSample(hop: 1, round: 0, answer: ProbeAnswer(from: Self.gw, kind: .timeExceeded, roundTrip: .milliseconds(3))),
            ProbeSample(hop: 1, round: 1, answer: nil),
            ProbeSample(hop: 1, round: 2, answer: ProbeAnswer(from: Self.gw, kind: .timeExceeded, roundTrip: .milliseconds(1))),
            ProbeSample(hop: 1, round: 3, answer: nil),
        ], reachedDestination: false)
        #expect(hop.sent == 4 && hop.received == 2 && hop.lossPercent == 50)
        let times = try #require(hop.roundTrips)
        #expect(times.last == .milliseconds(1) && times.best == .milliseconds(1))
        #expect(times.average == .milliseconds(2) && times.worst == .milliseconds(3))
    }
}
