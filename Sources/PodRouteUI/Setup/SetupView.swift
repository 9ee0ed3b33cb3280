import PodRouteCore

/// The guided setup, drawn over the Plan view's body:
///
///     step 3 of 6 · which CIDRs                                   plans for gw (network namespace …)
///     1 where ✓ → 2 unreachable ✓ → [3 CIDRs] → 4 next hops → 5 preview → 6 apply
///     ├─ … ─┤
///     the step's text (the candidate list on step 3, the Plan preview on step 5)
enum SetupView {
    static func draw(_ surface: inout Surface, state: AppState, layout: Layout) {
        guard let wizard = state.setup else { return }
        let body = layout.body
        let step = wizard.step
        let host = Sanitizer.printable(state.currentHost ?? state.snapshot.host)
        surface.put("setup · step \(step.rawValue) of \(SetupStep.count) · \(step.title)", x: body.minX + 1, y: body.minY,
                    width: body.width - 2, style: .title)
        let target = "plans for \(state.applyTarget?.description ?? host)"
        let targetWidth = min(TextWidth.width(of: target), body.width / 2)
        surface.put(target, x: body.maxX - 1 - targetWidth, y: body.minY, width: targetWidth, style: .dim)
        surface.put(stepBar(step, glyphs: surface.glyphs), x: body.minX + 1, y: body.minY + 1, width: body.width - 2)
        Chrome.titledSeparator(&surface, y: body.minY + 2, width: layout.size.width, title: "",
                               note: "Enter next · b back · Esc close · nothing is applied before step \(SetupStep.count)")
        var area = Rect(x: body.minX, y: body.minY + 3, width: body.width, height: max(0, body.height - 3))
        let lines = PlanPreviewText.wrap(SetupText.lines(state), width: area.width - 2)
        if step == .cidrs {
            // The text first (the recommendation and why), then the Plan view's own list.
            let textRows = min(lines.count, max(1, area.height / 2))
            put(lines.prefix(textRows), in: Rect(x: area.minX, y: area.minY, width: area.width, height: textRows), on: &surface)
            area = Rect(x: area.minX, y: area.minY + textRows + 1, width: area.width, height: max(0, area.height - textRows - 1))
            PlanView.drawList(&surface, state: state, rect: area)
            return
        }
        let scroll = step == .preview ? state.plan.previewScroll : min(wizard.scroll, max(0, lines.count - area.height))
        put(lines.dropFirst(scroll).prefix(area.height), in: area, on: &surface)
    }

    private static func put(_ lines: some Sequence<PlanPreviewText.Line>, in rect: Rect, on surface: inout Surface) {
        surface.clipped(to: rect) { surface in
            for (offset, line) in lines.enumerated() {
                surface.put(line.text, x: rect.minX + 1, y: rect.minY + offset, style: line.style)
            }
        }
    }

    /// `1 where ✓ → 2 unreachable ✓ → [3 CIDRs] → 4 next hops …`: done, current (bracketed) and to come.
    static func stepBar(_ current: SetupStep, glyphs: Glyphs) -> String {
        SetupStep.allCases.map { step in
            let name = "\(step.rawValue) \(step.shortTitle)"
            if step == current { return "[\(name)]" }
            return step < current ? "\(name) \(glyphs.check)" : name
        }.joined(separator: " \(glyphs.arrow) ")
    }
}

/// Each step's text: facts first, then what the operator decides and with which key.
enum SetupText {
    typealias Line = PlanPreviewText.Line

    static func lines(_ state: AppState) -> [Line] {
        guard let wizard = state.setup else { return [] }
        guard let survey = wizard.survey else { return [Line(text: "surveying the hosts…", style: .dim)] }
        switch wizard.step {
        case .whereAmI: return whereAmI(state, survey)
        case .unreachable: return unreachable(survey)
        case .cidrs: return cidrs(state, wizard.recommendation)
        case .nextHops: return nextHops(state, wizard.recommendation)
        case .preview: return PlanPreviewText.lines(state)
        case .apply: return apply(state, survey)
        }
    }

    static func whereAmI(_ state: AppState, _ survey: SetupSurvey) -> [Line] {
        let target = Sanitizer.printable(survey.target)
        var lines = [Line(text: "\(target) is \(survey.evidence.summary).", style: .normal)]
        if survey.targetIsNode {
            lines.append(Line(text: "[!] " + survey.nodeAdvice, style: .warning))
        } else if state.applyTarget == nil {
            lines.append(Line(text: "[i] " + state.cannotApplyReason + ". Setup ends with the commands.", style: .warning))
        } else {
            lines.append(Line(text: "The routes for the pod network belong here: setup plans them for \(target).", style: .ok))
        }
        if survey.hosts.count > 1 {
            lines.append(Line(text: "The site's hosts (traces start at \(Sanitizer.printable(survey.traceFrom))):", style: .title))
            for host in survey.hosts {
                lines.append(Line(text: "  \(Sanitizer.printable(host.name)): \(host.evidence.summary)", style: .normal))
            }
        }
        return lines
    }

    static func unreachable(_ survey: SetupSurvey) -> [Line] {
        guard !survey.checks.isEmpty else {
            return [Line(text: "No pod or service address is known here (no node among the hosts): the next steps use the "
                         + "CIDRs you tick; :probe POD-IP names the pod to verify with.", style: .dim)]
        }
        var lines = [Line(text: "From \(Sanitizer.printable(survey.traceFrom)), now:", style: .title)]
        for check in survey.checks {
            let ok = check.result.verdict == .reachable
            lines.append(Line(text: (ok ? "[ok] " : "[!] ") + SetupSurvey.verdictLine(check), style: ok ? .ok : .danger))
            for finding in check.result.findings {
                lines.append(Line(text: "    \(finding.code.rawValue): \(Sanitizer.printable(finding.message))", style: .normal))
                lines.append(Line(text: "      fix: \(Sanitizer.printable(finding.fix))", style: .dim))
            }
        }
        if survey.checks.allSatisfy({ $0.result.verdict == .reachable }) {
            lines.append(Line(text: "Everything traced is reachable already: the next steps would change nothing needed.",
                              style: .ok))
        }
        return lines
    }

    static func cidrs(_ state: AppState, _ recommendation: SetupRecommendation?) -> [Line] {
        var lines: [Line] = []
        if let recommendation {
            let ticked = recommendation.selected.map(\.description).joined(separator: ", ")
            lines.append(Line(text: "Recommended: \(ticked.isEmpty ? "nothing found" : ticked) (ticked unless you had ticked others). "
                              + "Space ticks or unticks, :cidr CIDR adds one.", style: .title))
            if let note = recommendation.serviceNote { lines.append(Line(text: note, style: .dim)) }
        } else {
            lines.append(Line(text: "Space ticks or unticks, :cidr CIDR adds one.", style: .title))
        }
        return lines
    }

    static func nextHops(_ state: AppState, _ recommendation: SetupRecommendation?) -> [Line] {
        let plan = state.plan
        var lines = [Line(text: "strategy: \(plan.strategy.rawValue) (m switches)   next hops: "
                          + (state.setupNextHops.isEmpty ? "none known (:via IP)" : state.setupNextHops.joined(separator: ", ")),
                          style: .title)]
        lines.append(Line(text: "why: " + (recommendation?.strategy == plan.strategy ? recommendation!.reason : plan.strategyWhy),
                          style: .normal))
        if plan.strategy == .perNode {
            for block in plan.candidates where block.kind == .podBlock && plan.chosen.contains(where: { $0.cidr.contains(block.cidr) }) {
                let node = [block.node.map(Sanitizer.printable), block.nodeIP?.description].compactMap { $0 }.joined(separator: " ")
                lines.append(Line(text: "  \(block.cidr) -> \(node.isEmpty ? "node unknown" : node)", style: .normal))
            }
        }
        var warnings = recommendation?.warnings ?? []
        if state.setupNextHops.count == 1, !warnings.contains(where: { $0.contains("single point of failure") }) {
            warnings.append("a single next hop (\(state.setupNextHops[0])) is a single point of failure")
        }
        lines += warnings.map { Line(text: "[warning] " + $0, style: .warning) }
        return lines
    }

    static func apply(_ state: AppState, _ survey: SetupSurvey) -> [Line] {
        var lines: [Line] = []
        let count = state.plan.preview?.draft.operations.count ?? 0
        if survey.targetIsNode {
            lines.append(Line(text: "Nothing is applied on a node. " + survey.nodeAdvice, style: .title))
        } else if state.applyTarget == nil {
            lines.append(Line(text: "Nothing is applied from here: y copies the \(state.plan.format.rawValue) commands "
                              + "(f picks the vendor's format) to run on the gateway.", style: .title))
        } else if state.configuration.readOnly {
            lines.append(Line(text: "read-only: start podroute with --write to apply; y copies the commands.", style: .warning))
        } else if let change = state.change, change.isPending {
            lines.append(Line(text: "Applied as change \(Sanitizer.printable(change.id)): the banner counts down. Enter keeps it "
                              + "once the probe says ok; r reverts now; doing nothing reverts it.", style: .title))
        } else if let change = state.change, change.id != state.setup?.changeAtOpen {
            lines.append(Line(text: "Change \(Sanitizer.printable(change.id)): \(Sanitizer.printable(change.detail ?? change.state)). "
                              + "Esc closes setup; g starts it again.", style: change.state == "confirmed" ? .ok : .warning))
        } else {
            lines.append(Line(text: "Enter (or a) opens the confirm dialog for \(count) change\(count == 1 ? "" : "s") to "
                              + "\(state.applyTarget!.description); Cancel is its default.", style: .title))
            lines.append(Line(text: "After apply the banner counts down \(state.configuration.confirmWithin) s: Enter keeps the change, "
                              + "r reverts it now, and without Enter the guardian reverts it (even if this session dies).",
                              style: .normal))
        }
        if let verification = state.verification {
            let from = state.applyTarget?.description ?? "this host"
            lines.append(Line(text: "verification: \(verification.text), from \(from)", style: .normal))
            lines.append(Line(text: "  :probe POD-IP [icmp | tcp PORT] changes it; it runs again after apply and every "
                              + "\(Int(AppState.verificationInterval)) s while the change waits.", style: .dim))
        } else {
            lines.append(Line(text: "verification: no pod known; name one with :probe POD-IP [icmp | tcp PORT]", style: .warning))
        }
        return lines
    }
}
