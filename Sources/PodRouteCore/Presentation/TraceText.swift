/// A multi-host trace as the lines an operator reads: one line per host with the device and
/// route it uses, encapsulation brackets, the return path, then every finding with its fix.
/// Shared by `podroute trace --site` and the TUI's Trace view.
public struct TraceText: Sendable {
    public let result: TraceResult
    public let site: Site
    public let glyphs: TraceGlyphs

    public init(result: TraceResult, site: Site, glyphs: TraceGlyphs = .unicode) {
        self.result = result
        self.site = site
        self.glyphs = glyphs
    }

    /// `verdict: REACHABLE`, `UNREACHABLE at gw`, `FORWARDED beyond gw (podroute cannot see further)`.
    public var verdictLine: String {
        let last = result.hops.last.map { Sanitizer.printable($0.host) }
        switch result.verdict {
        case .reachable: return "REACHABLE"
        case .unreachable: return "UNREACHABLE" + (last.map { " at \($0)" } ?? "")
        case .forwarded: return "FORWARDED beyond \(last ?? "the known hosts") (podroute cannot see further)"
        case .unknown: return "UNKNOWN"
        }
    }

    /// One line per hop of the forward path.
    public var hopLines: [String] { lines(for: result.hops) }

    /// The reply's path, compressed to one line: `node2 → gw → office`.
    public var returnLine: String? {
        guard !result.returnHops.isEmpty else { return nil }
        return "return: " + result.returnHops.map { Sanitizer.printable($0.host) }.joined(separator: " \(glyphs.arrow) ")
    }

    public func lines(for hops: [TraceHop]) -> [String] {
        let names = hops.map { Sanitizer.printable($0.host) }
        let width = names.map(\.count).max() ?? 0
        return zip(hops, names).map { hop, name in
            let name = name.padding(toLength: width)
            return "\(name)  " + describe(hop)
        }
    }

    private func describe(_ hop: TraceHop) -> String {
        let snapshot = site.host(named: hop.host)?.snapshot
        let text = snapshot.map { RouteText(snapshot: $0) }
        switch hop.outcome {
        case .dropped(let code):
            let what = hop.route.flatMap { route in text.map { $0.ipRouteLine(route) } }.map { " (\($0))" } ?? ""
            return "\(glyphs.cross) \(code.rawValue)\(what)"
        case .deliveredLocally:
            return "\(glyphs.check) delivered: \(result.destination) is an address of \(Sanitizer.printable(hop.host))"
        case .deliveredToWorkload(let device, let pod):
            let podText = pod.map { "pod \(Sanitizer.printable($0.description)) " } ?? "a workload "
            return "\(link(device)) \(podText)(\(result.destination)) \(glyphs.check)"
        case .forwarded, .leftSite:
            var line = link(hop.egressDevice ?? "?")
            if let route = hop.route, let text { line += " " + text.ipRouteLine(route) }
            if let encapsulation = hop.encapsulation {
                line += "   [\(encapsulation.kind.rawValue.uppercased())"
                if let outer = encapsulation.outerSource, let far = encapsulation.outerDestination { line += " \(outer) \(glyphs.arrow) \(far)" }
                if let vni = encapsulation.vni { line += ", VNI \(vni)" }
                if let mtu = hop.mtu { line += ", MTU \(mtu)" }
                line += "]"
            }
            if case .leftSite(let nextHop) = hop.outcome {
                line += "   \(glyphs.arrow) \(nextHop.map(String.init(describing:)) ?? "the link"), outside the known hosts"
            }
            return line
        }
    }

    private func link(_ device: String) -> String {
        "\(glyphs.line)\(glyphs.line)\(Sanitizer.printable(device))\(glyphs.line)\(glyphs.line)\(glyphs.head)"
    }

    /// `[!] code  message` then `    fix: …`, for each finding.
    public var findingLines: [String] {
        result.findings.flatMap { finding in
            ["[!] \(finding.code.rawValue)  \(Sanitizer.printable(finding.message))", "    fix: \(Sanitizer.printable(finding.fix))"]
        }
    }
}

/// The few glyphs a path diagram needs, with an ASCII set for `--ascii` and PuTTY.
public struct TraceGlyphs: Sendable {
    public var line: String
    public var head: String
    public var arrow: String
    public var check: String
    public var cross: String

    public static let unicode = TraceGlyphs(line: "─", head: "▶", arrow: "→", check: "✓", cross: "✗")
    public static let ascii = TraceGlyphs(line: "-", head: ">", arrow: "->", check: "ok", cross: "x")
}

extension String {
    /// Pads with spaces to `length` characters (never truncates).
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
