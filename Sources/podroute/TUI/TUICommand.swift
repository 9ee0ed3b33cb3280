import ArgumentParser
import FoundationEssentials
import Glibc
import PodRouteCore
import PodRouteCurses
import PodRouteNetlink
import PodRouteUI

/// `podroute` with no subcommand: the terminal UI.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal UI (the default): live interfaces and routes, traces and plans.",
        discussion: "Keys: ? help, / filter, : commands, 1-4 views, q quit. Works over SSH, in tmux and on PuTTY."
    )

    @OptionGroup var source: SourceOptions
    @Option(name: .long, help: ArgumentHelp("Open a site file's hosts (YAML: each read from netns, from or ssh, in parallel) with a host switcher; they are snapshots (r reads them again).", valueName: "FILE"))
    var site: String?
    @Flag(name: .long, help: "Allow changes: the Plan view's apply (commit-confirmed); without it the UI is read-only.")
    var write = false
    @Option(name: .customLong("confirm-within"), help: ArgumentHelp("Seconds to keep an applied change (Enter on the banner) before it is reverted.", valueName: "SECONDS"))
    var confirmWithin: Int = 120
    @Flag(name: .long, help: "Draw with ASCII only (no box characters or arrows).") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also NO_COLOR=1 or TERM=dumb).") var noColor = false
    @Flag(name: .long, help: "Let the mouse select rows and scroll (breaks the terminal's own copy and paste).") var mouse = false
    @Option(name: .customShort("d"), help: ArgumentHelp("Seconds between rate refreshes (0.2 to 60).", valueName: "SECONDS"))
    var delay: Double = 1
    @Option(name: .customLong("frame-log"), help: ArgumentHelp("Append one line per frame (time, render and present milliseconds, cells written) to FILE.", valueName: "FILE"))
    var frameLog: String?

    func validate() throws {
        guard (0.2...60).contains(delay) else { throw ValidationError("-d takes 0.2 to 60 seconds, not \(delay)") }
        guard (1...86_400).contains(confirmWithin) else {
            throw ValidationError("--confirm-within takes 1 to 86400 seconds, not \(confirmWithin)")
        }
        if site != nil, source.netns != nil || source.from != nil || source.demo || source.pods != nil {
            throw ValidationError("--site names its hosts and their pods itself: leave out --netns, --from, --demo and --pods")
        }
    }

    func run() throws {
        let names = IPNamesLoader.hostNames()
        let siteSession = site.map { SiteSession(path: $0, hints: source.hints) }
        let siteContext = try siteSession?.read()
        let isLive = !source.demo && source.from == nil && siteContext == nil
        // Subscribe before the first dump, so nothing that changes during it is missed.
        let subscription = isLive ? try? RTNetlinkSubscription(namespace: source.netns) : nil
        let snapshot = try siteContext.map { $0.site.hosts[0].snapshot } ?? source.loadSnapshot()
        let statsSocket: RTNetlinkSocket? = isLive ? try? Self.openSocket(namespace: source.netns) : nil
        let mailbox = try Mailbox()
        let log = try frameLog.map { try FrameLog(path: $0) }
        let feed = subscription == nil ? nil : LiveFeed(snapshot: snapshot, namespace: source.netns, names: names, mailbox: mailbox)

        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal.open(TerminalOptions(forceASCII: ascii, forceMonochrome: noColor, mouse: mouse))
        } catch {
            throw CLIFailure(error.description)
        }
        TerminalSignals.install(wakeDescriptor: mailbox.writeEnd)
        let configuration = AppConfiguration(
            readOnly: !write, glyphs: terminal.capabilities.glyphs,
            refreshInterval: .milliseconds(Int(delay * 1000)), utcOffsetSeconds: Self.localUTCOffset(),
            hints: source.hints, sshSession: SSHSession(environment: ProcessInfo.processInfo.environment),
            confirmWithin: confirmWithin)
        let state = siteContext.flatMap { AppState(site: $0, configuration: configuration, size: terminal.size, now: Date()) }
            ?? AppState(snapshot: snapshot, configuration: configuration, size: terminal.size, now: Date())
        let channels = KernelChannels(subscription: subscription, statsSocket: statsSocket)
        var loop = EventLoop(terminal: terminal, state: state, mailbox: mailbox, feed: feed, channels: channels,
                             frameLog: log, site: siteSession)
        let summary = loop.run()
        terminal.close()
        TerminalSignals.restoreDefaults()
        var output = OutputBuffer()
        output.line(summary)
        output.flush()
    }

    private static func openSocket(namespace: String?) throws -> RTNetlinkSocket {
        if let namespace { return try RTNetlinkSocket(namespace: namespace) }
        return try RTNetlinkSocket()
    }

    /// The local zone's offset from UTC now, for the header clock.
    private static func localUTCOffset() -> Int {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return 0 }
        return local.tm_gmtoff
    }
}
