import ArgumentParser
import PodRouteCore
import PodRouteProbe

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe the path to an address with rising TTL, mtr-style: each hop's address, loss and round trips.",
        discussion: """
            ICMP echo (the default) needs raw sockets (CAP_NET_RAW) unless net.ipv4.ping_group_range admits \
            your group; --udp and --tcp need no privileges. --netns sends the probes from inside a network \
            namespace (entering it needs CAP_SYS_ADMIN). The exit status is 0 when the probes ran, whether \
            or not they reached the destination: read `reached` in --json.
            """
    )

    @Argument(help: ArgumentHelp("The IPv4 or IPv6 address to probe.", valueName: "DEST"))
    var destination: String

    @Option(name: .long, help: ArgumentHelp("Probe from the network namespace NAME (/run/netns/NAME).", valueName: "NAME"))
    var netns: String?

    @Flag(name: .long, help: "Probe with ICMP echo requests (the default).")
    var icmp = false

    @Option(name: .long, help: ArgumentHelp("Probe with UDP datagrams to PORT (traceroute uses 33434).", valueName: "PORT"))
    var udp: Int?

    @Option(name: .long, help: ArgumentHelp("Probe with TCP SYNs to PORT (a service port gets through firewalls).", valueName: "PORT"))
    var tcp: Int?

    @Option(name: .long, help: ArgumentHelp("Probes per hop (1 to 100).", valueName: "N"))
    var count = 3

    @Option(name: .customLong("max-ttl"), help: ArgumentHelp("The highest TTL probed (1 to 255).", valueName: "N"))
    var maxTTL = 30

    @Option(name: .long, help: ArgumentHelp("Milliseconds between two probes.", valueName: "MS"))
    var interval = 50

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let prober = try makeProber()
        let result: ProbeResult
        do {
            result = try prober.run()
        } catch {
            throw CLIFailure(Sanitizer.printable(error.description))
        }
        var output = OutputBuffer()
        if json {
            output.line(ProbeOutput.json(result))
        } else {
            ProbeOutput.text(result, to: &output)
        }
        output.flush()
    }

    /// Checks the arguments; a bad one is one sentence.
    func makeProber() throws -> Prober {
        guard let address = IPAddress(destination) else {
            throw CLIFailure("'\(Sanitizer.printable(destination))' is not an IPv4 or IPv6 address (probe takes addresses, not names)")
        }
        let chosen = [icmp, udp != nil, tcp != nil].filter { $0 }.count
        guard chosen <= 1 else { throw CLIFailure("choose one probe method: --icmp, --udp PORT or --tcp PORT") }
        let method: ProbeMethod
        if let udp {
            method = .udp(port: try Self.port(udp, "--udp"), rising: false)
        } else if let tcp {
            method = .tcp(port: try Self.port(tcp, "--tcp"))
        } else {
            method = .icmpEcho
        }
        guard (1...100).contains(count) else { throw CLIFailure("--count must be 1 to 100 (got \(count))") }
        guard (1...255).contains(maxTTL) else { throw CLIFailure("--max-ttl must be 1 to 255 (got \(maxTTL))") }
        guard (0...60_000).contains(interval) else { throw CLIFailure("--interval must be 0 to 60000 milliseconds (got \(interval))") }
        var options = ProbeOptions()
        options.probesPerHop = count
        options.maxHops = maxTTL
        options.interval = .milliseconds(interval)
        return Prober(destination: address, method: method, options: options, namespace: netns)
    }

    private static func port(_ value: Int, _ option: String) throws -> UInt16 {
        guard (1...65535).contains(value) else { throw CLIFailure("\(option) takes a port from 1 to 65535 (got \(value))") }
        return UInt16(value)
    }
}
