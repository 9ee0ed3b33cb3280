import FoundationEssentials
import Glibc
import PodRouteCore
import PodRouteCurses
import PodRouteNetlink
import PodRouteUI

/// The TUI's one thread: waits on the keyboard, the netlink subscription, the wake-up pipe
/// (finished jobs, snapshot updates, signals) and the next timer; feeds events to the pure
/// reducer; runs its effects; presents the new frame (only changed cells reach the terminal).
struct EventLoop {
    private let terminal: CursesTerminal
    private let mailbox: Mailbox
    private let jobs: JobRunner
    private let changes: ChangeRunner
    private let probes: ProbeRunner
    private let feed: LiveFeed?
    private let channels: KernelChannels
    private var state: AppState
    private var statsInterval: Duration?
    private var nextStats: ContinuousClock.Instant
    private var nextTick: ContinuousClock.Instant
    private let clock = ContinuousClock()
    private let origin = ContinuousClock.now
    private var names: [InterfaceIndex: String]
    private let frameLog: FrameLog?
    private let site: SiteSession?

    init(terminal: CursesTerminal, state: AppState, mailbox: Mailbox, feed: LiveFeed?, channels: KernelChannels,
         frameLog: FrameLog?, site: SiteSession? = nil) {
        self.frameLog = frameLog
        self.site = site
        self.terminal = terminal
        self.state = state
        self.mailbox = mailbox
        jobs = JobRunner(mailbox: mailbox)
        changes = ChangeRunner(mailbox: mailbox)
        probes = ProbeRunner(mailbox: mailbox)
        self.feed = feed
        self.channels = channels
        nextStats = .now
        nextTick = .now
        names = Dictionary(state.model.snapshot.links.map { ($0.index, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Runs until the operator quits or a signal arrives; returns the summary line to print.
    mutating func run() -> String {
        if let summary = handle(state.startupEffects) { return summary }
        present(cause: "start")
        while true {
            waitForInput()
            if let signal = TerminalSignals.pending {
                return summaryLine(reason: signal == SIGINT ? nil : "ended by \(signalName(signal))")
            }
            var events: [AppEvent] = terminal.readInput().map {
                switch $0 {
                case .key(let key): .key(key)
                case .resize(let size): .resize(size)
                }
            }
            readNotifications()
            events += mailbox.take()
            events += timerEvents()
            if events.contains(where: { if case .resize = $0 { true } else { false } }) { terminal.invalidate() }
            for event in events {
                if case .snapshotReplaced(let snapshot) = event {
                    names = Dictionary(snapshot.links.map { ($0.index, $0.name) }, uniquingKeysWith: { first, _ in first })
                }
                if let summary = handle(reduce(&state, event)) { return summary }
            }
            if let first = events.first { present(cause: Self.cause(first)) }
        }
    }

    /// Renders the state and writes what changed to the terminal (timed when a frame log is on).
    private func present(cause: String) {
        guard let frameLog else {
            terminal.present(render(state, size: terminal.size))
            return
        }
        let started = ContinuousClock.now
        let frame = render(state, size: terminal.size)
        let rendered = ContinuousClock.now
        terminal.present(frame)
        let presented = ContinuousClock.now
        frameLog.frame(cause: cause, renderSeconds: Self.seconds(started.duration(to: rendered)),
                       presentSeconds: Self.seconds(rendered.duration(to: presented)), cells: terminal.cellsWrittenLastFrame)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func cause(_ event: AppEvent) -> String {
        switch event {
        case .key(let key): "key:\(key)".replacingOccurrences(of: " ", with: "_")
        case .resize: "resize"
        case .tick: "tick"
        case .snapshotReplaced: "snapshot"
        case .linkStats: "stats"
        case .jobFinished: "job"
        case .notice, .error: "message"
        case .siteRead: "site"
        case .changeUpdated, .changeFailed: "change"
        case .probeFinished: "probe"
        }
    }

    /// Runs effects; returns the summary when one of them quits.
    private mutating func handle(_ effects: [Effect]) -> String? {
        for effect in effects {
            switch effect {
            case .quit(let summary): return summary
            case .redrawAll: terminal.invalidate()
            case .setRefreshInterval(let interval):
                statsInterval = channels.canReadStats ? interval : nil
                nextStats = .now
            case .run(let job): jobs.run(job)
            case .rereadSite: site?.reread(into: mailbox)
            case .copyToClipboard(let text): terminal.copyToClipboard(text)
            case .apply(let order): changes.apply(order)
            case .change(let action): changes.run(action)
            case .probe(let probe, let phase): probes.run(probe, phase: phase)
            }
        }
        return nil
    }

    private func waitForInput() {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: mailbox.readEnd, events: Int16(POLLIN), revents: 0)]
        if let descriptor = channels.notificationDescriptor {
            descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        }
        var deadline = nextTick
        if statsInterval != nil { deadline = min(deadline, nextStats) }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let milliseconds = max(0, Int32(clamping: remaining.components.seconds * 1000
            + remaining.components.attoseconds / 1_000_000_000_000_000))
        // EINTR (a resize, a signal) simply ends the wait: the loop reads what happened.
        _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
    }

    /// Decodes what the kernel announced and hands it to the live feed.
    private func readNotifications() {
        guard let feed else { return }
        do {
            let (changes, lost) = try channels.receiveChanges(names: names)
            if !changes.isEmpty || lost { feed.receive(changes, lost: lost) }
        } catch {
            mailbox.post(.error("netlink: \(error)"))
        }
    }

    private mutating func timerEvents() -> [AppEvent] {
        var events: [AppEvent] = []
        let now = ContinuousClock.now
        if now >= nextTick {
            events.append(.tick(Date()))
            nextTick = now.advanced(by: .seconds(1))
        }
        if let interval = statsInterval, now >= nextStats {
            nextStats = now.advanced(by: interval)
            do {
                let stats = try channels.readStats()
                let elapsed = origin.duration(to: now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                events.append(.linkStats(LinkStatsSample(time: seconds, stats: stats)))
            } catch {
                events.append(.error("stats: \(error)"))
                statsInterval = nil
            }
        }
        return events
    }

    private func summaryLine(reason: String?) -> String {
        var effects = state
        let summary = reduce(&effects, .key(.char("q"))).compactMap { effect -> String? in
            if case .quit(let summary) = effect { return summary }
            return nil
        }.first ?? "podroute: done"
        return reason.map { summary + " (\($0))" } ?? summary
    }

    private func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
