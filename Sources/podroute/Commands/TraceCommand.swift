import ArgumentParser
import PodRouteCore

/// Interim: only the site mode; the single-host trace joins it from its own branch.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace how a packet reaches DEST, hop by hop, and what stops it.",
        discussion: """
            Exit status 0: reachable (or forwarded beyond the known hosts); 1: unreachable or \
            unknown; 2: podroute could not trace (bad arguments, site file or source).
            """
    )

    @Argument(help: ArgumentHelp("The destination address (a pod, a service, a node).", valueName: "DEST"))
    var destination: String
    @Option(name: .long, help: ArgumentHelp("The packet's source address (default: the kernel's choice).", valueName: "IP"))
    var src: String?
    @Option(name: .long, help: ArgumentHelp("The packet's firewall mark (fwmark rules).", valueName: "N"))
    var mark: UInt32 = 0
    @OptionGroup var siteOptions: SiteTraceOptions
    @OptionGroup var probeOptions: TraceProbeOptions
    @OptionGroup var source: SourceOptions
    @Flag(name: .long, help: "Print JSON: verdict, hops[], return[], findings[].") var json = false
    @Flag(name: .long, help: "ASCII arrows and marks instead of Unicode.") var ascii = false

    func run() throws {
        let outcome = try CheckFailure.exitOnError { () throws -> SiteTrace.Outcome in
            guard let destination = IPAddress(destination) else {
                throw CLIFailure("'\(Sanitizer.printable(destination))' is not an IPv4 or IPv6 address")
            }
            let source = try src.map { text throws -> IPAddress in
                guard let address = IPAddress(text) else { throw CLIFailure("--src '\(Sanitizer.printable(text))' is not an IP address") }
                guard address.family == destination.family else { throw CLIFailure("--src \(address) and \(destination) are not of the same family") }
                return address
            }
            return try SiteTrace(destination: destination, source: source, mark: mark, options: siteOptions,
                                 hints: self.source.hints, probe: probeOptions).run()
        }
        var output = OutputBuffer()
        if json {
            output.line(SiteTraceReport(outcome: outcome, glyphs: .ascii).json)
        } else {
            for line in SiteTraceReport(outcome: outcome, glyphs: LocaleGlyphs.trace(ascii: ascii)).text { output.line(line) }
        }
        output.flush()
        switch outcome.result.verdict {
        case .reachable, .forwarded: return
        case .unreachable, .unknown: throw ExitCode(1)
        }
    }
}
