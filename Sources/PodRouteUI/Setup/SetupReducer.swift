import PodRouteCore

/// The guided setup's keys and steps. It stages through the Plan view's own choices and applies
/// through its dialog, so nothing is applied before the last step, and going back changes nothing.
extension AppState {
    /// Shown while open and the Plan view is on screen (other views leave it waiting).
    public var isSetupShown: Bool { setup != nil && view == .plan }

    /// `g`: on a site, plan for its gateway; read the roles and trace a pod and a service.
    mutating func openSetup() -> [Effect] {
        // Setup's Enter is "next", and the banner's Enter keeps a pending change: opening it then
        // would let a "Continue" confirm a change without evidence.
        if let pending = change, pending.isPending {
            message = StatusMessage("change \(pending.id) is still pending: keep it (Enter) or revert it (r) before the guided setup",
                                    isError: true)
            return []
        }
        var effects: [Effect] = []
        if let site, let gateway = SetupSurvey.gateway(in: site.site), currentHost != gateway {
            effects += switchHost(to: gateway)
        }
        show(.plan)
        mode = .normal
        effects += refreshPlanCandidates()
        var wizard = SetupWizard()
        wizard.generation = (setup?.generation ?? 0) + 1
        wizard.changeAtOpen = change?.id
        setup = wizard
        let job = SetupSurveyJob(site: planSite, target: currentHost ?? snapshot.host,
                                 traceFrom: site?.defaultSource ?? snapshot.host)
        message = StatusMessage("guided setup: nothing changes before step \(SetupStep.count); Enter next, b back, Esc close")
        if job.routeCount <= configuration.inlineRouteLimit {
            return effects + finishSetupSurvey(job.run(), generation: wizard.generation)
        }
        return effects + [.run(Job(generation: wizard.generation, work: .setupSurvey(job)))]
    }

    mutating func finishSetupSurvey(_ survey: SetupSurvey, generation: Int) -> [Effect] {
        guard setup?.generation == generation else { return [] }
        setup?.survey = survey
        if verification == nil, let pod = survey.pod {
            verification = Verification(probe: VerificationProbe(target: pod.address, namespace: applyTarget?.namespace))
        }
        return []
    }

    /// The setup's own keys; nil lets the key through to the Plan view (Space, m, f, y, arrows...).
    mutating func handleSetupKey(_ key: Key) -> [Effect]? {
        if let binding = registry.resolve(key, context: .setup) { return setupAction(binding.action) }
        guard case .run(let binding) = registry.resolve(key, in: view) else { return nil }
        switch binding.action {
        case .applyPlan where setup?.step != .apply:
            // Apply only from the last step, through its dialog.
            message = StatusMessage("apply comes at step \(SetupStep.count): Enter goes on through the preview")
            return []
        case .pageDown where setup?.step != .preview, .pageUp where setup?.step != .preview:
            // The preview pages like the Plan view's; the other steps page their own text.
            let page = max(1, Layout(state: self).body.height - 4)
            let scroll = max(0, (setup?.scroll ?? 0) + (binding.action == .pageDown ? page : -page))
            setup?.scroll = scroll
            return []
        default:
            return nil
        }
    }

    mutating func setupAction(_ action: KeyAction) -> [Effect] {
        guard var wizard = setup, view == .plan else {
            message = StatusMessage("the guided setup is not open: g opens it")
            return []
        }
        switch action {
        case .setupClose:
            setup = nil
            message = StatusMessage("setup closed: the choices stay staged here; nothing was applied by it")
            return []
        case .setupBack:
            guard let previous = wizard.step.previous else {
                message = StatusMessage("this is the first step (Esc closes setup)")
                return []
            }
            wizard.step = previous
            wizard.scroll = 0
            setup = wizard
            return []
        default:
            break
        }
        guard let next = wizard.step.next else { return applyFromSetup() }
        if wizard.survey == nil {
            message = StatusMessage("still surveying the hosts…")
            return []
        }
        if next == .cidrs, plan.candidatesPending {
            message = StatusMessage("still reading the candidates…")
            return []
        }
        if next == .cidrs, wizard.recommendation == nil {
            wizard.recommendation = SetupRecommendation.recommend(plan.candidates)
            setup = wizard
            // Propose, never overrule: what the operator ticked in the Plan view stays.
            if plan.selected.isEmpty { applyRecommendation(wizard.recommendation!) }
        }
        if next == .nextHops, plan.selected.isEmpty {
            message = StatusMessage("tick at least one CIDR (Space), or add one with :cidr CIDR", isError: true)
            return []
        }
        wizard = setup ?? wizard
        wizard.step = next
        wizard.scroll = 0
        setup = wizard
        if next == .apply { return startBeforeProbe() }
        return []
    }

    private mutating func applyRecommendation(_ recommendation: SetupRecommendation) {
        plan.selected = Set(recommendation.selected)
        plan.strategy = recommendation.strategy
        plan.vias = recommendation.vias
        _ = recomputePlan()
    }

    /// Enter on the last step: the Plan view's apply dialog (refused in read-only mode and on a node).
    private mutating func applyFromSetup() -> [Effect] {
        if setup?.survey?.targetIsNode == true {
            message = StatusMessage("a node: the route belongs on the gateway; run setup there (or with --site naming it)")
            return []
        }
        guard registry.bindings.contains(where: { $0.action == .applyPlan }) else {
            message = StatusMessage("read-only: start podroute with --write to apply; y copies the commands", isError: true)
            return []
        }
        return openApplyDialog()
    }

    // MARK: What the steps show

    /// The next hops the current choices use, with their node names (`node1 10.20.1.22`).
    var setupNextHops: [String] {
        let blocks = plan.candidates.filter { $0.kind == .podBlock }
        var hops: [IPAddress] = plan.effectiveVias
        if plan.strategy == .perNode, plan.vias.isEmpty {
            hops = blocks.filter { block in plan.chosen.contains { $0.cidr.contains(block.cidr) } }.compactMap(\.nodeIP)
        }
        var seen: Set<IPAddress> = []
        return hops.filter { seen.insert($0).inserted }.sorted().map { hop in
            let name = plan.candidates.first { $0.nodeIP == hop && $0.node != nil }?.node
            return name.map { "\(Sanitizer.printable($0)) \(hop)" } ?? hop.description
        }
    }
}

extension AppState {
    /// The hint bar in setup: its own keys, then the Plan view's that the step uses.
    var setupHints: [KeyBinding] {
        let step: [KeyAction] = switch setup?.step {
        case .cidrs?: [.togglePlanCandidate]
        case .nextHops?: [.cyclePlanStrategy]
        case .preview?: [.cyclePlanFormat, .copyPlanCommands]
        case .apply?: [.copyPlanCommands]
        default: []
        }
        let general = registry.hints(for: view).filter { $0.action == .help || $0.action == .quit }
        return general + registry.hints(for: .setup) + registry.hints(for: view).filter { step.contains($0.action) }
    }
}
