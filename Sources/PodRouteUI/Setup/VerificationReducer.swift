import FoundationEssentials
import PodRouteCore

/// What the verification follow-up compares: the dialog and the change before an event.
struct VerificationMoment {
    let dialogOpen: Bool
    let changeID: String?

    init(_ state: AppState) {
        if case .applyDialog = state.mode { dialogOpen = true } else { dialogOpen = false }
        changeID = state.change?.id
    }
}

/// The verification probe: from the gateway to a pod before apply (expected: no route or no
/// reply) and after it, repeated while the change is pending, so Enter keeps it on evidence.
extension AppState {
    /// Seconds between two probes while the change waits for Enter.
    static let verificationInterval: TimeInterval = 3

    mutating func verificationFollowUp(since moment: VerificationMoment) -> [Effect] {
        guard verification != nil else {
            // No target yet: a pod known on the site (its workload route) is the default; over big
            // tables only setup's survey (off the loop) or :probe name one.
            let site = planSite
            guard case .applyDialog = mode, !moment.dialogOpen,
                  site.hosts.reduce(0, { $0 + $1.snapshot.routes.count }) <= configuration.inlineRouteLimit,
                  let pod = SetupSurvey.knownPod(in: site) else { return [] }
            verification = Verification(probe: VerificationProbe(target: pod.address, namespace: applyTarget?.namespace))
            return startBeforeProbe()
        }
        if case .applyDialog = mode, !moment.dialogOpen {
            // A new round after a settled change probes "before" again.
            if verification?.after != nil { verification = Verification(probe: verification!.probe) }
            return verification?.before == nil ? startBeforeProbe() : []
        }
        guard let change, change.isPending else { return [] }
        if change.id != moment.changeID { return startProbe(.after) }
        guard verification?.running == nil, let now,
              now >= (verification?.finishedAt ?? .distantPast).addingTimeInterval(Self.verificationInterval) else { return [] }
        return startProbe(.after)
    }

    mutating func startBeforeProbe() -> [Effect] {
        guard verification?.running == nil else { return [] }
        return startProbe(.before)
    }

    private mutating func startProbe(_ phase: Verification.Phase) -> [Effect] {
        guard var verification, applyTarget != nil else { return [] }
        // Sent from the host changed: the namespace the dialog applies to.
        verification.probe.namespace = applyTarget?.namespace
        verification.running = phase
        self.verification = verification
        return [.probe(verification.probe, phase)]
    }

    mutating func probeFinished(_ probe: VerificationProbe, phase: Verification.Phase, outcome: VerificationOutcome) {
        verification?.record(outcome, phase: phase, for: probe, at: now ?? Date())
    }

    /// `:probe 10.21.69.212 [icmp | tcp 8080]`, or `:probe tcp 8080` for the same pod.
    mutating func setVerificationProbe(_ words: [String]) -> [Effect] {
        do {
            var probe = try VerificationProbe.parse(words, current: verification?.probe)
            probe.namespace = applyTarget?.namespace
            verification = Verification(probe: probe)
            message = StatusMessage("verification: \(probe.label) from \(applyTarget?.description ?? "this host")")
            return setup?.step == .apply ? startBeforeProbe() : []
        } catch {
            message = StatusMessage(":" + error.description, isError: true)
            return []
        }
    }
}
