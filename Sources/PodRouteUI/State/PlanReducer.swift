import FoundationEssentials
import PodRouteCore

/// The Plan view's keys and commands, the apply dialog and the pending change's banner keys.
extension AppState {
    // MARK: Candidates and the draft

    /// The site the candidates and impact probes come from: the open site, or this host alone.
    var planSite: Site {
        if let site { return site.site }
        return Site(hosts: [SiteHost(name: snapshot.host, snapshot: snapshot, hints: configuration.hints)])
    }

    /// Reads the candidates again when the host or its data changed (typed ones and ticks stay):
    /// inline for small tables, as a job when the hosts hold more routes than the inline limit.
    mutating func refreshPlanCandidates() -> [Effect] {
        // On a site the chain starts where traces do: another start host plans again.
        let key = "\(currentHost ?? snapshot.host)#\(site?.generation ?? snapshotsApplied)#\(site == nil ? "" : traceSource)"
        guard plan.candidatesKey != key else { return [] }
        plan.candidatesKey = key
        plan.candidatesGeneration += 1
        let site = planSite
        if site.hosts.reduce(0, { $0 + $1.snapshot.routes.count }) > configuration.inlineRouteLimit {
            plan.candidatesPending = true
            return [.run(Job(generation: plan.candidatesGeneration, work: .planCandidates(site)))]
        }
        return setPlanCandidates(SiteCandidates.candidates(of: site))
    }

    mutating func finishPlanCandidates(_ candidates: [RouteCandidate], generation: Int) -> [Effect] {
        guard generation == plan.candidatesGeneration else { return [] }
        return setPlanCandidates(candidates)
    }

    private mutating func setPlanCandidates(_ candidates: [RouteCandidate]) -> [Effect] {
        plan.candidatesPending = false
        let typed = plan.candidates.filter { $0.source == Self.typedSource }
        var found = candidates
        found += typed.filter { candidate in !found.contains { $0.cidr == candidate.cidr } }
        plan.candidates = found
        plan.selected = plan.selected.filter { cidr in found.contains { $0.cidr == cidr } }
        plan.cursor.clamp(count: found.count, height: planListRows)
        return recomputePlan()
    }

    static let typedSource = "typed (:cidr)"

    var planListRows: Int { PlanLayout(state: self).list.height }

    /// The draft for the current choices: inline for a small table, as a job for a big one.
    mutating func recomputePlan() -> [Effect] {
        plan.generation += 1
        plan.previewScroll = 0
        let chosen = plan.chosen
        guard !chosen.isEmpty else {
            plan.preview = nil
            plan.chain = nil
            plan.pending = false
            return []
        }
        let request = PlanRequest(cidrs: chosen.map(\.cidr), vias: plan.effectiveVias, viaDevice: plan.viaDevice,
                                  strategy: plan.strategy, blocks: plan.candidates.filter { $0.kind == .podBlock })
        if let site { return recomputePlanChain(request, site: site.site) }
        let job = PlanJob(target: snapshot, request: request, session: configuration.sshSession, site: planSite,
                          format: plan.format)
        if snapshot.routes.count <= configuration.inlineRouteLimit {
            plan.preview = job.run()
            plan.pending = false
            return []
        }
        plan.pending = true
        return [.run(Job(generation: plan.generation, work: .plan(job)))]
    }

    mutating func finishPlan(_ preview: PlanPreview, generation: Int) {
        guard generation == plan.generation else { return }
        plan.preview = preview
        plan.pending = false
    }

    // MARK: Keys

    mutating func movePlan(by delta: Int) {
        plan.cursor.selected = max(0, plan.cursor.selected + delta)
        plan.cursor.clamp(count: plan.candidates.count, height: planListRows)
    }

    mutating func movePlan(to row: Int) {
        plan.cursor.selected = row
        plan.cursor.clamp(count: plan.candidates.count, height: planListRows)
    }

    /// PgDn/PgUp page the preview (the list moves with the arrows).
    mutating func scrollPlanPreview(by pages: Int) {
        let preview = PlanLayout(state: self).preview
        let height = max(1, preview.height - 1)
        let last = max(0, PlanPreviewText.wrapped(self, width: preview.width - 2).count - height)
        plan.previewScroll = min(last, max(0, plan.previewScroll + pages * height))
    }

    mutating func togglePlanCandidate() -> [Effect] {
        guard plan.candidates.indices.contains(plan.cursor.selected) else {
            message = StatusMessage("no candidates: type one with :cidr CIDR")
            return []
        }
        let cidr = plan.candidates[plan.cursor.selected].cidr
        if plan.selected.remove(cidr) == nil { plan.selected.insert(cidr) }
        return recomputePlan()
    }

    mutating func cyclePlanStrategy() -> [Effect] {
        let all = PlanRequest.Strategy.allCases
        plan.strategy = all[((all.firstIndex(of: plan.strategy) ?? 0) + 1) % all.count]
        message = StatusMessage("strategy \(plan.strategyWhy)")
        return recomputePlan()
    }

    mutating func cyclePlanFormat() {
        if site != nil { return cycleChainFormat() }
        let all = GatewayFormat.allCases
        plan.format = all[((all.firstIndex(of: plan.format) ?? 0) + 1) % all.count]
        // Only the commands change: the draft stays.
        if let preview = plan.preview { plan.preview = PlanPreview(draft: preview.draft, format: plan.format) }
        message = StatusMessage("format \(plan.format.rawValue): \(plan.format.summary)")
    }

    mutating func copyPlanCommands() -> [Effect] {
        if site != nil { return copyChainCommands() }
        guard let preview = plan.preview, !plan.pending else {
            message = StatusMessage("nothing to copy: tick a candidate (Space) first")
            return []
        }
        guard let text = preview.commandText else {
            message = StatusMessage(preview.draft.hasErrors ? "nothing to copy: the plan has errors (see the preview)"
                                    : preview.commandError ?? "nothing to copy: the plan changes nothing", isError: true)
            return []
        }
        let count = preview.commands?.apply.count ?? 0
        message = StatusMessage("copied \(count) \(plan.format.rawValue) command\(count == 1 ? "" : "s") and the rollback (OSC 52 sent to the terminal)")
        return [.copyToClipboard(text)]
    }

    mutating func addTypedCIDR(_ text: String) -> [Effect] {
        let prefix: IPPrefix
        do { prefix = try IPPrefix.parse(text) } catch {
            message = StatusMessage(":cidr \(text): \(error)", isError: true)
            return []
        }
        show(.plan)
        _ = refreshPlanCandidates()
        if let row = plan.candidates.firstIndex(where: { $0.cidr == prefix }) {
            plan.cursor.selected = row
        } else {
            let kind: RouteCandidate.Kind = plan.candidates.contains { $0.kind == .podPool && $0.cidr.contains(prefix) }
                ? .podBlock : .podPool
            plan.candidates.append(RouteCandidate(cidr: prefix, kind: kind, source: Self.typedSource))
            plan.cursor.selected = plan.candidates.count - 1
        }
        plan.selected.insert(prefix)
        plan.cursor.clamp(count: plan.candidates.count, height: planListRows)
        message = StatusMessage("\(prefix) added and ticked")
        return recomputePlan()
    }

    mutating func setVias(_ words: [String]) -> [Effect] {
        var addresses: [IPAddress] = []
        for word in words {
            guard let address = IPAddress(word) else {
                message = StatusMessage(":via \(word) is not an IPv4 or IPv6 address", isError: true)
                return []
            }
            addresses.append(address)
        }
        if !addresses.isEmpty, let device = plan.viaDevice {
            message = StatusMessage(":via: the next hop is device \(device) (:via-dev); a route goes via addresses or out a "
                                    + "device, not both (:via-dev alone clears it)", isError: true)
            return []
        }
        show(.plan)
        _ = refreshPlanCandidates()
        plan.vias = addresses
        message = StatusMessage(addresses.isEmpty ? "next hops: the nodes of the ticked blocks"
                                : "next hops: \(addresses.map(\.description).joined(separator: ", "))")
        return recomputePlan()
    }

    // MARK: Apply

    /// Where the shown host can be changed: nil with the reason when it cannot.
    var applyTarget: (namespace: String?, description: String)? {
        switch snapshot.source {
        // On a site only the `local: true` host is read live: it is the host podroute runs on.
        case .live: return (nil, "this host (\(Sanitizer.printable(currentHost ?? snapshot.host)))")
        case .namespace(let name): return (name, "network namespace \(Sanitizer.printable(name))")
        case .capture, .demo: return nil
        }
    }

    var cannotApplyReason: String {
        let name = Sanitizer.printable(currentHost ?? snapshot.host)
        switch snapshot.source {
        case .capture(let path) where path.hasPrefix("ssh://"):
            return "cannot apply on \(name): it was read over ssh; copy the commands (y) or run podroute --write on it"
        case .capture: return "cannot apply on \(name): it is a capture, not a live host; copy the commands (y)"
        case .demo: return "cannot apply: this is the demo; copy the commands (y)"
        case .live, .namespace: return "cannot apply on \(name) from this site; run podroute --write on it"
        }
    }

    mutating func openApplyDialog() -> [Effect] {
        if changeBusy {
            message = StatusMessage("still working on the last change…")
            return []
        }
        if change?.isPending == true {
            message = StatusMessage("change \(change!.id) is still pending: keep (Enter) or revert (r) it first", isError: true)
            return []
        }
        var order: ChainOrder?
        var staged = plan.preview
        if site != nil {
            guard let local = localChainStep() else { return [] }
            (order, staged) = local
        }
        guard let preview = staged, !plan.pending else {
            message = StatusMessage("nothing staged: tick a candidate (Space) first", isError: true)
            return []
        }
        if preview.draft.hasErrors {
            message = StatusMessage("not applied: the plan has errors (see the preview)", isError: true)
            return []
        }
        if preview.draft.operations.isEmpty {
            message = StatusMessage("nothing to apply: the host already has these routes")
            return []
        }
        guard let target = applyTarget else {
            message = StatusMessage(cannotApplyReason, isError: true)
            return []
        }
        var dialog = ApplyDialog(preview: preview, planGeneration: plan.generation,
                                 targetName: currentHost ?? snapshot.host, targetDescription: target.description,
                                 namespace: target.namespace, confirmWithin: configuration.confirmWithin)
        dialog.order = order
        mode = .applyDialog(dialog)
        return []
    }

    mutating func handleApplyDialog(_ key: Key, _ dialog: inout ApplyDialog) -> [Effect] {
        if let binding = registry.resolve(key, context: .dialog) {
            switch binding.action {
            case .dialogCancel:
                mode = .normal
                message = StatusMessage("not applied")
                return []
            case .dialogToggle:
                dialog.choice = dialog.choice == .cancel ? .apply : .cancel
            case .promptDeleteBackward:
                dialog.typed.deleteBackward()
            case .dialogAccept:
                guard dialog.choice == .apply else {
                    mode = .normal
                    message = StatusMessage("not applied")
                    return []
                }
                guard dialog.canApply else {
                    let why = dialog.preview.isRisky ? "the checks refuse this plan" : "routers nearer the cluster still lack their route"
                    message = StatusMessage("\(why): type force to apply anyway, or Esc", isError: true)
                    mode = .applyDialog(dialog)
                    return []
                }
                mode = .normal
                changeBusy = true
                message = StatusMessage("applying \(dialog.preview.draft.operations.count) change(s) to \(dialog.targetDescription)…")
                let target = PlanTarget(name: dialog.targetName, source: snapshot.source)
                return [.apply(ApplyOrder(draft: dialog.preview.draft, target: target, namespace: dialog.namespace,
                                          forced: dialog.needsForce, confirmWithin: dialog.confirmWithin))]
            default:
                break
            }
        } else if case .char(let character) = key, dialog.needsForce {
            dialog.typed.insert(character)
        }
        mode = .applyDialog(dialog)
        return []
    }

    // MARK: The pending change

    mutating func changeKey(_ action: KeyAction) -> [Effect] {
        guard let change, change.isPending else {
            message = StatusMessage("no change is pending")
            return []
        }
        guard !changeBusy else {
            message = StatusMessage("still working on change \(change.id)…")
            return []
        }
        changeBusy = true
        switch action {
        case .keepChange: return [.change(.confirm(change.id))]
        case .extendChange: return [.change(.extend(change.id, seconds: 120))]
        default: return [.change(.revert(change.id))]
        }
    }

    mutating func changeUpdated(_ status: ChangeStatus) -> [Effect] {
        let previous = change
        change = status
        changeBusy = false
        changeAcknowledged = false
        if previous?.id != status.id {
            message = StatusMessage("applied \(status.id): Enter keeps it, or it reverts at the deadline")
            // A live host or namespace sends its new routes by itself; a site's hosts are snapshots.
            if site != nil { return [.rereadSite] }
        } else if status.state == "confirmed" {
            message = StatusMessage("change \(status.id) kept (confirmed)")
        } else if status.isPending, let previous, status.deadline > previous.deadline {
            message = StatusMessage("change \(status.id): two more minutes")
        } else if !status.isPending {
            message = StatusMessage("change \(status.id): \(status.detail ?? status.state)")
            // Reverted: a site's snapshots show the host as it was again only once read again.
            if site != nil, status.state != "confirmed", previous?.state != status.state { return [.rereadSite] }
        }
        return []
    }

    /// At the deadline the guardian acts: ask the journal what it did (once a tick until it says).
    mutating func changeTick() -> [Effect] {
        guard let change, change.isPending, !changeBusy, let now, now >= change.deadline else { return [] }
        changeBusy = true
        return [.change(.status(change.id))]
    }

    /// The banner's text: `APPLIED · reverts in 1:47 unless confirmed · Enter keep · e +2 min · r revert now`.
    public var changeBanner: String? {
        guard let change, change.isPending || !changeAcknowledged else { return nil }
        let keys = registry.bindings.filter { $0.context == .pendingChange }.map { "\($0.hintKey) \($0.label)" }
        switch change.state {
        case "pending":
            let remaining = now.map { max(0, Int(change.deadline.timeIntervalSince($0).rounded(.up))) }
            guard let remaining, remaining > 0 else { return "APPLIED · deadline reached: asking the journal what the guardian did…" }
            // The verification probe's evidence takes the place of "unless confirmed" (see VerificationReducer).
            let evidence = verification.map { " · " + $0.text } ?? " unless confirmed"
            return (["APPLIED · reverts in \(remaining / 60):\(String(format2: remaining % 60))" + evidence] + keys)
                .joined(separator: " · ")
        case "confirmed":
            return "KEPT · change \(change.id) confirmed"
        default:
            return "\(change.state.uppercased()) · change \(change.id): \(change.detail ?? change.state)"
        }
    }
}

extension String {
    /// Two digits, zero-padded (seconds of a countdown).
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
