import PodRouteCore

/// A traced path as the Trace view's lines: one line per host (arrival device, egress device
/// as an arrow, the route used, or why it stops), connectors between hosts, a bracket over
/// the hops a tunnel spans with its outer addresses, VNI and MTU, then the way back and every
/// finding with its fix. Pure: the reducer scrolls over the same lines the view draws.
enum TraceDiagram {
    struct Line {
        var runs: [StyledRun]
        /// The hop this line shows (selectable), if any.
        var hop: Int?
    }

    static let hostColumnLimit = 12
    static let arrivalColumnLimit = 20

    static func lines(_ outcome: TraceOutcome, unread: [String], glyphs: Glyphs, width: Int) -> [Line] {
        let result = outcome.result
        let hops = result.hops
        let hostWidth = min(hostColumnLimit, hops.map { TextWidth.width(of: Sanitizer.printable($0.host)) }.max() ?? 0)
        let arrivals = hops.enumerated().map { arrival($0.element, first: $0.offset == 0, source: result.source) }
        // Narrow screens keep the route readable: the arrival column moves onto the connectors.
        let narrow = width < 100
        let arrivalWidth = narrow ? 0 : min(arrivalColumnLimit, arrivals.map { TextWidth.width(of: $0) }.max() ?? 0)
        // Where a tunnel starts: its hop and the next one are bracketed on the right.
        let tunnelled = Set(hops.indices.filter { hops[$0].encapsulation != nil && $0 + 1 < hops.count })
        let actionX = 2 + hostWidth + 2 + arrivalWidth + (arrivalWidth > 0 ? 2 : 0)
        // The bracket stands two cells after the longest line it spans (at the edge when that is too long).
        let spanned = tunnelled.flatMap { [
            actionX + Self.width(of: action(hops[$0], outcome: outcome, glyphs: glyphs)),
            actionX + Self.width(of: action(hops[$0 + 1], outcome: outcome, glyphs: glyphs)),
            actionX + TextWidth.width(of: tunnelText(hops[$0].encapsulation!, mtu: hops[$0].mtu, glyphs: glyphs)),
        ] }
        let bracketX = min(width - 1, (spanned.max() ?? width) + 2)

        var lines: [Line] = []
        for (index, hop) in hops.enumerated() {
            var runs = [StyledRun(text: "  ", style: .normal),
                        StyledRun(text: pad(Sanitizer.printable(hop.host), hostWidth, glyphs), style: .title),
                        StyledRun(text: "  ", style: .normal),
                        StyledRun(text: pad(arrivals[index], arrivalWidth, glyphs), style: .dim)]
            if arrivalWidth > 0 { runs.append(StyledRun(text: "  ", style: .normal)) }
            runs += action(hop, outcome: outcome, glyphs: glyphs)
            let inBracket = tunnelled.contains(index) || tunnelled.contains(index - 1)
            if inBracket {
                runs = fit(runs, width: bracketX - 1, glyphs: glyphs)
                runs.append(StyledRun(text: pad("", bracketX - Self.width(of: runs), glyphs), style: .normal))
                let corner = tunnelled.contains(index) && !tunnelled.contains(index - 1) ? glyphs.topRight
                    : tunnelled.contains(index) ? glyphs.teeLeft : glyphs.bottomRight
                runs.append(StyledRun(text: String(corner), style: .label))
            }
            lines.append(Line(runs: fit(runs, width: width, glyphs: glyphs), hop: index))
            guard index + 1 < hops.count else { continue }
            // The connector to the next host; a tunnel's label rides on it, inside the bracket.
            var connector = [StyledRun(text: "  " + pad(String(glyphs.vertical), hostWidth, glyphs), style: .border)]
            if let encapsulation = hop.encapsulation {
                connector.append(StyledRun(text: pad("", actionX - Self.width(of: connector), glyphs), style: .normal))
                connector.append(StyledRun(text: tunnelText(encapsulation, mtu: hop.mtu, glyphs: glyphs), style: .label))
                connector = fit(connector, width: bracketX - 1, glyphs: glyphs)
                connector.append(StyledRun(text: pad("", bracketX - Self.width(of: connector), glyphs), style: .normal))
                connector.append(StyledRun(text: String(glyphs.vertical), style: .label))
            } else if narrow {
                connector.append(StyledRun(text: pad("", actionX - Self.width(of: connector), glyphs) + arrivals[index + 1], style: .dim))
            }
            lines.append(Line(runs: fit(connector, width: width, glyphs: glyphs), hop: nil))
        }

        lines.append(Line(runs: [], hop: nil))
        let text = TraceText(result: result, site: outcome.site, glyphs: glyphs.isUnicode ? .unicode : .ascii)
        if let back = text.returnLine {
            lines += wrapped([StyledRun(text: "  return", style: .label), StyledRun(text: String(back.dropFirst("return".count)), style: .normal)],
                             width: width, indent: 4, glyphs: glyphs)
        }
        // A tunnel out of the last known host has no connector to ride on: its own line (a
        // single-host trace of a VXLAN route shows the outer addresses, VNI and port here).
        if let last = hops.last, let encapsulation = last.encapsulation {
            lines += wrapped([StyledRun(text: "  encap", style: .label),
                              StyledRun(text: " " + TraceText.describe(encapsulation, glyphs: glyphs.isUnicode ? .unicode : .ascii),
                                        style: .normal)],
                             width: width, indent: 4, glyphs: glyphs)
        }
        if let mtu = result.pathMTU {
            lines.append(Line(runs: [StyledRun(text: "  ", style: .normal), StyledRun(text: "path MTU", style: .label),
                                     StyledRun(text: " \(mtu)", style: .normal)], hop: nil))
        }
        if result.verdict == .forwarded, let last = hops.last {
            lines += wrapped([StyledRun(text: "podroute knows no host beyond \(Sanitizer.printable(last.host)): add it to the site to follow the packet further",
                                        style: .dim)], width: width, indent: 2, glyphs: glyphs)
        }
        lines.append(Line(runs: [], hop: nil))
        lines += findingLines(result.findings, width: width, glyphs: glyphs)
        for failure in unread {
            lines += wrapped([StyledRun(text: "[?] ", style: .warning), StyledRun(text: "not read: \(Sanitizer.printable(failure))", style: .dim)],
                             width: width, indent: 1, glyphs: glyphs)
        }
        return lines
    }

    /// Findings: fatal ones (the packet is dropped) marked `[✗]` in reverse video, warnings `[!]`
    /// in bold, so the two differ without colour; each with its fix on the next lines.
    static func findingLines(_ findings: [Finding], width: Int, glyphs: Glyphs) -> [Line] {
        guard !findings.isEmpty else {
            return [Line(runs: [StyledRun(text: " \(glyphs.check) ", style: .ok), StyledRun(text: "no findings", style: .ok)], hop: nil)]
        }
        var lines: [Line] = []
        for finding in findings {
            let fatal = finding.code.isFatal
            let marker = StyledRun(text: fatal ? "[\(glyphs.cross)]" : "[!]", style: fatal ? .danger : .warning,
                                   attributes: fatal ? [.bold, .reverse] : .bold)
            let host = finding.host.map { " on \(Sanitizer.printable($0))" } ?? ""
            lines += wrapped([StyledRun(text: " ", style: .normal), marker, StyledRun(text: " ", style: .normal),
                              StyledRun(text: finding.code.rawValue, style: fatal ? .danger : .warning),
                              StyledRun(text: (fatal ? " (stops the packet)" : " (warning)") + host, style: .dim)],
                             width: width, indent: 5, glyphs: glyphs)
            lines += wrapped([StyledRun(text: "     " + Sanitizer.printable(finding.message), style: .normal)],
                             width: width, indent: 5, glyphs: glyphs)
            lines += wrapped([StyledRun(text: "     fix", style: .label), StyledRun(text: " " + Sanitizer.printable(finding.fix), style: .normal)],
                             width: width, indent: 9, glyphs: glyphs)
        }
        return lines
    }

    /// `src 192.168.50.10` at the start, `in eth0` where the packet arrived.
    static func arrival(_ hop: TraceHop, first: Bool, source: IPAddress?) -> String {
        if first { return source.map { "src \($0)" } ?? "" }
        return "in " + Sanitizer.printable(hop.arrivedOn ?? "?")
    }

    /// What the host does: `──eth1──▶ route`, the pod it delivers to, or `✗ code: why`.
    static func action(_ hop: TraceHop, outcome: TraceOutcome, glyphs: Glyphs) -> [StyledRun] {
        let destination = outcome.result.destination
        let routeText = outcome.site.host(named: hop.host).map { RouteText(snapshot: $0.snapshot) }
        // The arrow names the egress device already: `dev X` would only repeat it.
        let route = hop.route.flatMap { route in
            routeText.map { text in
                let line = text.ipRouteLine(route)
                guard route.nexthops.isEmpty, let device = route.device else { return line }
                return line.replacing(" dev " + text.deviceName(device), with: "")
            }
        }
        switch hop.outcome {
        case .dropped(let code):
            let why = route.map { "\($0)" } ?? "no route for \(destination)"
            return [StyledRun(text: "\(glyphs.cross) \(code.rawValue)", style: .danger, attributes: .bold),
                    StyledRun(text: ": " + why, style: .normal)]
        case .deliveredLocally:
            return [StyledRun(text: "\(glyphs.check) ", style: .ok),
                    StyledRun(text: "delivered: \(destination) is an address of \(Sanitizer.printable(hop.host))", style: .normal)]
        case .deliveredToWorkload(let device, let pod):
            let what = pod.map { "pod \(Sanitizer.printable($0.description))" } ?? "a workload"
            return [arrow(device, glyphs: glyphs), StyledRun(text: " \(what) (\(destination)) ", style: .normal),
                    StyledRun(text: glyphs.check, style: .ok)]
        case .forwarded, .leftSite:
            var runs = [arrow(hop.egressDevice ?? "?", glyphs: glyphs), StyledRun(text: " " + (route ?? "?"), style: .normal)]
            if case .leftSite(let nextHop) = hop.outcome {
                runs.append(StyledRun(text: "  \(glyphs.arrow) \(nextHop.map(String.init(describing:)) ?? "the link"), outside the known hosts",
                                      style: .dim))
            }
            return runs
        }
    }

    static func arrow(_ device: String, glyphs: Glyphs) -> StyledRun {
        let line = String(glyphs.horizontal) + String(glyphs.horizontal)
        return StyledRun(text: line + Sanitizer.printable(device) + line + glyphs.pointer, style: .key)
    }

    /// `VXLAN 10.20.1.22 → 10.20.1.24  VNI 4096  port 4789  MTU 1450`.
    static func tunnelText(_ encapsulation: EncapsulationInfo, mtu: UInt32?, glyphs: Glyphs) -> String {
        var text = encapsulation.kind.rawValue.uppercased()
        if let outer = encapsulation.outerSource, let far = encapsulation.outerDestination {
            text += " \(outer) \(glyphs.arrow) \(far)"
        } else if let outer = encapsulation.outerSource, encapsulation.outerDestinationUnknown != nil {
            // The reason is a sentence, too long for the bracket: the findings and the detail say it.
            text += " \(outer) \(glyphs.arrow) ? (outer destination unknown)"
        }
        if let vni = encapsulation.vni { text += "  VNI \(vni)" }
        if let port = encapsulation.port { text += "  port \(port)" }
        if let mtu { text += "  MTU \(mtu)" }
        return text
    }

    // MARK: Runs

    static func width(of runs: [StyledRun]) -> Int { runs.reduce(0) { $0 + TextWidth.width(of: $1.text) } }

    static func pad(_ text: String, _ width: Int, _ glyphs: Glyphs) -> String {
        let fitted = Surface.fit(text, width: width, ellipsis: glyphs.ellipsis)
        return fitted + String(repeating: " ", count: max(0, width - TextWidth.width(of: fitted)))
    }

    /// The runs cut to `width` cells, ending in an ellipsis when anything was cut.
    static func fit(_ runs: [StyledRun], width: Int, glyphs: Glyphs) -> [StyledRun] {
        guard self.width(of: runs) > width else { return runs }
        var kept: [StyledRun] = []
        var used = 0
        for run in runs {
            let runWidth = TextWidth.width(of: run.text)
            let room = width - used
            if runWidth < room {
                kept.append(run)
                used += runWidth
                continue
            }
            // This run reaches the edge and something (it or what follows) is cut.
            let mark = TextWidth.width(of: glyphs.ellipsis) <= room ? glyphs.ellipsis : ""
            var cut = run
            cut.text = String(TextWidth.prefix(of: run.text, fitting: room - TextWidth.width(of: mark)).text) + mark
            kept.append(cut)
            break
        }
        return kept
    }

    /// Runs wrapped at spaces to `width`; continuation lines indented by `indent`.
    static func wrapped(_ runs: [StyledRun], width: Int, indent: Int, glyphs: Glyphs) -> [Line] {
        var lines: [Line] = []
        var current: [StyledRun] = []
        var used = 0
        for run in runs {
            // Split each run into words, keeping the spaces with the word after them.
            var pieces: [String] = []
            var piece = ""
            for character in run.text {
                if character == " ", !piece.isEmpty, piece.last != " " {
                    pieces.append(piece)
                    piece = ""
                }
                piece.append(character)
            }
            if !piece.isEmpty { pieces.append(piece) }
            for piece in pieces {
                var text = piece
                let pieceWidth = TextWidth.width(of: text)
                if used > indent, used + pieceWidth > width {
                    lines.append(Line(runs: current, hop: nil))
                    current = [StyledRun(text: String(repeating: " ", count: indent), style: .normal)]
                    used = indent
                    text = String(text.drop { $0 == " " })
                }
                let room = max(1, width - used)
                let fitted = TextWidth.width(of: text) > room ? Surface.fit(text, width: room, ellipsis: glyphs.ellipsis) : text
                current.append(StyledRun(text: fitted, style: run.style, attributes: run.attributes))
                used += TextWidth.width(of: fitted)
            }
        }
        if !current.isEmpty { lines.append(Line(runs: current, hop: nil)) }
        return lines
    }
}
