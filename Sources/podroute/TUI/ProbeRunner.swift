import Dispatch
import PodRouteCore
import PodRouteUI

/// Runs the TUI's verification probes off the loop (each may wait seconds for a reply) and posts
/// `.probeFinished`; the reducer drops results for a probe it no longer shows.
final class ProbeRunner: Sendable {
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "podroute.verification")

    init(mailbox: Mailbox) { self.mailbox = mailbox }

    func run(_ probe: VerificationProbe, phase: Verification.Phase) {
        queue.async { [mailbox] in
            mailbox.post(.probeFinished(probe, phase, VerificationRun.run(probe)))
        }
    }
}
