import ArgumentParser
import PodRouteCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List policy routing rules of both families (`ip rule`).",
        discussion: "`--json` prints what `ip -j rule` prints for each family, plus `family`."
    )

    @OptionGroup var source: SourceOptions
    @Flag(name: .long, help: "Print JSON (a superset of `ip -j rule`).") var json = false

    func run() throws {
        let snapshot = try source.loadSnapshot()
        var output = OutputBuffer()
        if json {
            RulesJSONOutput.write(snapshot: snapshot)
        } else {
            var table = TextTable(headers: ["FAMILY", "PRIO", "SELECTOR", "ACTION"])
            let rows = snapshot.rules.map { rule in
                [rule.family == .inet ? "ipv4" : "ipv6", String(rule.priority), RuleText.selector(rule),
                 RuleText.action(rule, names: snapshot.names)]
            }
            rows.forEach { table.measure($0) }
            output.line(table.headerLine)
            rows.forEach { output.line(table.format($0)) }
        }
        output.flush()
        CaptureWarnings.report(snapshot)
    }
}
