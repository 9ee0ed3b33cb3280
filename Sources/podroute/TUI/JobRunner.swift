import Dispatch
import PodRouteUI
import Synchronization

/// Runs the UI's long jobs (preparing a snapshot, filtering or sorting a million routes) off
/// the loop. A newer job of the same kind cancels the older one; results go to the mailbox.
final class JobRunner: Sendable {
    private let mailbox: Mailbox
    private let current = Mutex<[String: Int]>([:])
    private let queue = DispatchQueue(label: "podroute.jobs", qos: .userInitiated, attributes: .concurrent)

    init(mailbox: Mailbox) { self.mailbox = mailbox }

    func run(_ job: Job) {
        let ticket = current.withLock { tickets in
            let next = (tickets[job.kind] ?? 0) + 1
            tickets[job.kind] = next
            return next
        }
        queue.async { [self] in
            let stillWanted = { self.current.withLock { $0[job.kind] } == ticket }
            if let result = job.run(shouldContinue: stillWanted), stillWanted() {
                mailbox.post(.jobFinished(result))
            }
        }
    }
}
