import PodRouteCore
import PodRouteProbe

/// Sends one verification probe: ICMP echo or a TCP connect with a full TTL (a ping, not a
/// trace), three tries a second apart at most, from the gateway's namespace. Blocks its thread.
enum VerificationRun {
    static func run(_ probe: VerificationProbe) -> VerificationOutcome {
        var options = ProbeOptions()
        options.maxHops = 64
        options.firstHop = 64
        options.probesPerHop = 3
        options.timeout = .seconds(1)
        options.interval = .milliseconds(100)
        let method: ProbeMethod = switch probe.method {
        case .icmp: .icmpEcho
        case .tcp(let port): .tcp(port: port)
        }
        let prober = Prober(destination: probe.target, method: method, options: options, namespace: probe.namespace)
        do {
            return outcome(of: try prober.run(), destination: probe.target)
        } catch {
            if case .system(.send, let errno) = error, errno == .ENETUNREACH || errno == .EHOSTUNREACH { return .noRoute }
            return .failed(error.description)
        }
    }

    static func outcome(of result: ProbeResult, destination: IPAddress) -> VerificationOutcome {
        let answers = result.hops.flatMap(\.samples).compactMap(\.answer)
        if let reply = answers.filter({ $0.reaches(destination) }).min(by: { $0.roundTrip < $1.roundTrip }) {
            return reply.kind == .tcpReset ? .refused(roundTrip: reply.roundTrip) : .answered(roundTrip: reply.roundTrip)
        }
        if let mark = answers.first(where: { !$0.kind.mark.isEmpty })?.kind.mark { return .unreachable(mark: mark) }
        return .noReply
    }
}
