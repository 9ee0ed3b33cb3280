import ArgumentParser
import PodRouteCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace how a packet reaches DEST, as the kernel decides it: on this host, or hop by hop across a site.",
        discussion: """
            On one host it computes the kernel's decision from the snapshot (policy rules by \
            priority, then the longest matching prefix of each table they name) and explains it: \
            the matched route, its CNI role, the next hop, the egress device, the encapsulation \
            (tunl0, vxlan.calico) and the path MTU. Read live (the host or --netns), it also asks \
            the kernel itself (RTM_GETROUTE, as `ip route get` does) and flags any disagreement. \
            --src with --iif traces a packet arriving on that device (forwarded); without --iif, \
            one sent from here.

            --site FILE follows the packet across the site's hosts from --from-host, down to the \
            pod or to what stops it, then traces the reply back; --probe sends real probes beside it.

            --batch FILE (- for standard input) looks up one destination per line from the \
            snapshot alone and prints one JSON line per input line: \
            {"destination": "...", "route": {iproute2-shaped route} or null}; load and lookup \
            times go to standard error.

            Exit status: 0 reachable (or forwarded beyond the known hosts); 1 unreachable or \
            unknown; 2 podroute could not trace (bad input, unreadable source); 3 the kernel and \
            the snapshot disagree.
            """
    )

    @Argument(help: ArgumentHelp("The destination address (IPv4 or IPv6).", valueName: "DEST"))
    var destination: String?

    @Option(name: .long, help: ArgumentHelp("The packet's source address.", valueName: "IP"))
    var src: String?

    @Option(name: .long, help: ArgumentHelp("The device the packet arrives on (needs --src): a forwarded packet.", valueName: "DEV"))
    var iif: String?

    @Option(name: .long, help: ArgumentHelp("The packet's firewall mark (decimal or 0x hex), for fwmark rules.", valueName: "N"))
    var mark: String?

    @OptionGroup var source: SourceOptions
    @OptionGroup var siteOptions: SiteTraceOptions
    @OptionGroup var probeOptions: TraceProbeOptions

    @Flag(name: .long, help: "Print JSON.") var json = false

    @Flag(name: .long, help: "ASCII arrows and marks instead of Unicode.") var ascii = false

    @Option(name: .long, help: ArgumentHelp("Look up every destination of FILE (one per line; - reads standard input).", valueName: "FILE"))
    var batch: String?

    func run() throws {
        if siteOptions.site != nil { return try runSite() }
        if let batch {
            try CheckFailure.exitOnError {
                guard destination == nil else { throw CLIFailure("give either DEST or --batch FILE, not both") }
                guard !probeOptions.isRequested else { throw CLIFailure("--probe traces one destination, not a --batch") }
                let packet = try TracePacket.parse(destination: nil, source: src, inputInterface: iif, mark: mark)
                let heap = HugePageHeap.prepare()
                let loaded = try TraceSnapshot.load(source)
                try TraceBatch(snapshot: loaded, packet: packet, heap: heap).run(input: batch)
            }
            return
        }
        let (report, loaded) = try CheckFailure.exitOnError { () throws -> (SingleHostTraceReport, TraceSnapshot) in
            guard let destination else { throw CLIFailure("name a destination address (or --batch FILE)") }
            let packet = try TracePacket.parse(destination: destination, source: src, inputInterface: iif, mark: mark)
            let loaded = try TraceSnapshot.load(source)
            return (try SingleHostTrace(snapshot: loaded, hints: source.hints).run(packet), loaded)
        }
        // Probes leave from the traced kernel: this host or the namespace.
        let probe = probeOptions.isRequested
            ? TraceProbeOutcome.run(probeOptions, trace: report.result, site: report.site, namespace: source.netns,
                                    caveat: loaded.kernel == nil ? "the snapshot is a capture: the probes left from this machine" : nil)
            : nil
        var output = OutputBuffer()
        if json {
            output.line(SingleHostTraceJSON.document(report, probe: probe))
        } else {
            for line in SingleHostTraceText(report: report, glyphs: LocaleGlyphs.trace(ascii: ascii)).lines { output.line(line) }
            for line in probe?.text ?? [] { output.line(line) }
        }
        output.flush()
        CaptureWarnings.report(loaded.snapshot)
        if report.kernel?.agrees == false { throw ExitCode(3) }
        try Self.exit(for: report.result.verdict)
    }

    private func runSite() throws {
        let outcome = try CheckFailure.exitOnError { () throws -> SiteTrace.Outcome in
            guard batch == nil else { throw CLIFailure("--batch reads one host's snapshot, not a --site") }
            guard iif == nil else { throw CLIFailure("--iif applies to one host; a site trace starts at --from-host") }
            guard let text = destination else { throw CLIFailure("name a destination address") }
            let packet = try TracePacket.parse(destination: text, source: src, inputInterface: nil, mark: mark)
            guard let destination = packet.destination else { throw CLIFailure("name a destination address") }
            return try SiteTrace(destination: destination, source: packet.source, mark: packet.mark, options: siteOptions,
                                 hints: source.hints, probe: probeOptions).run()
        }
        var output = OutputBuffer()
        if json {
            output.line(SiteTraceReport(outcome: outcome, glyphs: .ascii).json)
        } else {
            for line in SiteTraceReport(outcome: outcome, glyphs: LocaleGlyphs.trace(ascii: ascii)).text { output.line(line) }
        }
        output.flush()
        try Self.exit(for: outcome.result.verdict)
    }

    private static func exit(for verdict: TraceVerdict) throws {
        switch verdict {
        case .reachable, .forwarded: return
        case .unreachable, .unknown: throw ExitCode(1)
        }
    }
}
