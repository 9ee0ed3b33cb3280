import PodRouteCore

/// A site trace as text (the path diagram, the way back, findings with fixes) or as JSON
/// (`verdict`, `hops[]`, `return[]`, `findings[]`).
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
        writer.key("pathMTU")
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
            let host = outcome.site.host(named: hop.host)
            writer.beginObject()
            writer.member("host", hop.host)
            writer.key("arrivedOn")
            if let device = hop.arrivedOn { writer.string(device) } else { writer.null() }
            writer.key("route")
            if let route = hop.route, let host {
                IPRouteJSON(snapshot: host.snapshot).write(route, to: &writer,
                                                           extra: PodRouteJSONExtras.route(route, classifier: host.classifier))
            } else {
                writer.null()
            }
            writer.key("dev")
            if let device = hop.egressDevice { writer.string(device) } else { writer.null() }
            writer.key("gateway")
            if let gateway = hop.gateway { writer.address(gateway) } else { writer.null() }
            writer.key("encap")
            if let encapsulation = hop.encapsulation { write(encapsulation, to: &writer) } else { writer.null() }
            writer.key("mtu")
            if let mtu = hop.mtu { writer.uint(mtu) } else { writer.null() }
            writeOutcome(hop.outcome, to: &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    private func write(_ encapsulation: EncapsulationInfo, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", encapsulation.kind.rawValue)
        writer.member("dev", encapsulation.device)
        writer.key("outerSource")
        if let address = encapsulation.outerSource { writer.address(address) } else { writer.null() }
        writer.key("outerDestination")
        if let address = encapsulation.outerDestination { writer.address(address) } else { writer.null() }
        if let vni = encapsulation.vni { writer.member("vni", UInt64(vni)) }
        if let port = encapsulation.port { writer.member("port", UInt64(port)) }
        writer.endObject()
    }

    /// `"outcome"`: forwarded (with `"toHost"`), delivered, workload (with `"pod"`), left-site
    /// (with `"nextHop"`), dropped (with `"reason"`, a finding code).
    private func writeOutcome(_ outcome: HopOutcome, to writer: inout JSONWriter) {
        switch outcome {
        case .forwarded(let host):
            writer.member("outcome", "forwarded")
            writer.member("toHost", host)
        case .deliveredLocally:
            writer.member("outcome", "delivered")
        case .deliveredToWorkload(_, let pod):
            writer.member("outcome", "workload")
            writer.key("pod")
            if let pod { writer.string(pod.description) } else { writer.null() }
        case .leftSite(let nextHop):
            writer.member("outcome", "left-site")
            writer.key("nextHop")
            if let nextHop { writer.address(nextHop) } else { writer.null() }
        case .dropped(let code):
            writer.member("outcome", "dropped")
            writer.member("reason", code.rawValue)
        }
    }
}
