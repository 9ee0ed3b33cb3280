import PodRouteCore
import PodRouteProbe

/// `podroute probe` as an mtr-style report or as JSON.
enum ProbeOutput {
    /// A title line, one row per hop (more addresses of a hop on lines of their own, as mtr
    /// prints them), and how the run ended.
    static func text(_ result: ProbeResult, to output: inout OutputBuffer) {
        let from = result.namespace.map { "network namespace \(Sanitizer.printable($0))" } ?? "this host"
        output.line("probe \(result.destination) from \(from): \(result.method) (\(result.mechanism.name))")
        var table = TextTable(headers: ["HOP", "ADDRESS", "LOSS%", "SENT", "LAST", "AVG", "BEST", "WORST"])
        var rows: [[String]] = []
        for hop in result.hops {
            let times = hop.roundTrips
            let addresses = hop.responders.map(\.description)
            let first = (addresses.first ?? "???") + (hop.marks.isEmpty ? "" : " " + hop.marks.joined(separator: " "))
            let rtts = [times?.last, times?.average, times?.best, times?.worst].map(ProbeFigures.milliseconds)
            rows.append([String(hop.hop), first, ProbeFigures.percent(hop.lossPercent), String(hop.sent)] + rtts)
            for more in addresses.dropFirst() { rows.append(["", more, "", "", "", "", "", ""]) }
        }
        rows.forEach { table.measure($0) }
        output.line(table.headerLine)
        rows.forEach { output.line(table.format($0)) }
        output.line(result.stop.description)
    }

    static func json(_ result: ProbeResult) -> String {
        var writer = JSONWriter()
        writer.value(value(result))
        return writer.text
    }

    /// The document: destination, method, mechanism, netns, reached, stop, hops.
    static func value(_ result: ProbeResult) -> JSONValue {
        let hops: [JSONValue] = result.hops.map { hop in
            let times = hop.roundTrips
            return .object(JSONObject([
                ("hop", .int(Int64(hop.hop))),
                ("addresses", .array(hop.responders.map { .string($0.description) })),
                ("sent", .int(Int64(hop.sent))),
                ("received", .int(Int64(hop.received))),
                ("loss", .double(hop.lossPercent)),
                ("last", times.map { .double($0.last.milliseconds) } ?? .null),
                ("avg", times.map { .double($0.average.milliseconds) } ?? .null),
                ("best", times.map { .double($0.best.milliseconds) } ?? .null),
                ("worst", times.map { .double($0.worst.milliseconds) } ?? .null),
                ("marks", .array(hop.marks.map { .string($0) })),
                ("reached", .bool(hop.reachedDestination)),
            ]))
        }
        return .object(JSONObject([
            ("destination", .string(result.destination.description)),
            ("method", .string(result.method.name)),
            ("mechanism", .string(result.mechanism.name)),
            ("netns", result.namespace.map { .string($0) } ?? .null),
            ("reached", .bool(result.reachedDestination)),
            ("stop", .string(result.stop.description)),
            ("hops", .array(hops)),
        ]))
    }
}
