import FoundationEssentials
import Glibc
import PodRouteCore
import PodRouteNetlink

/// Commit-confirmed route changes, for the CLI and the TUI alike: preview, apply (journal first,
/// guardian started, all or nothing, verified), confirm, extend, revert now / roll back, status.
///
///     let control = ChangeControl(store: JournalStore(), executable: "/proc/self/exe" resolved)
///     let preview = try control.preview(request)          // show preview.lines, preview.driftLines
///     let change = try control.apply(request)             // pending until change.deadline
///     try control.confirm(change.id)                      // or extend(change.id, by:), rollback(change.id)
///
/// Every state change happens under the entry's lock, so a confirm racing the deadline either
/// lands before the guardian looks (kept) or finds the change reverted (`deadlinePassed`).
public struct ChangeControl: Sendable {
    public let store: JournalStore
    /// The podroute executable the guardian runs as (`podroute guardian ID`).
    public let executable: String

    public init(store: JournalStore, executable: String) {
        self.store = store
        self.executable = executable
    }

    // MARK: Preview and apply

    /// Reads the target's live routes and links: the operations with what they replace, and drift.
    public func preview(_ request: ChangeRequest) throws(ApplyError) -> ChangePreview {
        var socket = try openSocket(request.namespace)
        return try preview(request, on: &socket)
    }

    /// Applies `request` as one pending change and returns its journal entry. Under the apply
    /// lock: drift check again, journal entry (fsynced), guardian started, every operation applied
    /// or none, the kernel read back. Needs CAP_NET_ADMIN in the target namespace.
    public func apply(_ request: ChangeRequest) throws(ApplyError) -> ChangeRecord {
        try store.withApplyLock { () throws(ApplyError) -> ChangeRecord in
            var socket = try openSocket(request.namespace)
            let preview = try preview(request, on: &socket)
            guard preview.drift.isEmpty else { throw .drift(preview.driftLines) }
            let now = Date()
            let live = try kernel { () throws(NetlinkError) in try socket.liveRoutes(for: preview.operations) }
            let touched = Set(preview.operations.map(\.slot.prefixKey))
            let preState = live.filter { $0.isTableRoute && touched.contains(RouteSlot.PrefixKey($0)) }
            var record = ChangeRecord(
                id: JournalStore.newID(at: now), createdAt: now, deadline: Self.deadline(now, plus: request.confirmWithin),
                namespace: request.namespace, namespaceInode: NamespaceIdentity.inode(of: request.namespace),
                targetHost: request.targetHost, plan: request.plan,
                preState: preState,
                operations: preview.operations, naming: preview.naming)
            return try store.withEntryLock(record.id) { () throws(ApplyError) -> ChangeRecord in
                try journal(record)
                do throws(ApplyError) {
                    record.guardianPID = try GuardianLauncher(executable: executable, store: store).start(id: record.id)
                } catch {
                    record.problems = [error.description]
                    record.transition(to: .failed, by: .apply, detail: "the guardian did not start; nothing was changed")
                    try journal(record)
                    throw error
                }
                try journal(record)
                let transaction = RouteTransaction(operations: preview.operations, preState: preState,
                                                   naming: preview.naming)
                let problems = transaction.run(on: &socket)
                guard problems.isEmpty else {
                    record.problems = problems
                    record.transition(to: .failed, by: .apply, detail: "apply failed and was undone")
                    try journal(record)
                    throw .applyFailed(id: record.id, problems: problems)
                }
                if let applied = try? socket.liveRoutes(for: preview.operations) {
                    record.recordInverses(of: preview.operations, live: applied, naming: preview.naming)
                }
                record.transition(to: .pending, by: .apply,
                                  detail: "\(preview.operations.count) operation(s) applied and verified; waiting for confirmation")
                try journal(record)
                return record
            }
        }
    }

    // MARK: After apply

    /// Keeps a pending change: the guardian stands down. Refused after the deadline.
    @discardableResult
    public func confirm(_ id: String? = nil) throws(ApplyError) -> ChangeRecord {
        let id = try resolve(id, among: [.pending])
        return try store.withEntryLock(id) { () throws(ApplyError) -> ChangeRecord in
            var record = try read(id)
            if record.state == .confirmed { return record }
            try requirePendingBeforeDeadline(record)
            record.transition(to: .confirmed, by: .confirm)
            try journal(record)
            return record
        }
    }

    /// Moves a pending change's deadline to `duration` from now (never earlier than it was).
    @discardableResult
    public func extend(_ id: String, by duration: Duration) throws(ApplyError) -> ChangeRecord {
        try store.withEntryLock(id) { () throws(ApplyError) -> ChangeRecord in
            var record = try read(id)
            try requirePendingBeforeDeadline(record)
            record.deadline = max(record.deadline, Self.deadline(Date(), plus: duration))
            record.transition(to: .pending, by: .extend, detail: "deadline now \(record.deadline.formatted(.iso8601))")
            try journal(record)
            return record
        }
    }

    /// Undoes a pending or confirmed change now, in reverse, and verifies (`podroute rollback`,
    /// the TUI's "revert now"). Without an id, the newest such change.
    @discardableResult
    public func rollback(_ id: String? = nil) throws(ApplyError) -> ChangeRecord {
        let id = try resolve(id, among: [.pending, .confirmed])
        return try store.withEntryLock(id) { () throws(ApplyError) -> ChangeRecord in
            var record = try read(id)
            guard record.state == .pending || record.state == .confirmed else { throw .notPending(id: id, state: record.state) }
            try revert(&record, to: .rolledBack, by: .rollback)
            return record
        }
    }

    /// The change's journal entry as it stands.
    public func status(_ id: String) throws(ApplyError) -> ChangeRecord { try read(id) }

    /// Every change, oldest first, and the entries that could not be read.
    public func journalEntries() throws(ApplyError) -> (records: [ChangeRecord], unreadable: [String]) {
        do { return try store.list() } catch { throw .journal(error) }
    }

    /// Whether the guardian of `record` is still alive (signal 0 to its pid, and it is podroute).
    public func guardianRunning(_ record: ChangeRecord) -> Bool {
        guard let pid = record.guardianPID, pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
        return command.contains("guardian\0\(record.id)")
    }

    // MARK: For the guardian

    public enum DeadlineOutcome: Sendable {
        case reverted(ChangeRecord)
        /// The deadline moved (extended) before the lock was taken.
        case notDue
        /// Confirmed, rolled back or failed meanwhile.
        case settled(ChangeState)
    }

    /// At the deadline: unless confirmed (or extended) meanwhile, revert under the entry's lock.
    public func revertAtDeadline(_ id: String) throws(ApplyError) -> DeadlineOutcome {
        try store.withEntryLock(id) { () throws(ApplyError) -> DeadlineOutcome in
            var record = try read(id)
            guard record.state == .pending else { return .settled(record.state) }
            guard record.deadline.timeIntervalSinceNow <= 0 else { return .notDue }
            try revert(&record, to: .reverted, by: .guardian)
            return .reverted(record)
        }
    }

    // MARK: Internals

    /// `now + window`, rounded up to a whole second: the journal keeps whole seconds, and the
    /// operator must get at least the time asked for.
    static func deadline(_ now: Date, plus window: Duration) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 + window.seconds).rounded(.up))
    }

    private func preview(_ request: ChangeRequest, on socket: inout RTNetlinkSocket) throws(ApplyError) -> ChangePreview {
        guard !request.operations.isEmpty else { throw .invalidPlan("it has no route operations") }
        var seen: Set<RouteSlot> = []
        for operation in request.operations where !seen.insert(operation.slot).inserted {
            throw .invalidPlan("two operations change the same route (\(operation.slot))")
        }
        if let check = request.targetCheck {
            let addresses = try kernel { () throws(NetlinkError) in try socket.addresses() }
            if let refusal = check.refusal(live: addresses) { throw .wrongHost(refusal) }
        }
        let links = try kernel { () throws(NetlinkError) in try socket.links() }
        let live = try kernel { () throws(NetlinkError) in try socket.liveRoutes(for: request.operations) }
        let naming = RouteNaming(links: links)
        let operations = request.operations.map { operation in
            var resolved = operation
            guard operation.action != .add else { return resolved }
            let here = live.filter { $0.isTableRoute && RouteSlot($0) == operation.slot }
            if here.count == 1 { resolved.previous = here[0] }
            return resolved
        }
        return ChangePreview(operations: operations,
                             drift: RouteDrift(operations: operations, preState: request.preState, live: live),
                             naming: naming)
    }

    /// Reverts the record's operations (namespace checked first) and journals the outcome. An
    /// operator's attempt that failed without touching the kernel (wrong namespace, no privilege)
    /// leaves the entry as it was, so the guardian still reverts a pending change at its deadline;
    /// the guardian itself journals every failure, since nobody else will act on it.
    private func revert(_ record: inout ChangeRecord, to state: ChangeState, by actor: ChangeActor) throws(ApplyError) {
        if let inode = record.namespaceInode, NamespaceIdentity.inode(of: record.namespace) != inode {
            let problem = record.namespace.map { "the network namespace '\($0)' is gone or is not the one the change was made in" }
                ?? "podroute runs in another network namespace than the one the change was made in (run it where apply ran)"
            if actor == .guardian {
                record.problems.append(problem)
                record.transition(to: .failed, by: actor, detail: problem)
                try journal(record)
            }
            throw .namespaceChanged(problem)
        }
        let operations: [RouteOperation]
        let preState: [Route]
        do {
            operations = try record.forwardOperations()
            preState = try record.preStateRoutes()
        } catch { throw .journal(error as? JournalError ?? .corrupt("\(error)")) }
        var outcome: RouteReverter.Outcome
        do {
            var socket = try KernelAccess.socket(in: record.namespace)
            let naming = RouteNaming(links: try socket.links())
            outcome = RouteReverter(operations: operations, preState: preState, naming: naming).run(on: &socket)
        } catch {
            outcome = RouteReverter.Outcome(problems: ["\(error)"], changedRoutes: false)
        }
        if outcome.problems.isEmpty {
            record.transition(to: state, by: actor, detail: "undone in reverse and verified")
            try journal(record)
            return
        }
        let problems = outcome.problems
        guard actor == .guardian || outcome.changedRoutes else { throw .revertFailed(id: record.id, problems: problems + ["nothing was changed"]) }
        record.problems += problems
        record.transition(to: .failed, by: actor, detail: "the undo failed")
        try journal(record)
        throw .revertFailed(id: record.id, problems: problems)
    }

    private func requirePendingBeforeDeadline(_ record: ChangeRecord) throws(ApplyError) {
        guard record.state == .pending else { throw .notPending(id: record.id, state: record.state) }
        guard record.deadline.timeIntervalSinceNow > 0 else {
            throw .deadlinePassed(id: record.id, deadline: record.deadline, guardianRunning: guardianRunning(record))
        }
    }

    private func resolve(_ id: String?, among states: Set<ChangeState>) throws(ApplyError) -> String {
        if let id { return id }
        do throws(JournalError) {
            guard let newest = try store.newest(in: states) else {
                throw JournalError.noChange(states.map(\.rawValue).sorted().joined(separator: " or "))
            }
            return newest.id
        } catch { throw .journal(error) }
    }

    private func read(_ id: String) throws(ApplyError) -> ChangeRecord {
        do { return try store.read(id) } catch { throw .journal(error) }
    }

    private func journal(_ record: ChangeRecord) throws(ApplyError) {
        do { try store.write(record) } catch { throw .journal(error) }
    }

    private func openSocket(_ namespace: String?) throws(ApplyError) -> RTNetlinkSocket {
        do { return try KernelAccess.socket(in: namespace) } catch { throw .kernel(error) }
    }

    private func kernel<T>(_ body: () throws(NetlinkError) -> T) throws(ApplyError) -> T {
        do { return try body() } catch { throw .kernel(error) }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Which network namespace a change belongs to: the inode of /run/netns/NAME, or of podroute's own.
enum NamespaceIdentity {
    static func inode(of namespace: String?) -> UInt64? {
        var info = stat()
        let path = namespace.map { "/run/netns/\($0)" } ?? "/proc/self/ns/net"
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }
}
