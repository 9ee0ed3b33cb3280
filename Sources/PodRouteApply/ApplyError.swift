import FoundationEssentials
import PodRouteCore
import PodRouteNetlink

/// Why a change could not be made, confirmed or undone: what the operator reads, one sentence
/// first, then (for failed applies and reverts) every failure on its own line.
public enum ApplyError: Error, CustomStringConvertible, Sendable {
    case journal(JournalError)
    case kernel(NetlinkError)
    case invalidPlan(String)
    /// The live routes differ from the plan's pre-state; the lines show both sides.
    case drift([String])
    case guardianFailed(String)
    /// Apply failed; the change was undone (or the undo's failures are among the problems).
    case applyFailed(id: String, problems: [String])
    /// A revert or rollback that did not restore everything.
    case revertFailed(id: String, problems: [String])
    case notPending(id: String, state: ChangeState)
    case deadlinePassed(id: String, deadline: Date, guardianRunning: Bool)
    case namespaceChanged(String)
    /// The plan was made for another host (`TargetCheck`).
    case wrongHost(String)

    public var description: String {
        switch self {
        case .journal(let error): error.description
        case .kernel(let error): error.description
        case .invalidPlan(let reason): "the plan cannot be applied: \(reason)"
        case .drift(let lines):
            (["refusing to apply: the live routes differ from the plan's pre-state (re-plan against the current routes):"]
                + lines.map { "  " + $0 }).joined(separator: "\n")
        case .guardianFailed(let reason):
            "refusing to apply: the revert guardian did not start (\(reason)); no route was changed"
        case .applyFailed(let id, let problems):
            (["apply failed (change \(id)); every route is back as it was unless a line below says otherwise:"]
                + problems.map { "  " + $0 }).joined(separator: "\n")
        case .revertFailed(let id, let problems):
            (["change \(id) was not fully undone:"] + problems.map { "  " + $0 }).joined(separator: "\n")
        case .notPending(let id, let state):
            "change \(id) is \(state.rawValue); only a pending change can be confirmed or extended"
        case .deadlinePassed(let id, let deadline, let running):
            "too late: change \(id) passed its deadline (\(deadline.formatted(.iso8601))) and "
                + (running ? "the guardian is reverting it" : "its guardian is not running; undo it with `podroute rollback \(id)`")
        case .namespaceChanged(let detail):
            "nothing was reverted: \(detail)"
        case .wrongHost(let sentence):
            sentence
        }
    }
}
