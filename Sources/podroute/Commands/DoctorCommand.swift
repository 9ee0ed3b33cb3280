import ArgumentParser
import PodRouteCore

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check hosts for what breaks LAN-to-pod traffic, without tracing a packet.",
        discussion: """
            Forwarding, strict rp_filter on tunnel and uplink devices, MTU consistency between \
            cali*, tunnel and physical devices, pod blocks without their blackhole or missing on \
            other nodes, LAN subnets overlapping pod or service CIDRs. Exit status 0: nothing \
            found; 1: findings printed (or a host of the site could not be read); 2: podroute \
            could not check (bad arguments or site file, unreadable source).
            """
    )

    @OptionGroup var source: SourceOptions
    @Option(name: .long, help: ArgumentHelp("Check every host of a site file (YAML).", valueName: "FILE")) var site: String?
    @Flag(name: .long, help: "Print JSON: {\"hosts\": [...], \"findings\": [{\"code\", \"host\", \"message\", \"fix\"}]}.") var json = false

    func run() throws {
        let (checked, failures) = try CheckFailure.exitOnError { try readHosts() }
        let findings = HostChecks.check(checked)
        var output = OutputBuffer()
        if json {
            output.line(FindingsJSON.document(hosts: checked.hosts, findings: findings, failures: failures))
        } else {
            for failure in failures { output.line("[?] \(failure)") }
            let roles = checked.hosts.map { "\(Sanitizer.printable($0.name)) (\($0.role.rawValue))" }.joined(separator: ", ")
            output.line("checked \(roles): \(findings.isEmpty ? "nothing found" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")")")
            for finding in findings {
                output.line("[!] \(finding.code.rawValue)  \(finding.host.map { Sanitizer.printable($0) + ": " } ?? "")\(Sanitizer.printable(finding.message))")
                output.line("    fix: \(Sanitizer.printable(finding.fix))")
            }
        }
        output.flush()
        if !findings.isEmpty || !failures.isEmpty { throw ExitCode(1) }
    }

    private func readHosts() throws -> (Site, failures: [String]) {
        if let site {
            let file = try SiteFile.load(site)
            let outcome = SiteReader.read(file, names: IPNamesLoader.hostNames(), hints: source.hints)
            return (outcome.site, outcome.failures)
        }
        let snapshot = try source.loadSnapshot()
        return (Site(hosts: [SiteHost(name: snapshot.host, snapshot: snapshot, hints: source.hints)]), [])
    }
}

/// Findings as JSON, shared by doctor and trace.
enum FindingsJSON {
    static func write(_ findings: [Finding], to writer: inout JSONWriter) {
        writer.beginArray()
        for finding in findings {
            writer.beginObject()
            writer.member("code", finding.code.rawValue)
            if let host = finding.host { writer.member("host", host) } else { writer.nullMember("host") }
            writer.member("message", finding.message)
            writer.member("fix", finding.fix)
            writer.member("fatal", finding.code.isFatal)
            writer.endObject()
        }
        writer.endArray()
    }

    static func document(hosts: [SiteHost], findings: [Finding], failures: [String]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("hosts")
        writer.beginArray()
        for host in hosts {
            writer.beginObject()
            writer.member("name", host.name)
            writer.member("role", host.role.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("findings")
        write(findings, to: &writer)
        writer.key("unread")
        writer.beginArray()
        for failure in failures { writer.string(failure) }
        writer.endArray()
        writer.endObject()
        return writer.text
    }
}
