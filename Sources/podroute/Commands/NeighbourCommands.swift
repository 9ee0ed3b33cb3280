import ArgumentParser
import PodRouteCore

/// `podroute neigh`: the neighbour tables of both families, as `ip neigh show nud all` prints them.
struct NeighbourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neigh",
        abstract: "List neighbour entries of both families (`ip neigh show nud all`).",
        discussion: "`--json` prints what `ip -j neigh show nud all` prints. Proxy entries are not read."
    )

    @OptionGroup var source: SourceOptions
    @Flag(name: .long, help: "Print JSON (as `ip -j neigh`).") var json = false

    func run() throws {
        let snapshot = try source.loadSnapshot()
        guard let entries = snapshot.neighbours else {
            throw CLIFailure("\(Sanitizer.printable(snapshot.source.description)) has no neighbour table (a snapshot taken by an older podroute, or a capture without `ip neigh`)")
        }
        let encoder = IPNeighbourJSON(devices: IPJSONDeviceNames(snapshot))
        NeighbourListing.print(entries, json: json, write: encoder.write, line: NeighbourText(snapshot: snapshot).line)
        CaptureWarnings.report(snapshot)
    }
}

/// `podroute fdb`: the forwarding databases, as `bridge fdb show` prints them.
struct FDBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fdb",
        abstract: "List forwarding-database entries of every device (`bridge fdb show`).",
        discussion: "`--json` prints what `bridge -j fdb show` prints: vxlan remotes (`dst`), bridge entries (`master`)."
    )

    @OptionGroup var source: SourceOptions
    @Flag(name: .long, help: "Print JSON (as `bridge -j fdb`).") var json = false

    func run() throws {
        let snapshot = try source.loadSnapshot()
        guard let entries = snapshot.fdb else {
            throw CLIFailure("\(Sanitizer.printable(snapshot.source.description)) has no FDB (a snapshot taken by an older podroute, or a capture without `bridge fdb`)")
        }
        let encoder = BridgeFDBJSON(devices: IPJSONDeviceNames(snapshot))
        NeighbourListing.print(entries, json: json, write: encoder.write, line: NeighbourText(snapshot: snapshot).line)
        CaptureWarnings.report(snapshot)
    }
}

/// One listing, as a JSON array or one text line per entry.
enum NeighbourListing {
    static func print<Entry>(_ entries: [Entry], json: Bool, write: (Entry, inout JSONWriter) -> Void,
                             line: (Entry) -> String) {
        if json {
            var writer = JSONWriter()
            writer.beginArray()
            for entry in entries {
                write(entry, &writer)
                writer.drain(to: OutputBuffer.standardOutputSink)
            }
            writer.endArray()
            writer.newline()
            writer.flush(to: OutputBuffer.standardOutputSink)
        } else {
            var output = OutputBuffer()
            for entry in entries { output.line(line(entry)) }
            output.flush()
        }
    }
}
