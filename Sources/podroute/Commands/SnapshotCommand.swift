import ArgumentParser
import PodRouteCore

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save everything podroute reads (links, addresses, routes, rules, forwarding) as one JSON file.",
        discussion: "The file loads again with `--from FILE` anywhere, e.g. to look at a node's state from a laptop."
    )

    @OptionGroup var source: SourceOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    func run() throws {
        let snapshot = try source.loadSnapshot()
        let classifier = CNIClassifier(snapshot: snapshot, hints: source.hints)
        let encoder = SnapshotJSON(snapshot: snapshot)
        let linkExtra = { (link: Link) in PodRouteJSONExtras.link(link, classifier: classifier) }
        let routeExtra = { (route: Route) in PodRouteJSONExtras.route(route, classifier: classifier) }
        if let output {
            var writer = JSONWriter()
            encoder.write(to: &writer, linkExtra: linkExtra, routeExtra: routeExtra)
            writer.newline()
            try FileAccess.writeAtomically(writer.bytes, to: output)
        } else {
            encoder.stream(to: OutputBuffer.standardOutputSink, linkExtra: linkExtra, routeExtra: routeExtra)
        }
        CaptureWarnings.report(snapshot)
    }
}
