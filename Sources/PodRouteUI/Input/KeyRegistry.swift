/// The four views, in tab order.
public enum ViewID: Int, Hashable, Sendable, CaseIterable {
    case interfaces = 1
    case routes = 2
    case trace = 3
    case plan = 4

    public var title: String {
        switch self {
        case .interfaces: "Interfaces"
        case .routes: "Routes"
        case .trace: "Trace"
        case .plan: "Plan"
        }
    }

    /// The key that shows it (`1`..`4`).
    public var key: Key { .char(Character(String(rawValue))) }

    public var next: ViewID { ViewID(rawValue: rawValue % 4 + 1)! }
    public var previous: ViewID { ViewID(rawValue: (rawValue + 2) % 4 + 1)! }
}

/// What a key does. Handlers are in the reducer; bindings only name the action.
public enum KeyAction: Hashable, Sendable {
    case quit
    case help
    case redraw
    case showView(ViewID)
    case nextView
    case previousView
    case moveUp
    case moveDown
    case pageUp
    case pageDown
    case top
    case bottom
    /// Enter: open the detail pane on the selected row (or expand a group).
    case details
    /// Esc: leave the detail pane, clear the filter, close what is open.
    case back
    case filter
    case command
    case sortNext
    case sortReverse
    case toggleWorkloads
    case togglePause
    /// Trace the selected address (a route's destination, a link's address) in the Trace view.
    case trace
    /// Trace view: type the destination (the entry line; Enter traces).
    case editTraceTarget
    /// Trace view: choose the host the packet starts from (a site's host picker).
    case pickTraceSource
    /// Trace view: open the selected hop's host in Routes, at the route the hop used.
    case openHopRoutes
    /// Site: choose which host Interfaces and Routes show.
    case pickHost
    /// Site: read every host again (site hosts are snapshots).
    case reread
    /// Apply the staged plan: changes the host, so refused in read-only mode.
    case applyPlan
    /// Plan view: tick or untick the selected candidate.
    case togglePlanCandidate
    /// Plan view: the next strategy (per-node, aggregate).
    case cyclePlanStrategy
    /// Plan view: the next vendor format of the commands.
    case cyclePlanFormat
    /// Plan view: copy the commands to the terminal's clipboard (OSC 52).
    case copyPlanCommands
    /// Plan view on a site: the next router of the chain the preview, `f` and `y` are about.
    case nextPlanRouter
    /// Open the guided setup (`podroute setup`'s steps, over the Plan view).
    case openSetup
    /// Guided setup: the next step (on the last one: the apply dialog), the previous one, close it.
    case setupNext
    case setupBack
    case setupClose
    /// A pending change: keep it, give it two more minutes, revert it now.
    case keepChange
    case extendChange
    case revertChange
    // Apply dialog.
    case dialogAccept
    case dialogCancel
    case dialogToggle
    // Prompt (filter and command line) editing.
    case promptAccept
    case promptCancel
    case promptComplete
    case promptDeleteBackward
    case promptClear
    case promptDeleteWord
    /// The trace entry's history (older, newer).
    case promptHistoryPrevious
    case promptHistoryNext
    // Host picker.
    case pickerChoose
    case pickerClose
    // Help overlay.
    case helpRun
    case helpClose
}

/// Where a binding applies.
public enum BindingContext: Hashable, Sendable {
    /// The normal mode of every view.
    case global
    /// The normal mode of these views.
    case views(Set<ViewID>)
    /// The filter and command prompts.
    case prompt
    /// The help overlay.
    case help
    /// The host picker (a site's hosts).
    case picker
    /// The apply dialog.
    case dialog
    /// Every view while a change applied from this session is pending (they come first).
    case pendingChange
    /// The guided setup while it is open (before the Plan view's keys, which still work in it).
    case setup

    public func applies(to view: ViewID) -> Bool {
        switch self {
        case .global: true
        case .views(let views): views.contains(view)
        case .prompt, .help, .picker, .dialog, .pendingChange, .setup: false
        }
    }
}

/// One entry of the key registry: the hint bar, the help overlay and read-only mode all come
/// from these (style rule 8).
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: KeyAction
    /// A word or two for the hint bar (`filter`).
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    public var context: BindingContext
    /// Changes the host: hidden and refused in read-only mode.
    public var dangerous: Bool
    /// Place in the hint bar, lowest first; nil keeps it out of the bar (still in help).
    public var hintRank: Int?
    /// Section of the help overlay.
    public var group: String
    /// How the keys are written when the list would be long (`1-4`).
    public var keyText: String?
    /// Only means something on a site (`--site FILE`): hidden on a single host, where the key says so.
    public var needsSite: Bool
    /// Only means something on a live source: hidden for captures and site snapshots.
    public var needsLive: Bool

    public init(_ keys: [Key], _ action: KeyAction, label: String, help: String, context: BindingContext = .global,
                dangerous: Bool = false, hintRank: Int? = nil, group: String, keyText: String? = nil,
                needsSite: Bool = false, needsLive: Bool = false) {
        self.needsSite = needsSite
        self.needsLive = needsLive
        self.keys = keys
        self.action = action
        self.label = label
        self.help = help
        self.context = context
        self.dangerous = dangerous
        self.hintRank = hintRank
        self.group = group
        self.keyText = keyText
    }

    /// The keys as the help overlay writes them: `j/↓`, `q/^C`.
    public var keysDescription: String { keyText ?? keys.map(\.description).joined(separator: "/") }

    /// The key the hint bar shows: the first one.
    public var hintKey: String { keyText ?? keys.first?.description ?? "" }
}

/// The one table of key bindings.
public struct KeyRegistry: Sendable {
    public private(set) var bindings: [KeyBinding]
    /// Dangerous bindings removed by `readOnly()`: their keys answer with a refusal.
    public private(set) var refused: [KeyBinding]
    /// Site bindings removed by `singleHost()`: their keys say they need `--site`.
    public private(set) var siteOnly: [KeyBinding]
    /// Live bindings removed by `staticSource()`: their keys say nothing here changes by itself.
    public private(set) var liveOnly: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
        refused = []
        siteOnly = []
        liveOnly = []
    }

    /// The same registry without the bindings that only a live source gives meaning to.
    public func staticSource() -> KeyRegistry {
        var registry = self
        registry.liveOnly = bindings.filter(\.needsLive)
        registry.bindings = bindings.filter { !$0.needsLive }
        return registry
    }

    /// The same registry without the bindings that only a site gives meaning to.
    public func singleHost() -> KeyRegistry {
        var registry = self
        registry.siteOnly = bindings.filter(\.needsSite)
        registry.bindings = bindings.filter { !$0.needsSite }
        return registry
    }

    /// The same registry without dangerous bindings (hidden from hints and help, refused when pressed).
    public func readOnly() -> KeyRegistry {
        var registry = self
        registry.refused = bindings.filter(\.dangerous)
        registry.bindings = bindings.filter { !$0.dangerous }
        return registry
    }

    public enum Resolution: Hashable, Sendable {
        case run(KeyBinding)
        /// A dangerous binding in read-only mode.
        case refused(KeyBinding)
        /// A site binding on a single host.
        case needsSite(KeyBinding)
        /// A live binding on a capture or a site's snapshots.
        case needsLive(KeyBinding)
        case unbound
    }

    /// The binding for a key in the normal mode of a view.
    public func resolve(_ key: Key, in view: ViewID) -> Resolution {
        if let binding = bindings.first(where: { $0.context.applies(to: view) && $0.keys.contains(key) }) {
            return .run(binding)
        }
        if let binding = refused.first(where: { $0.context.applies(to: view) && $0.keys.contains(key) }) {
            return .refused(binding)
        }
        if let binding = siteOnly.first(where: { $0.context.applies(to: view) && $0.keys.contains(key) }) {
            return .needsSite(binding)
        }
        if let binding = liveOnly.first(where: { $0.context.applies(to: view) && $0.keys.contains(key) }) {
            return .needsLive(binding)
        }
        return .unbound
    }

    /// The binding for a key in a prompt or the help overlay.
    public func resolve(_ key: Key, context: BindingContext) -> KeyBinding? {
        bindings.first { $0.context == context && $0.keys.contains(key) }
    }

    /// The hint bar's entries for a view, most important first.
    public func hints(for view: ViewID) -> [KeyBinding] {
        bindings.filter { $0.hintRank != nil && $0.context.applies(to: view) }.sorted { $0.hintRank! < $1.hintRank! }
    }

    /// The hint bar's entries for a prompt or the help overlay.
    public func hints(for context: BindingContext) -> [KeyBinding] {
        bindings.filter { $0.hintRank != nil && $0.context == context }.sorted { $0.hintRank! < $1.hintRank! }
    }

    /// Every binding a view's help lists, by group in registry order.
    public func helpSections(for view: ViewID) -> [(group: String, bindings: [KeyBinding])] {
        var sections: [(group: String, bindings: [KeyBinding])] = []
        for binding in bindings {
            switch binding.context {
            case .global, .views, .prompt, .pendingChange, .setup: break
            case .help, .picker, .dialog: continue
            }
            if let index = sections.firstIndex(where: { $0.group == binding.group }) {
                sections[index].bindings.append(binding)
            } else {
                sections.append((binding.group, [binding]))
            }
        }
        return sections
    }

    /// podroute's bindings.
    public static let standard = KeyRegistry(bindings: [
        // General
        KeyBinding([.char("?")], .help, label: "help", help: "list every key; Enter on a line runs it",
                   hintRank: 0, group: "General"),
        KeyBinding([.char("q"), .ctrl("c")], .quit, label: "quit", help: "quit and print a one-line summary",
                   hintRank: 1, group: "General"),
        KeyBinding([.char("/")], .filter, label: "filter",
                   help: "filter rows: text matches anywhere, /re/ or ^re$ is a regex, !text inverts",
                   context: .views([.interfaces, .routes]), hintRank: 2, group: "General"),
        KeyBinding([.char(":")], .command, label: "command",
                   help: "command line (:links :routes :filter :sort :q), Tab completes", hintRank: 4, group: "General"),
        KeyBinding([.char("p")], .togglePause, label: "pause", help: "pause or resume live updates",
                   hintRank: 8, group: "General", needsLive: true),
        KeyBinding([.char("g")], .openSetup, label: "setup",
                   help: "guided setup: where am I, what is unreachable, which CIDRs, next hops, preview, apply with a probe",
                   hintRank: 11, group: "General"),
        KeyBinding([.ctrl("l")], .redraw, label: "redraw", help: "redraw the whole screen", group: "General"),
        KeyBinding([.escape], .back, label: "back", help: "leave the detail pane, clear the filter, close what is open",
                   group: "General"),
        // Views
        KeyBinding([.char("1")], .showView(.interfaces), label: "interfaces", help: "links, their pods and rates",
                   group: "Views"),
        KeyBinding([.char("2")], .showView(.routes), label: "routes", help: "every table, both families, explained",
                   group: "Views"),
        KeyBinding([.char("3")], .showView(.trace), label: "trace", help: "the path to an address, hop by hop",
                   group: "Views"),
        KeyBinding([.char("4")], .showView(.plan), label: "plan", help: "stage, preview and apply gateway routes for the pod network",
                   group: "Views"),
        KeyBinding([.tab], .nextView, label: "next view", help: "the next view", group: "Views"),
        KeyBinding([.backTab], .previousView, label: "previous view", help: "the previous view", group: "Views"),
        // Moving
        KeyBinding([.down, .char("j")], .moveDown, label: "down", help: "next row", group: "Moving"),
        KeyBinding([.up, .char("k")], .moveUp, label: "up", help: "previous row", group: "Moving"),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, label: "page down", help: "one screen down", group: "Moving"),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, label: "page up", help: "one screen up", group: "Moving"),
        KeyBinding([.home], .top, label: "first", help: "first row (g opens the guided setup; Home goes to the top)",
                   group: "Moving"),
        KeyBinding([.end, .char("G")], .bottom, label: "last", help: "last row", group: "Moving"),
        // Tables
        KeyBinding([.enter], .details, label: "details",
                   help: "open the detail pane on the row (Esc goes back); on a group, fold it",
                   context: .views([.interfaces, .routes]), hintRank: 3, group: "Tables"),
        KeyBinding([.char("s")], .sortNext, label: "sort", help: "sort by the next column (the marker shows which)",
                   context: .views([.interfaces, .routes]), hintRank: 6, group: "Tables"),
        KeyBinding([.char("S")], .sortReverse, label: "reverse", help: "reverse the sort order",
                   context: .views([.interfaces, .routes]), group: "Tables"),
        KeyBinding([.char("c")], .toggleWorkloads, label: "collapse", help: "fold or unfold the workload group",
                   context: .views([.interfaces]), hintRank: 5, group: "Tables"),
        KeyBinding([.char("t")], .trace, label: "trace",
                   help: "trace the selected route's destination (an address inside its prefix) or the link's address",
                   context: .views([.interfaces, .routes]), hintRank: 7, group: "Tables"),
        // Site
        KeyBinding([.char("H")], .pickHost, label: "host", help: "choose the site host Interfaces and Routes show (also :host NAME)",
                   hintRank: 9, group: "Site", needsSite: true),
        KeyBinding([.char("r")], .reread, label: "re-read",
                   help: "read every host of the site again (they are snapshots) and trace again", hintRank: 10,
                   group: "Site", needsSite: true),
        // Trace
        KeyBinding([.char("d")], .editTraceTarget, label: "destination",
                   help: "type the address to trace (Enter traces, up/down recall earlier ones)",
                   context: .views([.trace]), hintRank: 2, group: "Trace"),
        KeyBinding([.enter], .openHopRoutes, label: "routes",
                   help: "open the selected hop's host in Routes, at the route it used",
                   context: .views([.trace]), hintRank: 3, group: "Trace"),
        KeyBinding([.char("f")], .pickTraceSource, label: "from", help: "choose the site host the packet starts from",
                   context: .views([.trace]), hintRank: 5, group: "Trace", needsSite: true),
        // Plan
        KeyBinding([.char(" ")], .togglePlanCandidate, label: "select",
                   help: "tick or untick the candidate (:cidr CIDR adds one, :via IP[,IP] sets next hops)",
                   context: .views([.plan]), hintRank: 2, group: "Plan"),
        KeyBinding([.char("m")], .cyclePlanStrategy, label: "strategy",
                   help: "per-node (recommended: replies return through the pod's own node) or aggregate",
                   context: .views([.plan]), hintRank: 3, group: "Plan"),
        KeyBinding([.char("f")], .cyclePlanFormat, label: "format", help: "the next vendor format for the commands",
                   context: .views([.plan]), hintRank: 4, group: "Plan"),
        KeyBinding([.char("y")], .copyPlanCommands, label: "copy",
                   help: "copy the commands to the clipboard (OSC 52: over SSH, in tmux with set-clipboard on)",
                   context: .views([.plan]), hintRank: 6, group: "Plan"),
        KeyBinding([.char("n")], .nextPlanRouter, label: "router",
                   help: "on a site: show one router of the chain (f and y then apply to it), then all again",
                   context: .views([.plan]), hintRank: 7, group: "Plan", needsSite: true),
        KeyBinding([.char("a")], .applyPlan, label: "apply",
                   help: "apply to this host, commit-confirmed: a dialog repeats the changes (needs --write)",
                   context: .views([.plan]), dangerous: true, hintRank: 5, group: "Plan"),
        // Pending change (the banner's keys; they win over the views' while a change is pending)
        KeyBinding([.enter], .keepChange, label: "keep", help: "while a change is pending: keep it (confirm)",
                   context: .pendingChange, hintRank: 0, group: "Pending change"),
        KeyBinding([.char("e")], .extendChange, label: "+2 min", help: "while a change is pending: two more minutes to decide",
                   context: .pendingChange, hintRank: 1, group: "Pending change"),
        KeyBinding([.char("r")], .revertChange, label: "revert now", help: "while a change is pending: undo it now",
                   context: .pendingChange, hintRank: 2, group: "Pending change"),
        // Guided setup
        KeyBinding([.enter], .setupNext, label: "next",
                   help: "guided setup: the next step; on the last, the apply dialog (Cancel first)", context: .setup,
                   hintRank: 0, group: "Guided setup"),
        KeyBinding([.char("b"), .backspace, .left], .setupBack, label: "back",
                   help: "guided setup: the previous step (nothing is applied before the last)", context: .setup,
                   hintRank: 1, group: "Guided setup"),
        KeyBinding([.escape], .setupClose, label: "close",
                   help: "guided setup: close it; the choices stay staged in the Plan view", context: .setup,
                   hintRank: 2, group: "Guided setup"),
        // Apply dialog
        KeyBinding([.enter], .dialogAccept, label: "choose", help: "run the highlighted button", context: .dialog,
                   hintRank: 0, group: "Apply dialog"),
        KeyBinding([.escape], .dialogCancel, label: "cancel", help: "close without applying", context: .dialog,
                   hintRank: 1, group: "Apply dialog"),
        KeyBinding([.tab, .left, .right], .dialogToggle, label: "switch", help: "move between Cancel and Apply",
                   context: .dialog, hintRank: 2, group: "Apply dialog", keyText: "Tab"),
        KeyBinding([.backspace, .ctrl("h")], .promptDeleteBackward, label: "delete", help: "delete a typed character",
                   context: .dialog, group: "Apply dialog"),
        // Prompts
        KeyBinding([.enter], .promptAccept, label: "apply", help: "apply the filter or run the command",
                   context: .prompt, hintRank: 0, group: "Prompts"),
        KeyBinding([.escape], .promptCancel, label: "cancel", help: "close the prompt", context: .prompt,
                   hintRank: 1, group: "Prompts"),
        KeyBinding([.tab], .promptComplete, label: "complete", help: "complete the command or its argument",
                   context: .prompt, hintRank: 2, group: "Prompts"),
        KeyBinding([.ctrl("u")], .promptClear, label: "clear", help: "clear the line", context: .prompt,
                   hintRank: 3, group: "Prompts"),
        KeyBinding([.ctrl("w")], .promptDeleteWord, label: "delete word", help: "delete the word before the cursor",
                   context: .prompt, group: "Prompts"),
        KeyBinding([.backspace, .ctrl("h")], .promptDeleteBackward, label: "delete", help: "delete a character",
                   context: .prompt, group: "Prompts"),
        KeyBinding([.up], .promptHistoryPrevious, label: "earlier", help: "the trace entry: the previous destination",
                   context: .prompt, group: "Prompts"),
        KeyBinding([.down], .promptHistoryNext, label: "later", help: "the trace entry: the next destination",
                   context: .prompt, group: "Prompts"),
        // Host picker
        KeyBinding([.enter], .pickerChoose, label: "choose", help: "choose the host", context: .picker, hintRank: 0,
                   group: "Host picker"),
        KeyBinding([.escape, .char("q")], .pickerClose, label: "close", help: "close the picker", context: .picker,
                   hintRank: 1, group: "Host picker"),
        KeyBinding([.down, .char("j")], .moveDown, label: "down", help: "next host", context: .picker, group: "Host picker"),
        KeyBinding([.up, .char("k")], .moveUp, label: "up", help: "previous host", context: .picker, group: "Host picker"),
        // Help overlay
        KeyBinding([.enter], .helpRun, label: "run", help: "run the selected line", context: .help, hintRank: 0,
                   group: "Help"),
        KeyBinding([.escape, .char("?"), .char("q")], .helpClose, label: "close", help: "close help",
                   context: .help, hintRank: 1, group: "Help"),
        KeyBinding([.down, .char("j")], .moveDown, label: "down", help: "next line", context: .help, group: "Help"),
        KeyBinding([.up, .char("k")], .moveUp, label: "up", help: "previous line", context: .help, group: "Help"),
        KeyBinding([.pageDown], .pageDown, label: "page down", help: "one screen down", context: .help, group: "Help"),
        KeyBinding([.pageUp], .pageUp, label: "page up", help: "one screen up", context: .help, group: "Help"),
        KeyBinding([.home, .char("g")], .top, label: "first", help: "first line", context: .help, group: "Help"),
        KeyBinding([.end, .char("G")], .bottom, label: "last", help: "last line", context: .help, group: "Help"),
    ])
}
