import ArgumentParser
import PodRouteCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Explain the route a packet takes on this host, as the kernel decides it.",
        discussion: """
            Computes the kernel's decision from the snapshot (policy rules by priority, then the \
            longest matching prefix of each table they name) and explains it: the matched route, \
            its CNI role, the next hop, the egress device, the encapsulation (tunl0, vxlan.calico) \
            and the path MTU. Read live (the host or --netns), it also asks the kernel itself \
            (RTM_GETROUTE, as `ip route get` does) and flags any disagreement. --src with --iif \
            traces a packet arriving on that device (forwarded); without --iif, one sent from here.

            --batch FILE (- for standard input) looks up one destination per line from the \
            snapshot alone and prints one JSON line per input line: \
            {"destination": "...", "route": {iproute2-shaped route} or null}; load and lookup \
            times go to standard error.

            Exit status: 0 traced; 1 bad input or unreadable source; 3 the kernel and the \
            snapshot disagree.
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

    @Flag(name: .long, help: "Print JSON.") var json = false

    @Flag(name: .long, help: "ASCII arrows and marks instead of Unicode.") var ascii = false

    @Option(name: .long, help: ArgumentHelp("Look up every destination of FILE (one per line; - reads standard input).", valueName: "FILE"))
    var batch: String?

    func run() throws {
        if let batch {
            guard destination == nil else { throw CLIFailure("give either DEST or --batch FILE, not both") }
            let packet = try TracePacket.parse(destination: nil, source: src, inputInterface: iif, mark: mark)
            let loaded = try TraceSnapshot.load(source)
            try TraceBatch(snapshot: loaded, packet: packet).run(input: batch)
            return
        }
        guard let destination else { throw CLIFailure("name a destination address (or --batch FILE)") }
        let packet = try TracePacket.parse(destination: destination, source: src, inputInterface: iif, mark: mark)
        let loaded = try TraceSnapshot.load(source)
        let report = try SingleHostTrace(snapshot: loaded, hints: source.hints).run(packet)
        var output = OutputBuffer()
        if json {
            output.line(SingleHostTraceJSON.document(report))
        } else {
            for line in SingleHostTraceText(report: report, glyphs: ascii ? .ascii : .unicode).lines { output.line(line) }
        }
        output.flush()
        CaptureWarnings.report(loaded.snapshot)
        if report.kernel?.agrees == false { throw ExitCode(3) }
    }
}
