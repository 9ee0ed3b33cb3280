import PodRouteCore

/// The Plan view's preview on a site: the path, then one section per router that needs a
/// route, nearest the cluster first (the order to apply), each in its own format; `n` narrows
/// it to one router.
enum ChainPreviewText {
    typealias Line = PlanPreviewText.Line

    /// The settings row: where the path starts, the host `a` changes, the default format.
    static func header(_ state: AppState, via: String) -> String {
        let host = Sanitizer.printable(state.currentHost ?? state.snapshot.host)
        return "from \(Sanitizer.printable(state.traceSource))   apply on \(host)   format \(state.plan.format.rawValue)   via \(via)"
    }

    static func title(_ state: AppState) -> String {
        guard let chain = state.plan.chain else { return "preview: the routers from \(Sanitizer.printable(state.traceSource))" }
        if let focus = state.plan.chainFocus, let position = chain.position(of: focus) {
            return "preview: \(Sanitizer.printable(focus)) (\(chain.steps[position].preview.format.rawValue)), "
                + "router \(position + 1) of \(chain.steps.count) · n next"
        }
        let count = chain.steps.count
        return "preview: \(count) router\(count == 1 ? "" : "s") from \(Sanitizer.printable(chain.start)), nearest the cluster first"
            + (count > 1 ? " · n picks one" : "")
    }

    static func lines(_ chain: ChainPreview, state: AppState) -> [Line] {
        let here = state.currentHost ?? state.snapshot.host
        var lines: [Line] = []
        if !chain.path.isEmpty {
            lines.append(Line(text: "path: " + chain.path.map(Sanitizer.printable).joined(separator: " → ")
                              + (chain.steps.isEmpty ? "" : " (once every router below has its route)"), style: .dim))
        }
        lines += PlanPreviewText.issueLines(chain.issues)
        if chain.steps.isEmpty, !chain.hasErrors {
            lines.append(Line(text: "nothing to change: every router from \(Sanitizer.printable(chain.start)) to the cluster "
                              + "already routes these", style: .ok))
        }
        for (position, step) in chain.steps.enumerated() where state.plan.chainFocus.map({ $0 == step.host }) ?? true {
            let order = position == 0 ? "first: nearest the cluster" : "after \(Sanitizer.printable(chain.steps[position - 1].host))"
            let how = step.host == here ? "a applies it here" : "by hand, y copies"
            lines.append(Line(text: "━━ \(position + 1) of \(chain.steps.count) · \(Sanitizer.printable(step.host)) "
                              + "(\(step.preview.format.rawValue)) · \(order) · \(how)", style: .title))
            lines += PlanPreviewText.lines(step.preview)
        }
        return lines
    }

    /// The apply dialog's words on the chain: only this host's part, the others by hand in
    /// order, and the hole when routers nearer the cluster are not done yet.
    static func dialogLines(_ order: ChainOrder, host: String) -> [Line] {
        let host = Sanitizer.printable(host)
        func list(_ routers: [ChainOrder.Router]) -> String {
            routers.map { "\($0.step). \(Sanitizer.printable($0.host)) (\($0.format.rawValue))" }.joined(separator: ", ")
        }
        var lines = [Line(text: "Only \(host)'s part is applied: router \(order.step) of \(order.count) "
                          + "(the order is nearest the cluster first).", style: .normal)]
        if !order.before.isEmpty {
            lines.append(Line(text: "By hand BEFORE it: \(list(order.before)).", style: .warning))
        }
        if !order.after.isEmpty {
            lines.append(Line(text: "By hand after it, in this order: \(list(order.after)).", style: .normal))
        }
        if order.count > 1 {
            lines.append(Line(text: "y in the Plan view copies their commands; r re-reads the site once they are done.", style: .dim))
        }
        if order.outOfOrder {
            let nearer = order.before.map { Sanitizer.printable($0.host) }.joined(separator: ", ")
            lines.append(Line(text: "[!] \(nearer) \(order.before.count == 1 ? "is" : "are") nearer the cluster and still "
                              + "\(order.before.count == 1 ? "lacks its" : "lack their") route: applied now, \(host) forwards the "
                              + "pods' traffic into a hole.", style: .danger))
        }
        return lines
    }
}
