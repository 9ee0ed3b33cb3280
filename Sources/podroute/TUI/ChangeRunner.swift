import Dispatch
import FoundationEssentials
import PodRouteApply
import PodRouteCore
import PodRouteUI

/// Applies the TUI's plans commit-confirmed and runs the banner's keep, extend and revert, off
/// the loop (journal fsyncs, the guardian's start, the kernel's verification take a moment);
/// each answer goes back to the loop as `.changeUpdated` or `.changeFailed`.
final class ChangeRunner: Sendable {
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "podroute.change")

    init(mailbox: Mailbox) { self.mailbox = mailbox }

    func apply(_ order: ApplyOrder) {
        queue.async { [mailbox] in
            do {
                let (record, control) = try Self.apply(order)
                mailbox.post(.changeUpdated(Self.status(record, control)))
            } catch {
                mailbox.post(.changeFailed("not applied: \(error)"))
            }
        }
    }

    /// Applies a draft commit-confirmed (journal, guardian, kernel, verification): the TUI's and
    /// `podroute setup`'s one way to change a host.
    static func apply(_ order: ApplyOrder) throws -> (ChangeRecord, ChangeControl) {
        guard Privileges.hasNetAdmin else {
            throw CLIFailure("cannot apply: podroute is running without CAP_NET_ADMIN, which changing routes needs; "
                             + "run it as root. Nothing was changed.")
        }
        let control = try ChangeControlFactory.make()
        let plan = order.draft.plan(target: order.target, forced: order.forced, createdAt: Date(),
                                    toolVersion: PodRoute.configuration.version)
        var request = try PlanChange.request(for: plan, document: nil, namespace: order.namespace)
        request.confirmWithin = .seconds(order.confirmWithin)
        return (try failingClearly { () throws(ApplyError) in try control.apply(request) }, control)
    }

    func run(_ action: ChangeAction) {
        queue.async { [mailbox] in
            do {
                let control = try ChangeControlFactory.make()
                let record = try failingClearly { () throws(ApplyError) -> ChangeRecord in
                    switch action {
                    case .confirm(let id): try control.confirm(id)
                    case .extend(let id, let seconds): try control.extend(id, by: .seconds(seconds))
                    case .revert(let id): try control.rollback(id)
                    case .status(let id): try control.status(id)
                    }
                }
                mailbox.post(.changeUpdated(Self.status(record, control)))
            } catch {
                mailbox.post(.changeFailed("\(error)"))
            }
        }
    }

    /// The journal's record in the UI's words.
    static func status(_ record: ChangeRecord, _ control: ChangeControl) -> ChangeStatus {
        var detail: String?
        if record.state.isFinal, let last = record.history.last {
            let at = Format.clock(last.at, utcOffset: 0)
            detail = "\(record.state.rawValue) by \(last.by.rawValue) at \(at) UTC"
            if let text = last.detail { detail! += " (\(text))" }
            if !record.problems.isEmpty { detail! += "; problems: " + record.problems.joined(separator: "; ") }
        }
        return ChangeStatus(id: record.id, state: record.state.rawValue, deadline: record.deadline,
                            journal: control.store.directory, detail: detail)
    }
}
