import FoundationEssentials
import PodRouteCore

/// Where a change stands. Only `pending` moves on; every other state is final.
public enum ChangeState: String, Codable, Sendable, CaseIterable {
    /// Applied (or being applied) and waiting for `confirm`; the guardian reverts it at the deadline.
    case pending
    /// Kept by the operator; only `rollback` undoes it now.
    case confirmed
    /// Undone by the guardian because no confirmation came in time.
    case reverted
    /// Undone on the operator's request (`rollback`, or "revert now" in the TUI).
    case rolledBack = "rolled-back"
    /// Apply failed (and was undone), or an undo failed: `problems` says what, and what is left.
    case failed

    public var isFinal: Bool { self != .pending && self != .confirmed }
}

/// Who changed a journal entry's state.
public enum ChangeActor: String, Codable, Sendable {
    case apply, guardian, confirm, extend, rollback
}

/// One journal entry: a change to one host's routes, everything needed to undo it without the
/// process that made it. Written before anything is touched; each state change rewrites it.
public struct ChangeRecord: Codable, Sendable {
    public static let formatVersion = 1

    /// One state change, with who made it and why.
    public struct Event: Codable, Sendable {
        public var at: Date
        public var state: ChangeState
        public var by: ChangeActor
        public var detail: String?
    }

    public var version: Int
    public let id: String
    public let createdAt: Date
    public internal(set) var state: ChangeState
    /// When the guardian reverts unless confirmed.
    public internal(set) var deadline: Date
    /// The `ip netns` name the change was made in; nil for podroute's own namespace.
    public let namespace: String?
    /// The network namespace's inode (`/proc/self/ns/net` of the applying process), so the
    /// guardian can refuse to act in another namespace.
    public let namespaceInode: UInt64?
    /// The host the plan was made for.
    public let targetHost: String?
    /// The plan as given (a JSON document), for the record.
    var plan: EmbeddedJSON?
    /// The live routes of the touched destinations just before apply.
    var preState: [JournalRoute]
    /// What apply sends, in order, with the route each replaced or deleted.
    var operations: [JournalOperation]
    /// Their inverses, in the order they are applied to undo (reverse of `operations`).
    var inverses: [JournalOperation]
    public internal(set) var guardianPID: Int32?
    public internal(set) var history: [Event]
    /// Every failure, with the kernel's own words.
    public internal(set) var problems: [String]

    /// The forward operations, in order.
    public func forwardOperations() throws -> [RouteOperation] { try operations.map { try $0.operation() } }

    /// The routes the touched destinations held before apply.
    public func preStateRoutes() throws -> [Route] { try preState.map { try $0.route() } }

    /// `ip route` lines of the forward operations (`add 10.21.0.0/16 via ...`).
    public var operationLines: [String] { operations.map(\.line) }

    /// `ip route` lines of what undoing does, in order.
    public var inverseLines: [String] { inverses.map(\.line) }

    /// Records the inverses as they will run: against the kernel's copies of the applied routes
    /// (with the metric, scope and protocol the kernel filled in), last operation first.
    mutating func recordInverses(of operations: [RouteOperation], live: [Route], naming: RouteNaming) {
        inverses = operations.reversed().map { operation in
            if case .applied(let route) = operation.state(in: live) {
                return JournalOperation(operation.inverse(live: route), names: naming)
            }
            return JournalOperation(operation.inverse, names: naming)
        }
    }

    mutating func transition(to state: ChangeState, by actor: ChangeActor, detail: String? = nil, at now: Date = Date()) {
        self.state = state
        history.append(Event(at: now, state: state, by: actor, detail: detail))
    }

    init(id: String, createdAt: Date, deadline: Date, namespace: String?, namespaceInode: UInt64?, targetHost: String?,
         plan: JSONValue?, preState: [Route], operations: [RouteOperation], naming: RouteNaming) {
        version = Self.formatVersion
        self.id = id
        self.createdAt = createdAt
        state = .pending
        self.deadline = deadline
        self.namespace = namespace
        self.namespaceInode = namespaceInode
        self.targetHost = targetHost
        self.plan = plan.map(EmbeddedJSON.init)
        self.preState = preState.map { JournalRoute($0, names: naming) }
        self.operations = operations.map { JournalOperation($0, names: naming) }
        inverses = operations.reversed().map { JournalOperation($0.inverse, names: naming) }
        history = [Event(at: createdAt, state: .pending, by: .apply, detail: "journaled before any route is touched")]
        problems = []
    }
}

/// A `RouteOperation` in the journal.
struct JournalOperation: Codable, Hashable, Sendable {
    var action: String
    var route: JournalRoute
    var previous: JournalRoute?

    init(_ operation: RouteOperation, names: RouteNaming) {
        action = operation.action.rawValue
        route = JournalRoute(operation.route, names: names)
        previous = operation.previous.map { JournalRoute($0, names: names) }
    }

    func operation() throws -> RouteOperation {
        guard let verb = RouteOperation.Action(rawValue: action) else { throw JournalError.corrupt("unknown action '\(action)'") }
        return RouteOperation(verb, try route.route(), previous: try previous?.route())
    }

    var line: String { "\(action) \(route.text ?? route.dst)" }
}
