import PodRouteCore

/// The Plan view on a site: the chain of routers from the starting host, each router's format,
/// `n` to look at one router, `:via-dev`, and which part `a` applies.
extension AppState {
    /// A router's format: picked with `f` on it, else the site file's `format:`, else the default.
    func planFormat(for host: String) -> GatewayFormat {
        plan.hostFormats[host] ?? site?.site.host(named: host)?.format ?? plan.format
    }

    mutating func recomputePlanChain(_ request: PlanRequest, site: Site) -> [Effect] {
        var formats: [String: GatewayFormat] = [:]
        for host in site.hosts { formats[host.name] = planFormat(for: host.name) }
        let job = ChainJob(site: site, start: traceSource, request: request, session: configuration.sshSession,
                           formats: formats, defaultFormat: plan.format)
        if site.hosts.reduce(0, { $0 + $1.snapshot.routes.count }) <= configuration.inlineRouteLimit {
            setPlanChain(job.run())
            plan.pending = false
            return []
        }
        plan.pending = true
        return [.run(Job(generation: plan.generation, work: .planChain(job)))]
    }

    mutating func finishPlanChain(_ chain: ChainPreview, generation: Int) {
        guard generation == plan.generation else { return }
        setPlanChain(chain)
        plan.pending = false
    }

    /// `preview` is the shown host's part: what `a` applies.
    private mutating func setPlanChain(_ chain: ChainPreview) {
        plan.chain = chain
        let here = currentHost ?? snapshot.host
        plan.preview = chain.steps.first { $0.host == here }?.preview
        if let focus = plan.chainFocus, chain.position(of: focus) == nil { plan.chainFocus = nil }
    }

    /// `n`: all routers, then each in the order to apply, then all again.
    mutating func cyclePlanRouter() {
        guard let chain = plan.chain, !chain.steps.isEmpty else {
            message = StatusMessage("no routers to pick: tick a candidate (Space) first")
            return
        }
        let hosts = chain.steps.map(\.host)
        let next = plan.chainFocus.flatMap(hosts.firstIndex(of:)).map { $0 + 1 } ?? 0
        plan.chainFocus = next < hosts.count ? hosts[next] : nil
        plan.previewScroll = 0
        message = StatusMessage(plan.chainFocus.map { "router \($0): f changes its format, y copies its commands" }
                                ?? "all \(hosts.count) routers: f changes the default format, y copies every router's commands")
    }

    /// `f`: the focused router's format, or the default of the routers without their own.
    mutating func cycleChainFormat() {
        let all = GatewayFormat.allCases
        func next(_ format: GatewayFormat) -> GatewayFormat { all[((all.firstIndex(of: format) ?? 0) + 1) % all.count] }
        if let host = plan.chainFocus {
            let format = next(planFormat(for: host))
            plan.hostFormats[host] = format
            message = StatusMessage("\(host): format \(format.rawValue): \(format.summary)")
        } else {
            plan.format = next(plan.format)
            let own = (site?.site.hosts ?? []).filter { plan.hostFormats[$0.name] != nil || $0.format != nil }.map(\.name)
            message = StatusMessage("format \(plan.format.rawValue): \(plan.format.summary)"
                                    + (own.isEmpty ? "" : " (not for \(own.joined(separator: ", ")): n picks one)"))
        }
        // Only the commands change: the drafts stay.
        if let chain = plan.chain { setPlanChain(chain.reformatted { planFormat(for: $0) }) }
    }

    mutating func copyChainCommands() -> [Effect] {
        guard let chain = plan.chain, !plan.pending else {
            message = StatusMessage("nothing to copy: tick a candidate (Space) first")
            return []
        }
        guard !chain.hasErrors else {
            message = StatusMessage("nothing to copy: the chain has errors (see the preview)", isError: true)
            return []
        }
        guard let text = chain.commandText(only: plan.chainFocus) else {
            message = StatusMessage(chain.steps.isEmpty ? "nothing to copy: every router on the path already routes these"
                                    : "nothing to copy: no commands for these formats (see the preview)", isError: true)
            return []
        }
        let routers = plan.chainFocus.map { "\($0)'s commands" } ?? "the commands of \(chain.steps.count) router\(chain.steps.count == 1 ? "" : "s")"
        message = StatusMessage("copied \(routers) and the rollback, nearest the cluster first (OSC 52 sent to the terminal)")
        return [.copyToClipboard(text)]
    }

    /// The chain's part for the host apply changes (the shown host) and where it stands; nil,
    /// with the reason in the status line, when there is none to apply. `(nil, nil)`: nothing staged.
    mutating func localChainStep() -> (order: ChainOrder?, preview: PlanPreview?)? {
        guard let chain = plan.chain, !plan.pending else { return (nil, nil) }
        if chain.hasErrors {
            message = StatusMessage("not applied: the chain has errors (see the preview); nothing is applied half-way", isError: true)
            return nil
        }
        let host = currentHost ?? snapshot.host
        guard let order = ChainOrder(chain: chain, host: host) else {
            let others = chain.steps.map(\.host)
            message = StatusMessage(others.isEmpty ? "nothing to apply: every router on the path already routes these"
                                    : "\(host) needs no route on this path; \(others.joined(separator: ", ")) "
                                    + "\(others.count == 1 ? "does" : "do"): y copies the commands (H picks the host to apply on)",
                                    isError: !others.isEmpty)
            return nil
        }
        return (order, chain.steps[order.step - 1].preview)
    }

    /// `:via-dev DEV` (none clears): a device-only next hop; not beside `:via`, and a device
    /// the host (on a site: one of its hosts) has.
    mutating func setViaDevice(_ device: String?) -> [Effect] {
        if let device {
            guard plan.vias.isEmpty else {
                message = StatusMessage(":via-dev \(device): the next hops are set with :via; a route goes via addresses or out "
                                        + "a device, not both (:via alone clears them)", isError: true)
                return []
            }
            let hosts = site?.site.hosts.map(\.snapshot) ?? [snapshot]
            guard hosts.contains(where: { $0.link(named: device) != nil }) else {
                let shown = Sanitizer.printable(currentHost ?? snapshot.host)
                message = StatusMessage(":via-dev \(device): no such device on \(site == nil ? shown : "any host of the site") "
                                        + "(Tab completes \(shown)'s devices)", isError: true)
                return []
            }
        }
        show(.plan)
        _ = refreshPlanCandidates()
        plan.viaDevice = device
        message = StatusMessage(device.map { "next hop: device \($0) (a route without a gateway)" }
                                ?? "no device next hop: the nodes of the ticked blocks, or :via")
        return recomputePlan()
    }
}
