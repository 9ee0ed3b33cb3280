import PodRouteCore
import PodRouteNetlink

/// `podroute trace DEST --json`: the question, the verdict, this host's hop (`TraceHopJSON`),
/// the path MTU, the lookup's steps, findings, and the kernel's answer when it was asked.
enum SingleHostTraceJSON {
    static func document(_ report: SingleHostTraceReport, probe: TraceProbeOutcome? = nil) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("destination")
        writer.address(report.destination)
        writer.key("src")
        if let source = report.packet.source { writer.address(source) } else { writer.null() }
        if let device = report.packet.inputInterface { writer.member("iif", device) } else { writer.nullMember("iif") }
        writer.member("mark", report.packet.mark)
        writer.member("source", String(describing: report.snapshot.source))
        writer.member("verdict", report.result.verdict.rawValue)
        if let hop = report.hop {
            TraceHopJSON.writeMembers(hop, host: report.host, to: &writer)
            writeRule(hop.lookup?.rule, names: report.snapshot.names, to: &writer)
            writer.key("steps")
            writer.beginArray()
            for line in hop.lookup.map({ LookupStepsText(snapshot: report.snapshot).lines($0) }) ?? [] { writer.string(line) }
            writer.endArray()
        }
        if let mtu = report.result.pathMTU { writer.member("path_mtu", mtu) } else { writer.nullMember("path_mtu") }
        writer.key("notes")
        writer.beginArray()
        for note in report.notes { writer.string(note) }
        writer.endArray()
        writer.key("findings")
        FindingsJSON.write(report.result.findings, to: &writer)
        writer.key("kernel")
        if let kernel = report.kernel { write(kernel, snapshot: report.snapshot, to: &writer) } else { writer.null() }
        if let probe {
            writer.key("probe")
            probe.write(to: &writer)
        }
        writer.endObject()
        return writer.text
    }

    /// `"rule": {"priority": 32766, "action": "lookup", "table": "main"}` (the rule that decided).
    private static func writeRule(_ rule: Rule?, names: IPNames, to writer: inout JSONWriter) {
        writer.key("rule")
        guard let rule else { return writer.null() }
        writer.beginObject()
        writer.member("priority", rule.priority)
        writer.member("selector", RuleText.selector(rule))
        writer.member("action", rule.action.name)
        if rule.action == .lookup { writer.member("table", names.name(of: rule.table)) }
        writer.endObject()
    }

    /// `{"route": ..., "fibmatch": ..., "error": ..., "agrees": true, "disagreements": []}`.
    private static func write(_ kernel: KernelRouteCheck, snapshot: NetworkSnapshot, to writer: inout JSONWriter) {
        let encoder = IPRouteJSON(snapshot: snapshot)
        writer.beginObject()
        writer.key("route")
        if case .success(let route) = kernel.taken { encoder.write(route, to: &writer) } else { writer.null() }
        writer.key("fibmatch")
        if case .success(let route) = kernel.matched { encoder.write(route, to: &writer) } else { writer.null() }
        writer.key("error")
        if case .failure(let error) = kernel.taken {
            writer.beginObject()
            writer.member("errno", error.errno.name)
            writer.member("message", error.kernelMessage ?? error.errno.message)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.member("agrees", kernel.agrees)
        writer.key("disagreements")
        writer.beginArray()
        for disagreement in kernel.disagreements { writer.string(disagreement) }
        writer.endArray()
        writer.endObject()
    }
}
