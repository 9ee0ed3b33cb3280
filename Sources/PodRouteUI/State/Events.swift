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
    /// Every host of the site read again (after `Effect.rereadSite`); `unread` names the failures.
    case siteRead(Site, unread: [String])
    /// The journal's word on the change applied from this session (after apply, confirm, extend,
    /// revert or a status read).
    case changeUpdated(ChangeStatus)
    /// Apply (or confirm, extend, revert) failed; one sentence, nothing changed by it.
    case changeFailed(String)
    /// A verification probe (after `Effect.probe`) finished.
    case probeFinished(VerificationProbe, Verification.Phase, VerificationOutcome)
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
    /// Read every host of the site again off the loop, then post `.siteRead`.
    case rereadSite
    /// Put text on the terminal's clipboard (OSC 52: works over SSH and in tmux with set-clipboard).
    case copyToClipboard(String)
    /// Apply the draft commit-confirmed (off the loop), then post `.changeUpdated` or `.changeFailed`.
    case apply(ApplyOrder)
    /// Confirm, extend, revert or re-read the pending change (off the loop), then post the same.
    case change(ChangeAction)
    /// Send the verification probe (off the loop), then post `.probeFinished`.
    case probe(VerificationProbe, Verification.Phase)
}

/// Work too big for the loop: preparing a snapshot of a million routes, filtering or sorting
/// them. Pure: `run()` reads only what the job holds. Results carry the generation they were
/// asked for; the reducer drops stale ones.
public struct Job: Sendable {
    public enum Work: Sendable {
        case prepareSnapshot(NetworkSnapshot, ClusterHints)
        case routeRows(SnapshotModel, RowFilter?, SortOrder<RouteColumn>)
        /// A path trace: over a site, or over one host's snapshot (its lookup is built here).
        case trace(TraceJob)
        /// A plan draft over a big table.
        case plan(PlanJob)
        /// A site's chain of routers over big tables.
        case planChain(ChainJob)
        /// The Plan view's candidates, read from big tables.
        case planCandidates(Site)
        /// The guided setup's survey (roles, traces) over big tables.
        case setupSurvey(SetupSurveyJob)
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
        case .trace(let trace):
            return JobResult(generation: generation, output: .trace(trace.run()))
        case .plan(let plan):
            return JobResult(generation: generation, output: .plan(plan.run()))
        case .planChain(let chain):
            return JobResult(generation: generation, output: .planChain(chain.run()))
        case .planCandidates(let site):
            return JobResult(generation: generation, output: .planCandidates(SiteCandidates.candidates(of: site)))
        case .setupSurvey(let survey):
            return JobResult(generation: generation, output: .setupSurvey(survey.run()))
        }
    }

    /// A short name for logs and tests.
    public var kind: String {
        switch work {
        case .prepareSnapshot: "prepare-snapshot"
        case .routeRows: "route-rows"
        case .trace: "trace"
        case .plan, .planChain: "plan"
        case .planCandidates: "plan-candidates"
        case .setupSurvey: "setup-survey"
        }
    }
}

public struct JobResult: Sendable {
    public enum Output: Sendable {
        case prepared(SnapshotModel)
        case routeRows(RouteRows)
        case trace(TraceOutcome)
        case plan(PlanPreview)
        case planChain(ChainPreview)
        case planCandidates([RouteCandidate])
        case setupSurvey(SetupSurvey)

        /// Rows of a route-rows result (routes of a prepared snapshot, hops of a trace).
        public var rowCount: Int {
            switch self {
            case .prepared(let model): model.routeCount
            case .routeRows(let rows): rows.count
            case .trace(let outcome): outcome.result.hops.count
            case .plan(let preview): preview.draft.operations.count
            case .planChain(let chain): chain.steps.count
            case .planCandidates(let candidates): candidates.count
            case .setupSurvey(let survey): survey.checks.count
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

/// What a trace needs: the hosts (a site, or one snapshot to make a one-host site of), the
/// destination and the starting host.
public struct TraceJob: Sendable {
    public enum Hosts: Sendable {
        case site(Site)
        case single(NetworkSnapshot, ClusterHints)
    }

    public let hosts: Hosts
    public let destination: IPAddress
    public let target: String
    public let from: String
    public let dataGeneration: Int

    public init(hosts: Hosts, destination: IPAddress, target: String, from: String, dataGeneration: Int) {
        self.hosts = hosts
        self.destination = destination
        self.target = target
        self.from = from
        self.dataGeneration = dataGeneration
    }

    /// Builds the lookups if needed (a million routes: why this runs off the loop) and traces.
    public func run() -> TraceOutcome {
        let site: Site = switch hosts {
        case .site(let site): site
        case .single(let snapshot, let hints): Site(hosts: [SiteHost(name: from, snapshot: snapshot, hints: hints)])
        }
        let result = PathTracer(site: site).trace(to: destination, from: from)
        return TraceOutcome(target: target, from: from, result: result, site: site, dataGeneration: dataGeneration)
    }

    /// Routes the lookups must hold: the inline limit compares against it.
    public var routeCount: Int {
        switch hosts {
        case .site(let site): site.hosts.reduce(0) { $0 + $1.snapshot.routes.count }
        case .single(let snapshot, _): snapshot.routes.count
        }
    }
}
