import PodRouteCore
import PodRouteNetlink

/// A single-host trace as the lines an operator reads: the question, the rules and tables the
/// lookup went through, the route and what it means (role, next hop, device, encapsulation,
/// MTU), the verdict, the kernel's own answer, then findings with their fixes.
struct SingleHostTraceText {
    let report: SingleHostTraceReport
    let glyphs: TraceGlyphs

    var lines: [String] {
        let snapshot = report.snapshot
        let routeText = RouteText(snapshot: snapshot)
        let trace = TraceText(result: report.result, site: report.site, glyphs: glyphs)
        var lines = ["trace \(report.packet.words(destination: report.destination)) on \(report.host.name) (\(snapshot.source))"]
        func field(_ name: String, _ value: String) { lines.append(Self.field(name, value)) }

        if let hop = report.hop {
            if let lookup = hop.lookup {
                let steps = LookupStepsText(snapshot: snapshot).lines(lookup)
                for (position, step) in steps.enumerated() { field(position == 0 ? "lookup" : "", step) }
            }
            if let route = hop.route {
                field("route", routeText.ipRouteLine(route))
                if let classification = hop.classification { field("role", routeText.role(classification)) }
            }
            if hop.gateway != nil || hop.egressDevice != nil {
                field("next hop", "\(hop.gateway.map { "\($0) " } ?? "directly ")on \(hop.egressDevice ?? "?")")
            }
            if let encapsulation = hop.encapsulation { field("encap", TraceText.describe(encapsulation, glyphs: glyphs)) }
            if let mtu = report.result.pathMTU { field("path MTU", String(mtu)) }
        }
        field("verdict", trace.verdictLine)
        for note in report.notes { field("note", note) }
        if let kernel = report.kernel {
            lines += kernelLines(kernel, routeText: routeText)
        } else {
            field("kernel", "not asked: \(snapshot.source) is not a live kernel")
        }
        lines += trace.findingLines
        return lines.map(Sanitizer.printable)
    }

    private func kernelLines(_ kernel: KernelRouteCheck, routeText: RouteText) -> [String] {
        var lines: [String] = []
        func field(_ name: String, _ value: String) { lines.append(Self.field(name, value)) }
        switch kernel.taken {
        case .success(let route):
            // A route-get answer carries no protocol; `ip route get` prints none.
            var shown = route
            if shown.proto == .unspec { shown.proto = .boot }
            field("kernel", routeText.ipRouteLine(shown))
        case .failure(let error): field("kernel", "refused: \(error.kernelMessage ?? error.errno.message) (\(error.errno.name))")
        }
        if case .success(let fib) = kernel.matched { field("fibmatch", routeText.ipRouteLine(fib)) }
        if kernel.agrees {
            field("", "\(glyphs.check) the kernel agrees with the snapshot")
        } else {
            for disagreement in kernel.disagreements {
                lines.append("!!! DISAGREEMENT: \(disagreement)")
            }
            lines.append("!!! the snapshot and the kernel differ: the routing state changed since it was read, or podroute misjudges it (please report)")
        }
        return lines
    }

    /// `  route     10.21.69.192/26 via ...`: the name in a 9-column gutter.
    private static func field(_ name: String, _ value: String) -> String {
        "  " + name + String(repeating: " ", count: max(0, 9 - name.count)) + " " + value
    }
}
