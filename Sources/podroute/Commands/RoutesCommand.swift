import ArgumentParser
import PodRouteCore

struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "List routes of every table and both families, each with its role.",
        discussion: "`--json` prints a superset of `ip -j -d route show table all`: the same keys plus `family`, `role`, `encap`, `node` and `pod`."
    )

    @OptionGroup var source: SourceOptions
    @Flag(name: .long, help: "Print JSON (a superset of `ip -j -d route show table all`).") var json = false
    @Flag(name: .long, help: "Print only how many routes there are.") var count = false
    @Option(name: .long, help: ArgumentHelp("Only this table: all, main, local, default or a number.", valueName: "TABLE"))
    var table: String = "all"
    @Flag(name: .customShort("4"), help: "IPv4 only.") var ipv4 = false
    @Flag(name: .customShort("6"), help: "IPv6 only.") var ipv6 = false

    func validate() throws {
        if ipv4 && ipv6 { throw ValidationError("-4 and -6 exclude each other") }
        if table != "all", IPNames.iproute2Defaults.table(named: table) == nil {
            throw ValidationError("--table takes all, main, local, default or a number, not '\(table)'")
        }
    }

    func run() throws {
        let snapshot = try source.loadSnapshot()
        let filter = RouteFilter(family: ipv4 ? .inet : ipv6 ? .inet6 : nil,
                                 table: table == "all" ? nil : snapshot.names.table(named: table))
        var output = OutputBuffer()
        if count {
            RoutesCountOutput.write(snapshot: snapshot, filter: filter, json: json, to: &output)
        } else {
            let classifier = CNIClassifier(snapshot: snapshot, hints: source.hints)
            if json {
                RoutesJSONOutput.write(snapshot: snapshot, classifier: classifier, filter: filter)
            } else {
                RoutesTextOutput.write(snapshot: snapshot, classifier: classifier, filter: filter, to: &output)
            }
        }
        output.flush()
        CaptureWarnings.report(snapshot)
    }
}

/// Which routes a command shows.
struct RouteFilter {
    var family: AddressFamily?
    var table: RouteTableID?

    func indices(in routes: RouteStore) -> Range<Int> {
        family.map { routes.indices(of: $0) } ?? routes.indices
    }

    func accepts(_ route: Route) -> Bool {
        table.map { route.table == $0 } ?? true
    }
}

enum RoutesCountOutput {
    static func write(snapshot: NetworkSnapshot, filter: RouteFilter, json: Bool, to output: inout OutputBuffer) {
        var ipv4 = 0
        var ipv6 = 0
        var tables = Set<RouteTableID>()
        for index in filter.indices(in: snapshot.routes) {
            let route = snapshot.routes[index]
            guard filter.accepts(route) else { continue }
            if route.family == .inet { ipv4 += 1 } else { ipv6 += 1 }
            tables.insert(route.table)
        }
        if json {
            output.line("{\"count\":\(ipv4 + ipv6),\"ipv4\":\(ipv4),\"ipv6\":\(ipv6),\"tables\":\(tables.count)}")
        } else {
            output.line("\(ipv4 + ipv6) routes (\(ipv4) IPv4, \(ipv6) IPv6) in \(tables.count) table\(tables.count == 1 ? "" : "s")")
        }
    }
}

/// `podroute routes` as aligned text.
enum RoutesTextOutput {
    static func write(snapshot: NetworkSnapshot, classifier: CNIClassifier, filter: RouteFilter,
                      to output: inout OutputBuffer) {
        let text = RouteText(snapshot: snapshot)
        var table = TextTable(headers: ["DST", "VIA", "DEV", "PROTO", "SCOPE", "METRIC", "TABLE", "ROLE"])
        func cells(_ route: Route) -> [String] {
            [text.destination(route), text.via(route), text.device(route), text.proto(route), text.scope(route),
             text.metric(route), text.table(route), text.role(classifier.classify(route))]
        }
        let indices = filter.indices(in: snapshot.routes)
        for index in indices where filter.accepts(snapshot.routes[index]) { table.measure(cells(snapshot.routes[index])) }
        output.line(table.headerLine)
        for index in indices {
            let route = snapshot.routes[index]
            if filter.accepts(route) { output.line(table.format(cells(route))) }
        }
    }
}
