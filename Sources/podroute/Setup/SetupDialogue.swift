import ArgumentParser
import FoundationEssentials
import Glibc
import PodRouteApply
import PodRouteCore
import PodRouteUI

/// The steps of `podroute setup` on the terminal: facts, a question with its default, the answer.
/// The choices and the draft are the Plan view's (`PlanSession`'s rules, `PlanJob`), so the CLI
/// and the TUI propose and preview the same routes.
struct SetupDialogue {
    /// How the dialogue ends before (or without) applying.
    enum Stop: Error, Equatable {
        case quit
        case inputEnded
        /// Quit or input ended after apply: the change stays pending for the guardian.
        case leftPending(inputEnded: Bool)
    }

    private let inputs: PlanInputs
    private let options: SetupCommand
    private let target: NetworkSnapshot
    private let survey: SetupSurvey
    private let recommendation: SetupRecommendation
    private let session: SSHSession?
    private var step = SetupStep.whereAmI
    private var candidates: [RouteCandidate]
    private var selected: Set<IPPrefix>
    private var strategy: PodRouteCore.PlanRequest.Strategy
    private var vias: [IPAddress]
    private var format = GatewayFormat.linux
    private var preview: PlanPreview?
    /// kubectl's notes (missing, unreachable), said once at the start.
    private var notes: [String] = []
    /// Answers piped in are echoed, so a transcript reads like a session.
    private let echo = isatty(0) == 0

    init(inputs: PlanInputs, options: SetupCommand) throws {
        self.inputs = inputs
        self.options = options
        // The survey finds the target among the site's hosts by its site name, which for a
        // capture or an ssh host differs from the hostname inside its snapshot.
        let targetName: String
        if let snapshot = inputs.snapshot {
            target = snapshot
            targetName = snapshot.host
        } else if let name = SetupSurvey.gateway(in: inputs.site), let host = inputs.site.host(named: name) {
            target = host.snapshot
            targetName = name
        } else {
            throw CLIFailure("the site names no gateway (no host forwards or sits on two LANs): give --netns NAME or --from FILE for it")
        }
        if let fromHost = options.fromHost, inputs.site.host(named: fromHost) == nil {
            throw CLIFailure("--from-host \(Sanitizer.printable(fromHost)): no such host in the site "
                             + "(\(inputs.site.hosts.map { Sanitizer.printable($0.name) }.joined(separator: ", ")))")
        }
        let from = options.fromHost ?? inputs.site.hosts.first { $0.role == .workstation }?.name ?? target.host
        survey = SetupSurvey(site: inputs.site, target: targetName, traceFrom: from)
        candidates = SiteCandidates.candidates(of: inputs.site, serviceSource: inputs.serviceSource)
        (candidates, notes) = options.kubectl.merging(candidates)
        recommendation = SetupRecommendation.recommend(candidates)
        selected = Set(recommendation.selected)
        strategy = recommendation.strategy
        vias = recommendation.vias
        session = SSHSession(environment: ProcessInfo.processInfo.environment)
    }

    /// Where the change goes: this host or its namespace; nil for a capture, a demo or an ssh host.
    private var applyNamespace: String?? {
        switch target.source {
        case .live: .some(nil)
        case .namespace(let name): .some(name)
        case .capture, .demo: nil
        }
    }

    mutating func run() throws {
        say("podroute setup: guided routes for \(Sanitizer.printable(target.host)) (\(Sanitizer.printable(target.source.description))). "
            + "Nothing changes before step \(SetupStep.count).")
        say("Each question shows its default in [brackets]: Enter takes it, b goes back, q quits.")
        for note in inputs.failures + notes { say("note: \(Sanitizer.printable(note))") }
        do {
            while try runStep() {}
        } catch Stop.quit {
            say("setup quit at step \(step.rawValue): nothing was applied.")
        } catch Stop.leftPending(let inputEnded) {
            // keepOrRevert has said which change is pending and how to confirm it.
            if inputEnded { throw ExitCode(2) }
        } catch Stop.inputEnded {
            FileHandleOutput.error("setup stopped at step \(step.rawValue): standard input ended (answers come one a line); nothing was applied.")
            throw ExitCode(2)
        }
    }

    /// Shows the step and takes one answer; false when setup is over.
    private mutating func runStep() throws -> Bool {
        say("")
        say("Step \(step.rawValue) of \(SetupStep.count) · \(step.title)")
        switch step {
        case .whereAmI:
            for line in whereAmI() { say("  " + line) }
            return try move(ask("Continue? [Enter]"))
        case .unreachable:
            for check in survey.checks {
                say("  " + SetupSurvey.verdictLine(check))
                for finding in check.result.findings { say("    \(finding.code.rawValue): \(Sanitizer.printable(finding.message))") }
            }
            if survey.checks.isEmpty { say("  no node among the hosts: no pod or service address to trace") }
            return try move(ask("Continue? [Enter]"))
        case .cidrs:
            return try cidrStep()
        case .nextHops:
            return try nextHopStep()
        case .preview:
            return try previewStep()
        case .apply:
            return try applyStep()
        }
    }

    private func whereAmI() -> [String] {
        let name = Sanitizer.printable(target.host)
        var lines = ["\(name) is \(survey.evidence.summary)."]
        if survey.targetIsNode {
            lines.append(survey.nodeAdvice)
        } else if applyNamespace == nil {
            lines.append("\(name) is not a live host here (\(Sanitizer.printable(target.source.description))): setup ends with the commands.")
        } else {
            lines.append("The routes for the pod network belong here: setup plans them for \(name).")
        }
        lines.append("Traces start at \(Sanitizer.printable(survey.traceFrom)).")
        return lines
    }

    // MARK: Steps with choices

    private mutating func cidrStep() throws -> Bool {
        for (number, candidate) in candidates.enumerated() {
            let tick = selected.contains(candidate.cidr) ? "[x]" : "[ ]"
            let node = [candidate.node, candidate.nodeIP?.description].compactMap { $0 }.joined(separator: " ")
            say("  \(number + 1) \(tick) \(candidate.cidr)  \(candidate.kind.rawValue)  \(Sanitizer.printable(node))  "
                + Sanitizer.printable(candidate.source))
        }
        if let note = recommendation.serviceNote { say("  " + note) }
        let current = candidates.indices.filter { selected.contains(candidates[$0].cidr) }.map { "\($0 + 1)" }
        let answer = try ask("Numbers tick or untick (\"2 3\"), a CIDR adds one; Enter goes on [\(current.joined(separator: " "))]")
        guard case .text(let text) = answer, !text.isEmpty else {
            if case .next = answer, selected.isEmpty {
                say("  tick at least one CIDR first")
                return true
            }
            return try move(answer)
        }
        for word in text.split(separator: " ").map(String.init) {
            if let number = Int(word), candidates.indices.contains(number - 1) {
                let cidr = candidates[number - 1].cidr
                if selected.remove(cidr) == nil { selected.insert(cidr) }
            } else if let prefix = try? IPPrefix.parse(word) {
                if !candidates.contains(where: { $0.cidr == prefix }) {
                    candidates.append(RouteCandidate(cidr: prefix, kind: .podPool, source: "typed"))
                }
                selected.insert(prefix)
            } else {
                say("  '\(Sanitizer.printable(word))' is neither a number from the list nor a CIDR")
            }
        }
        return true
    }

    private mutating func nextHopStep() throws -> Bool {
        say("  " + recommendation.reason)
        for warning in recommendation.warnings { say("  [warning] " + warning) }
        let hops = vias.isEmpty ? (strategy == .perNode ? "each block's own node" : "none known") : vias.map(\.description).joined(separator: ",")
        say("  now: \(strategy.rawValue), next hops: \(hops)")
        let answer = try ask("per-node, aggregate, or via IP[,IP] (an aggregate over those); Enter keeps [\(strategy.rawValue)]")
        guard case .text(let text) = answer, !text.isEmpty else { return try move(answer) }
        if let chosen = PodRouteCore.PlanRequest.Strategy(rawValue: text) {
            strategy = chosen
            vias = chosen == .aggregate && vias.isEmpty ? unique(candidates.compactMap(\.nodeIP)) : chosen == .perNode ? [] : vias
        } else if text.hasPrefix("via ") {
            let words = text.dropFirst(4).split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            let addresses = words.compactMap(IPAddress.init)
            guard !addresses.isEmpty, addresses.count == words.count else {
                say("  via takes IPv4 or IPv6 addresses, comma-separated")
                return true
            }
            vias = addresses
            strategy = .aggregate
        } else {
            say("  answer per-node, aggregate or via IP[,IP]")
        }
        return true
    }

    private mutating func previewStep() throws -> Bool {
        let chosen = candidates.filter { selected.contains($0.cidr) }
        let blocks = candidates.filter { $0.kind == .podBlock }
        let request = PodRouteCore.PlanRequest(cidrs: chosen.map(\.cidr), vias: vias, strategy: strategy, blocks: blocks)
        let preview = PlanJob(target: target, request: request, session: session, site: inputs.site, format: format).run()
        self.preview = preview
        var report = PlanReport(format: format.rawValue, force: false, notes: [])
        report.hosts = [.init(name: target.host, source: target.source, draft: preview.draft,
                              format: format.rawValue, commands: preview.commands)]
        // The report's last line speaks of -o FILE: setup applies in the next step instead.
        for line in report.text().split(separator: "\n", omittingEmptySubsequences: false).dropLast(2) { say(String(line)) }
        let answer = try ask("A format name shows the commands for that vendor; Enter goes on [\(format.rawValue)]")
        guard case .text(let text) = answer, !text.isEmpty else {
            if case .next = answer, preview.draft.hasErrors, !survey.targetIsNode {
                say("  the plan has errors (above): b goes back to change it")
                return true
            }
            return try move(answer)
        }
        if let chosen = try? GatewayFormat(argument: text) { format = chosen } else {
            say("  formats: \(GatewayFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return true
    }

    private mutating func applyStep() throws -> Bool {
        if survey.targetIsNode {
            say("  Nothing is applied on a node. " + survey.nodeAdvice)
            return false
        }
        guard let preview, let commands = preview.commands else {
            say("  nothing to apply: \(Sanitizer.printable(target.host)) already routes these.")
            return false
        }
        guard let namespace = applyNamespace, options.write else {
            say("  Nothing is applied from here; run these on \(Sanitizer.printable(target.host))"
                + (options.write || applyNamespace == nil ? "" : " (or run setup again with --write)") + ":")
            for line in commands.apply { say("    " + Sanitizer.printable(line)) }
            return false
        }
        var verification = verificationProbe(namespace: namespace).map(Verification.init(probe:))
        if let probe = verification?.probe {
            verification?.before = VerificationRun.run(probe)
            say("  \(verification!.text), from \(Sanitizer.printable(target.host))")
        } else {
            say("  no pod known to probe: give one with --probe POD-IP")
        }
        let count = preview.draft.operations.count
        let word = preview.isRisky ? "force" : "yes"
        if preview.isRisky { say("  the checks refuse this plan (see the preview): type force to apply anyway") }
        let answer = try ask("Type \(word) to apply \(count) change\(count == 1 ? "" : "s") to \(Sanitizer.printable(target.host)), "
                             + "reverted in \(options.confirmWithin) s unless kept [no]")
        guard case .text(let text) = answer, text == word else {
            if case .back = answer { return try move(answer) }
            say("not applied (the answer was not \(word)): nothing was changed.")
            return false
        }
        let order = ApplyOrder(draft: preview.draft, target: PlanTarget(name: target.host, source: target.source),
                               namespace: namespace, forced: preview.isRisky, confirmWithin: options.confirmWithin)
        let (record, control) = try ChangeRunner.apply(order)
        say("applied change \(record.id): it reverts at \(Format.clock(record.deadline, utcOffset: 0)) UTC unless kept.")
        try keepOrRevert(record.id, control: control, verification: &verification)
        return false
    }

    /// After apply: probe, then keep (yes), revert (r) or probe again (Enter).
    private func keepOrRevert(_ id: String, control: ChangeControl, verification: inout Verification?) throws {
        while true {
            if let probe = verification?.probe {
                verification?.after = VerificationRun.run(probe)
                say("  \(verification!.text)")
            }
            let answer: Answer
            do {
                answer = try ask("Keep it? yes keeps it, r reverts now, Enter probes again [probe]")
            } catch {
                say("change \(id) is pending: the guardian reverts it at the deadline unless `podroute confirm \(id)`.")
                throw Stop.leftPending(inputEnded: error == .inputEnded)
            }
            switch answer {
            case .text("yes"):
                let record = try failingClearly { () throws(ApplyError) in try control.confirm(id) }
                say("kept: change \(record.id) \(record.state.rawValue) (journal: \(control.store.directory)).")
                return
            case .text("r"), .back:
                let record = try failingClearly { () throws(ApplyError) in try control.rollback(id) }
                say("reverted: change \(record.id) \(record.state.rawValue); the routes are as before.")
                return
            default:
                continue
            }
        }
    }

    private func verificationProbe(namespace: String?) -> VerificationProbe? {
        let target = options.probeTarget.flatMap(IPAddress.init) ?? survey.pod?.address
        return target.map { VerificationProbe(target: $0, method: options.probeMethod, namespace: namespace) }
    }

    // MARK: Answers

    enum Answer: Equatable {
        case next
        case back
        case text(String)
    }

    /// Enter goes on, b goes back (the first step stays), anything else is the step's.
    private mutating func move(_ answer: Answer) throws -> Bool {
        switch answer {
        case .back: step = step.previous ?? step
        case .next, .text: step = step.next ?? step
        }
        return true
    }

    private func ask(_ question: String) throws(Stop) -> Answer {
        FileHandleOutput.write(question + ": ")
        guard let line = readLine(strippingNewline: true) else {
            if echo { FileHandleOutput.write("\n") }
            throw .inputEnded
        }
        let text = line.trimmingSpaces
        if echo { FileHandleOutput.write(Sanitizer.printable(text) + "\n") }
        switch text {
        case "q", "quit": throw .quit
        case "b", "back": return .back
        case "": return .next
        default: return .text(text)
        }
    }

    private func say(_ line: String) { FileHandleOutput.write(line + "\n") }

    private func unique(_ addresses: [IPAddress]) -> [IPAddress] {
        var seen: Set<IPAddress> = []
        return addresses.filter { seen.insert($0).inserted }
    }
}
