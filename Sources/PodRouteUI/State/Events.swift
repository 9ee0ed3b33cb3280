import FoundationEssentials
import PodRouteCore

/// Everything the event loop feeds into `reduce`.
public enum AppEvent: Sendable {
    case key(Key)
    /// The terminal's new size (one event for a burst of SIGWINCH/KEY_RESIZE).
    case resize(Size)
    /// The clock moved (the header shows it); the loop sends one per second.
    case tick(Date)
    /// A new snapshot of the source (after netlink events, debounced, or `--from` reloaded).
    case snapshotReplaced(NetworkSnapshot)
    /// A poll of the links' stats64 counters.
    case linkStats(LinkStatsSample)
    /// A job started by `Effect.run` finished.
    case jobFinished(JobResult)
    /// Something the loop wants the operator to read (`netlink: resynchronised`).
    case notice(String)
    /// A failure the operator must see (`netlink: ENOBUFS, re-reading everything`).
    case error(String)
}

/// One read of every link's counters.
public struct LinkStatsSample: Sendable {
    /// Seconds on a monotonic clock (rates divide by differences of it).
    public var time: Double
    public var stats: [InterfaceIndex: LinkStats]

    public init(time: Double, stats: [InterfaceIndex: LinkStats]) {
        self.time = time
        self.stats = stats
    }
}

/// What `reduce` asks the loop to do.
public enum Effect: Sendable {
    /// Leave the UI, restore the terminal, print `summary` on the normal screen.
    case quit(summary: String)
    /// Repaint every cell (Ctrl-L): the terminal may have been scribbled on.
    case redrawAll
    /// Poll link stats every `interval`; nil stops polling (paused, or a static source).
    case setRefreshInterval(Duration?)
    /// Run a long job off the loop, then post `.jobFinished(job.run())`.
    case run(Job)
}

/// Work too big for the loop: preparing a snapshot of a million routes, filtering or sorting
/// them. Pure: `run()` reads only what the job holds. Results carry the generation they were
/// asked for; the reducer drops stale ones.
public struct Job: Sendable {
    public enum Work: Sendable {
        case prepareSnapshot(NetworkSnapshot, ClusterHints)
        case routeRows(SnapshotModel, RowFilter?, SortOrder<RouteColumn>)
    }

    public let generation: Int
    public let work: Work

    public init(generation: Int, work: Work) {
        self.generation = generation
        self.work = work
    }

    public func run() -> JobResult {
        run(shouldContinue: { true })!
    }

    /// Runs the job, asking `shouldContinue` now and then (the loop passes `!Task.isCancelled`
    /// and cancels a job when a newer one of the same `kind` starts); nil when abandoned.
    public func run(shouldContinue: () -> Bool) -> JobResult? {
        switch work {
        case .prepareSnapshot(let snapshot, let hints):
            return JobResult(generation: generation, output: .prepared(SnapshotModel(snapshot: snapshot, hints: hints)))
        case .routeRows(let model, let filter, let sort):
            guard let rows = RouteTable.rows(model: model, filter: filter, sort: sort, shouldContinue: shouldContinue) else {
                return nil
            }
            return JobResult(generation: generation, output: .routeRows(rows))
        }
    }

    /// A short name for logs and tests.
    public var kind: String {
        switch work {
        case .prepareSnapshot: "prepare-snapshot"
        case .routeRows: "route-rows"
        }
    }
}

public struct JobResult: Sendable {
    public enum Output: Sendable {
        case prepared(SnapshotModel)
        case routeRows(RouteRows)

        /// Rows of a route-rows result (routes of a prepared snapshot).
        public var rowCount: Int {
            switch self {
            case .prepared(let model): model.routeCount
            case .routeRows(let rows): rows.count
            }
        }
    }

    public let generation: Int
    public let output: Output

    public init(generation: Int, output: Output) {
        self.generation = generation
        self.output = output
    }
}
