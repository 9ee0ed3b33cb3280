import ArgumentParser
import FoundationEssentials
import PodRouteCore

/// `podroute setup`: the TUI's guided setup as a dialogue on the terminal, one answer a line.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Guided route setup: where am I, what is unreachable, which CIDRs, next hops, preview, apply with a probe.",
        discussion: """
            Asks one question a step, each with its default in brackets (Enter takes it); b goes back, q quits. \
            Answers are read a line at a time from standard input, so a script can pipe them in; when it ends \
            before the last step, setup stops (exit status 2) and nothing is applied. Nothing changes before \
            step 6, and only with --write and a typed yes: then the change is commit-confirmed (reverted unless \
            kept within --confirm-within seconds) and a probe from the gateway to a pod (ICMP echo, or a TCP \
            connect with --probe-port) runs before and after, so you keep it on evidence.
            """
    )

    @OptionGroup var source: SourceOptions
    @Option(name: .long, help: ArgumentHelp("A site file (YAML): the gateway, the nodes and their blocks, the office host.",
                                            valueName: "FILE"))
    var site: String?
    @Option(name: .customLong("from-host"), help: ArgumentHelp("The site host traces start from (default: its first workstation).",
                                                              valueName: "NAME"))
    var fromHost: String?
    @OptionGroup var kubectl: KubectlOptions
    @Flag(name: .long, help: "Allow the last step to apply (after a typed yes); without it setup ends with the commands.")
    var write = false
    @Option(name: .customLong("confirm-within"), help: ArgumentHelp("Seconds to keep an applied change before it is reverted.",
                                                                     valueName: "SECONDS"))
    var confirmWithin: Int = 120
    @Option(name: .customLong("probe"), help: ArgumentHelp("The pod IP the verification probe targets (default: a pod the site knows).",
                                                           valueName: "IP"))
    var probeTarget: String?
    @Option(name: .customLong("probe-port"), help: ArgumentHelp("Verify with a TCP connect to PORT instead of ICMP echo.",
                                                                valueName: "PORT"))
    var probePort: Int?

    func validate() throws {
        guard (1...86_400).contains(confirmWithin) else {
            throw ValidationError("--confirm-within takes 1 to 86400 seconds, not \(confirmWithin)")
        }
        if let probePort, !(1...65535).contains(probePort) {
            throw ValidationError("--probe-port takes a port from 1 to 65535, not \(probePort)")
        }
        if let probeTarget, IPAddress(probeTarget) == nil {
            throw ValidationError("--probe \(Sanitizer.printable(probeTarget)) is not an IPv4 or IPv6 address")
        }
        if fromHost != nil, site == nil { throw ValidationError("--from-host names a site host: give --site FILE") }
    }

    func run() throws {
        do {
            var dialogue = try SetupDialogue(inputs: try PlanInputs.load(source: source, site: site), options: self)
            try dialogue.run()
        } catch let failure as CLIFailure {
            FileHandleOutput.error("Error: \(failure.description)")
            throw ExitCode(2)
        }
    }

    /// The verification probe's method.
    var probeMethod: VerificationProbe.Method {
        probePort.map { .tcp(port: UInt16($0)) } ?? .icmp
    }
}
