import PodRouteCore

/// What `podroute plan` prints: per host its checks, the table diff, the paths that change
/// and the commands; then the verdict. Text for people, JSON for scripts.
struct PlanReport {
    enum Status: String {
        case planned, refused, failed
    }

    struct Host {
        var name: String
        var source: SnapshotSource
        var draft: GatewayPlanner.Draft
        /// The vendor format of its commands (a chain's routers may each have their own).
        var format: String
        var commands: RouteCommands?
    }

    var format: String
    var force: Bool
    /// Hosts of the site that could not be read.
    var notes: [String]
    var hosts: [Host] = []
    /// Problems of the whole chain.
    var issues: [PlanIssue] = []
    var written: [String] = []

    init(format: String, force: Bool, notes: [String]) {
        self.format = format
        self.force = force
        self.notes = notes
    }

    private var allIssues: [PlanIssue] { issues + hosts.flatMap(\.draft.issues) }

    var status: Status {
        if allIssues.contains(where: { $0.severity == .error }) || (hosts.isEmpty && !issues.isEmpty) { return .failed }
        return allIssues.contains { $0.severity == .refusal } ? .refused : .planned
    }

    private func label(_ issue: PlanIssue) -> String {
        switch issue.severity {
        case .error: "error"
        case .refusal: force ? "forced" : "refused"
        case .warning: "warning"
        }
    }

    // MARK: Text

    func text() -> String {
        var lines: [String] = []
        for note in notes { lines.append("note: \(Sanitizer.printable(note))") }
        for issue in issues { lines.append("[\(label(issue))] \(Sanitizer.printable(issue.message))") }
        let failed = status == .failed
        for (position, host) in hosts.enumerated() {
            if !lines.isEmpty { lines.append("") }
            let order = hosts.count > 1 ? "step \(position + 1) of \(hosts.count): " : ""
            let count = host.draft.operations.count
            lines.append("\(order)plan for \(Sanitizer.printable(host.name)) (\(Sanitizer.printable(host.source.description))): "
                         + "\(count) change\(count == 1 ? "" : "s")")
            for issue in host.draft.issues { lines.append("  [\(label(issue))] \(Sanitizer.printable(issue.message))") }
            // Nothing half-done: with an error anywhere, only the errors are shown.
            guard !failed else { continue }
            if !host.draft.diff.isEmpty {
                lines.append("")
                let tables = Set(host.draft.operations.map { host.draft.target.names.name(of: $0.route.table) }).sorted()
                lines.append("  routes before -> after (table \(tables.joined(separator: ", "))):")
                lines += host.draft.diff.text().map { "    " + $0 }
            }
            let impact = host.draft.impact
            if !impact.changes.isEmpty || !impact.unchanged.isEmpty {
                lines.append("")
                lines.append("  paths that change:")
                for change in impact.changes {
                    lines.append("    \(change.probe.address) (\(Sanitizer.printable(change.probe.label))): "
                                 + "\(change.before) -> \(change.after)")
                }
                if impact.changes.isEmpty { lines.append("    none") }
                if !impact.unchanged.isEmpty {
                    lines.append("    (\(impact.unchanged.count) other destination\(impact.unchanged.count == 1 ? "" : "s") keep their path)")
                }
            }
            if let commands = host.commands {
                lines.append("")
                lines.append("  commands (\(host.format)):")
                lines += commands.apply.map { "    " + $0 }
                lines.append("  rollback:")
                lines += commands.rollback.map { "    " + $0 }
            }
        }
        lines.append("")
        lines.append(verdict)
        return lines.joined(separator: "\n") + "\n"
    }

    private var verdict: String {
        let errors = allIssues.filter { $0.severity == .error }.count
        let refusals = allIssues.filter { $0.severity == .refusal }.count
        switch status {
        case .failed:
            return "not planned: \(errors) error\(errors == 1 ? "" : "s"); nothing was written or applied"
        case .refused where !force:
            return "refused: \(refusals) check\(refusals == 1 ? "" : "s") refuse\(refusals == 1 ? "s" : "") this plan; "
                + "change the plan, or rerun with --force if you are sure; nothing was written or applied"
        case .refused, .planned:
            let forced = refusals > 0 ? " (\(refusals) refusal\(refusals == 1 ? "" : "s") overridden by --force)" : ""
            let changes = hosts.reduce(0) { $0 + $1.draft.operations.count }
            if changes == 0 { return "nothing to change\(forced)" }
            let file = written.isEmpty ? "write it with -o FILE" : "written to \(written.joined(separator: ", "))"
            return "planned\(forced): nothing applied; \(file)"
        }
    }

    // MARK: JSON

    func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("status", status.rawValue)
        writer.member("forced", force && status == .refused)
        writer.member("format", format)
        writer.key("issues")
        writeIssues(issues, to: &writer)
        writer.key("notes")
        writer.beginArray()
        for note in notes { writer.string(note) }
        writer.endArray()
        writer.key("hosts")
        writer.beginArray()
        let failed = status == .failed
        for host in hosts { writeHost(host, failed: failed, to: &writer) }
        writer.endArray()
        writer.key("written")
        writer.beginArray()
        for path in written { writer.string(path) }
        writer.endArray()
        writer.endObject()
        return writer.text
    }

    private func writeIssues(_ issues: [PlanIssue], to writer: inout JSONWriter) {
        writer.beginArray()
        for issue in issues {
            writer.beginObject()
            writer.member("severity", issue.severity.rawValue)
            writer.member("message", issue.message)
            writer.endObject()
        }
        writer.endArray()
    }

    /// A failed plan shows its issues only: nothing half-done is printed as if it were planned.
    private func writeHost(_ host: Host, failed: Bool, to writer: inout JSONWriter) {
        let routes = IPRouteJSON(snapshot: host.draft.target)
        var draft = host.draft
        if failed {
            draft.operations = []
            draft.impact = PathImpact(changes: [], unchanged: [])
        }
        writer.beginObject()
        writer.member("host", host.name)
        writer.member("source", host.source.description)
        writer.member("format", host.format)
        writer.key("issues")
        writeIssues(host.draft.issues, to: &writer)
        writer.key("operations")
        RoutePlanJSON.writeOperations(draft.operations, routes: routes, to: &writer)
        writer.key("diff")
        writer.beginArray()
        for line in draft.diff.lines where line.mark != .same && !failed {
            writer.beginObject()
            writer.member("change", line.mark == .added ? "added" : "removed")
            writer.member("route", line.text)
            writer.endObject()
        }
        writer.endArray()
        writer.key("paths")
        writer.beginArray()
        for change in draft.impact.changes {
            writer.beginObject()
            writer.member("address", change.probe.address.description)
            writer.member("what", change.probe.label)
            writer.member("before", change.before.description)
            writer.member("after", change.after.description)
            writer.endObject()
        }
        writer.endArray()
        writer.key("commands")
        writer.beginObject()
        writer.key("apply")
        writer.beginArray()
        for command in failed ? [] : host.commands?.apply ?? [] { writer.string(command) }
        writer.endArray()
        writer.key("rollback")
        writer.beginArray()
        for command in failed ? [] : host.commands?.rollback ?? [] { writer.string(command) }
        writer.endArray()
        writer.endObject()
        writer.endObject()
    }
}
