import ArgumentParser
import PodRouteCore
import PodRouteProbe

/// `trace --probe`: real probes with rising TTL beside the state's prediction, mtr-style.
struct TraceProbeOptions: ParsableArguments {
    @Flag(name: .long, help: "Also probe the path (ICMP echo with rising TTL) and mark every hop where the packets disagree with the state.")
    var probe = false

    @Option(name: .customLong("probe-udp"), help: ArgumentHelp("Probe with UDP datagrams to PORT instead (no privileges needed).", valueName: "PORT"))
    var probeUDP: Int?

    @Option(name: .customLong("probe-tcp"), help: ArgumentHelp("Probe with TCP SYNs to PORT instead (no privileges needed).", valueName: "PORT"))
    var probeTCP: Int?

    @Option(name: .customLong("probe-count"), help: ArgumentHelp("Probes per hop (1 to 100).", valueName: "N"))
    var probeCount = 3

    var isRequested: Bool { probe || probeUDP != nil || probeTCP != nil }

    func validate() throws {
        guard !(probeUDP != nil && probeTCP != nil) else { throw ValidationError("choose one of --probe-udp and --probe-tcp") }
        for (value, option) in [(probeUDP, "--probe-udp"), (probeTCP, "--probe-tcp")] {
            if let value, !(1...65535).contains(value) { throw ValidationError("\(option) takes a port from 1 to 65535 (got \(value))") }
        }
        guard (1...100).contains(probeCount) else { throw ValidationError("--probe-count must be 1 to 100 (got \(probeCount))") }
    }

    /// The prober for `destination`, sending from `namespace` (nil: this host's own).
    func prober(to destination: IPAddress, namespace: String?) -> Prober {
        let method: ProbeMethod = if let probeUDP { .udp(port: UInt16(probeUDP), rising: false) }
            else if let probeTCP { .tcp(port: UInt16(probeTCP)) }
            else { .icmpEcho }
        var options = ProbeOptions()
        options.probesPerHop = probeCount
        return Prober(destination: destination, method: method, options: options, namespace: namespace)
    }
}

/// What the probes found, compared with the traced path; or why there are no probes.
struct TraceProbeOutcome {
    /// Where the probes left from, for the reader (`network namespace office-ns`, `this host`).
    let origin: String
    /// A note when the probes did not leave from the traced host itself.
    let caveat: String?
    let result: Result<PathComparison, ProbeError>

    /// Runs the probes; a failure (no privileges) is kept, the state trace stands anyway.
    static func run(_ options: TraceProbeOptions, trace: TraceResult, site: Site, namespace: String?,
                    caveat: String?) -> TraceProbeOutcome {
        let origin = namespace.map { "network namespace \(Sanitizer.printable($0))" } ?? "this host"
        do {
            let probed = try options.prober(to: trace.destination, namespace: namespace).run()
            return TraceProbeOutcome(origin: origin, caveat: caveat,
                                     result: .success(PathComparison(predicted: trace, site: site, probed: probed)))
        } catch {
            return TraceProbeOutcome(origin: origin, caveat: caveat, result: .failure(error))
        }
    }

    var text: [String] {
        var lines: [String] = []
        switch result {
        case .failure(let error):
            lines.append("probe: not run: \(Sanitizer.printable(error.description))")
        case .success(let comparison):
            let probed = comparison.probed
            lines.append("probe from \(origin), \(probed.method) (\(probed.mechanism.name)): "
                + (comparison.agrees ? "agrees with the state" : "DISAGREES with the state"))
            for line in comparison.lines {
                let hop = line.hop.map { String($0).leftPadded(to: 2) } ?? " -"
                let answered = line.observed.map { hop -> String in
                    let address = hop.responders.first.map(\.description) ?? "???"
                    let time = hop.roundTrips.map { " \(ProbeFigures.milliseconds($0.average)) ms" } ?? ""
                    return "\(address) \(ProbeFigures.percent(hop.lossPercent)) loss\(time)"
                } ?? "(no probe)"
                let mark = line.agreement.isDisagreement ? "[≠]" : "[=]"
                lines.append("  \(hop)  \(mark) \(Sanitizer.printable(answered))  \(Sanitizer.printable(line.description))")
            }
            if let sentence = comparison.verdictSentence { lines.append("  [≠] \(Sanitizer.printable(sentence))") }
        }
        if let caveat { lines.append("  note: \(caveat)") }
        return lines
    }

    /// `"probe"`: the probes (as `podroute probe --json` prints them), the comparison per hop,
    /// whether everything agrees; or `{"error": sentence, "privileges": bool}`.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("from", origin)
        switch result {
        case .failure(let error):
            writer.member("error", error.description)
            writer.member("privileges", error.isPrivilegeProblem)
        case .success(let comparison):
            writer.member("agrees", comparison.agrees)
            writer.key("verdict")
            if let sentence = comparison.verdictSentence { writer.string(sentence) } else { writer.null() }
            writer.key("hops")
            writer.beginArray()
            for line in comparison.lines {
                writer.beginObject()
                writer.key("hop")
                if let hop = line.hop { writer.int(hop) } else { writer.null() }
                writer.key("predicted")
                if let address = line.predicted?.address { writer.address(address) } else { writer.null() }
                writer.key("predicted_host")
                if let host = line.predicted?.host { writer.string(host) } else { writer.null() }
                writer.key("observed")
                writer.beginArray()
                for address in line.observed?.responders ?? [] { writer.address(address) }
                writer.endArray()
                writer.member("agreement", line.agreement.code)
                writer.member("description", line.description)
                writer.endObject()
            }
            writer.endArray()
            writer.key("probes")
            writer.value(ProbeOutput.value(comparison.probed))
        }
        writer.key("note")
        if let caveat { writer.string(caveat) } else { writer.null() }
        writer.endObject()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
