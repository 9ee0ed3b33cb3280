import PodRouteCore

/// A site trace as text (the path diagram, the way back, findings with fixes) or as JSON
/// (`verdict`, `hops[]` and `return[]` shaped like a single-host trace's hop, `findings[]`).
struct SiteTraceReport {
    let outcome: SiteTrace.Outcome
    let glyphs: TraceGlyphs

    var text: [String] {
        let result = outcome.result
        let text = TraceText(result: result, site: outcome.site, glyphs: glyphs)
        let from = result.source.map { " (\($0))" } ?? ""
        var lines = ["trace \(result.destination) from \(Sanitizer.printable(outcome.start))\(from): \(text.verdictLine)"]
        lines += text.hopLines.map { "  " + $0 }
        if let back = text.returnLine { lines.append("  " + back) }
        if let mtu = result.pathMTU { lines.append("  path MTU \(mtu)") }
        if result.verdict == .forwarded {
            lines.append("  podroute knows no host beyond \(Sanitizer.printable(result.hops.last?.host ?? "?")): add it to the site to follow the packet further")
        }
        lines += text.findingLines
        lines += outcome.probe?.text ?? []
        lines += outcome.unread.map { "[?] not read: \(Sanitizer.printable($0))" }
        return lines
    }

    var json: String {
        let result = outcome.result
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("destination")
        writer.address(result.destination)
        writer.key("source")
        if let source = result.source { writer.address(source) } else { writer.null() }
        writer.member("from", outcome.start)
        writer.member("verdict", result.verdict.rawValue)
        writer.key("hops")
        writeHops(result.hops, to: &writer)
        writer.key("return")
        writeHops(result.returnHops, to: &writer)
        writer.key("path_mtu")
        if let mtu = result.pathMTU { writer.uint(mtu) } else { writer.null() }
        writer.key("findings")
        FindingsJSON.write(result.findings, to: &writer)
        if let probe = outcome.probe {
            writer.key("probe")
            probe.write(to: &writer)
        }
        writer.key("unread")
        writer.beginArray()
        for failure in outcome.unread { writer.string(failure) }
        writer.endArray()
        writer.endObject()
        return writer.text
    }

    private func writeHops(_ hops: [TraceHop], to writer: inout JSONWriter) {
        writer.beginArray()
        for hop in hops {
            guard let host = outcome.site.host(named: hop.host) else { continue }
            writer.beginObject()
            TraceHopJSON.writeMembers(hop, host: host, to: &writer)
            writer.endObject()
        }
        writer.endArray()
    }
}
