import ArgumentParser
import PodRouteCore

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "List links with their CNI role, state, addresses, peer and pod.",
        discussion: "`--json` prints a superset of `ip -j -d addr show`: the same keys plus `role` and `pod`."
    )

    @OptionGroup var source: SourceOptions
    @Flag(name: .long, help: "Print JSON (a superset of `ip -j -d addr show`).") var json = false

    func run() throws {
        let snapshot = try source.loadSnapshot()
        let classifier = CNIClassifier(snapshot: snapshot, hints: source.hints)
        if json {
            LinksJSONOutput.write(snapshot: snapshot, classifier: classifier)
        } else {
            var output = OutputBuffer()
            LinksTextOutput.write(snapshot: snapshot, classifier: classifier, to: &output)
            output.flush()
        }
        CaptureWarnings.report(snapshot)
    }
}

/// `podroute links` as aligned text: uplinks and tunnels first, workloads last.
enum LinksTextOutput {
    static func write(snapshot: NetworkSnapshot, classifier: CNIClassifier, to output: inout OutputBuffer) {
        let text = LinkText(snapshot: snapshot)
        var table = TextTable(headers: ["NAME", "ROLE", "STATE", "MTU", "ADDRESSES", "PEER", "POD / DETAIL"])
        let links = snapshot.links.sorted {
            let left = classifier.role(of: $0.index)?.displayRank ?? 9
            let right = classifier.role(of: $1.index)?.displayRank ?? 9
            return (left, $0.index) < (right, $1.index)
        }
        let rows = links.map { link -> [String] in
            let role = classifier.role(of: link.index) ?? .other
            var detail = classifier.pod(of: link.index).map { Sanitizer.printable($0.description) } ?? ""
            if detail.isEmpty, let vxlan = link.vxlan {
                detail = "vni \(vxlan.vni.map(String.init) ?? "?") port \(vxlan.port.map(String.init) ?? "?")"
                    + (vxlan.local.map { " local \($0)" } ?? "")
            }
            if detail.isEmpty, let master = text.master(link) { detail = "master " + master }
            if link.isInferred { detail = "only named by routes" }
            return [text.name(link), role.rawValue, text.state(link), String(link.mtu),
                    text.addresses(link).joined(separator: " "), text.peer(link), detail]
        }
        rows.forEach { table.measure($0) }
        output.line(table.headerLine)
        rows.forEach { output.line(table.format($0)) }
    }
}
