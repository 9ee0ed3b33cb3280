/// The `:` command line: its commands, parsing and Tab completion.
public enum CommandLineSpec {
    public struct Command: Hashable, Sendable {
        public var name: String
        public var aliases: [String]
        /// `COLUMN [asc|desc]`, `TEXT`: how help writes the argument; nil when there is none.
        public var argument: String?
        public var help: String

        public init(_ name: String, aliases: [String] = [], argument: String? = nil, help: String) {
            self.name = name
            self.aliases = aliases
            self.argument = argument
            self.help = help
        }
    }

    public static let commands: [Command] = [
        Command("links", aliases: ["interfaces", "ifaces"], help: "show the Interfaces view"),
        Command("routes", help: "show the Routes view"),
        Command("trace", argument: "[ADDRESS]", help: "trace an address (without one: the selected row's)"),
        Command("host", argument: "[NAME]", help: "show a site host in Interfaces and Routes (Tab completes; none: pick)"),
        Command("plan", help: "show the Plan view"),
        Command("cidr", argument: "CIDR", help: "Plan: add a CIDR to the candidates, ticked"),
        Command("via", argument: "IP[,IP]", help: "Plan: the next hops (none: the nodes of the ticked blocks)"),
        Command("via-dev", argument: "[DEV]", help: "Plan: a device-only next hop, a VPN or tunnel (Tab completes; none clears)"),
        Command("setup", help: "open the guided setup (as g)"),
        Command("probe", argument: "POD-IP [icmp|tcp PORT]",
                help: "the verification probe after apply: ICMP echo, or a TCP connect to PORT, from the gateway"),
        Command("filter", argument: "TEXT", help: "filter the table (as /); no text clears it"),
        Command("sort", argument: "COLUMN [asc|desc]", help: "sort the table by a column"),
        Command("interval", argument: "SECONDS", help: "refresh live rates every SECONDS (0.5 to 60)"),
        Command("pause", help: "pause live updates"),
        Command("resume", help: "resume live updates"),
        Command("help", help: "list every key and command"),
        Command("quit", aliases: ["q"], help: "quit"),
    ]

    /// A parsed command line.
    public enum Parsed: Hashable, Sendable {
        case showView(ViewID)
        case trace(String?)
        case host(String?)
        case cidr(String)
        /// Empty: back to the nodes of the selected blocks.
        case via([String])
        /// nil: no device next hop.
        case viaDevice(String?)
        case setup
        /// `POD-IP [icmp | tcp PORT]`, or the method alone.
        case probe([String])
        case filter(String)
        case sort(column: String?, descending: Bool?)
        case interval(Double)
        case pause(Bool)
        case help
        case quit
    }

    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case unknown(String)
        case badArgument(command: String, usage: String)

        public var description: String {
            switch self {
            case .unknown(let word): "unknown command :\(word) (Tab completes, :help lists them)"
            case .badArgument(let command, let usage): "usage: :\(command) \(usage)"
            }
        }
    }

    public static func command(named word: String) -> Command? {
        commands.first { $0.name == word || $0.aliases.contains(word) }
    }

    public static func parse(_ line: String) throws(Failure) -> Parsed? {
        let trimmed = line.drop { $0 == " " }
        guard !trimmed.isEmpty else { return nil }
        let word = String(trimmed.prefix { $0 != " " })
        let rest = String(trimmed.dropFirst(word.count).drop { $0 == " " })
        let arguments = rest.split(separator: " ").map(String.init)
        guard let command = command(named: word) else { throw .unknown(word) }
        let usage = Failure.badArgument(command: command.name, usage: command.argument ?? "")
        switch command.name {
        case "links": return .showView(.interfaces)
        case "routes": return .showView(.routes)
        case "plan": return .showView(.plan)
        case "trace": return .trace(arguments.first)
        case "cidr":
            guard arguments.count == 1 else { throw usage }
            return .cidr(arguments[0])
        case "via":
            return .via(rest.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
        case "via-dev":
            guard arguments.count <= 1 else { throw usage }
            return .viaDevice(arguments.first)
        case "setup": return .setup
        case "probe":
            guard !arguments.isEmpty else { throw usage }
            return .probe(arguments)
        case "host":
            guard arguments.count <= 1 else { throw usage }
            return .host(arguments.first)
        case "filter": return .filter(rest)
        case "sort":
            guard arguments.count <= 2 else { throw usage }
            var descending: Bool?
            if arguments.count == 2 {
                switch arguments[1] {
                case "asc": descending = false
                case "desc": descending = true
                default: throw usage
                }
            }
            return .sort(column: arguments.first, descending: descending)
        case "interval":
            guard arguments.count == 1, let seconds = Double(arguments[0]), seconds >= 0.5, seconds <= 60 else { throw usage }
            return .interval(seconds)
        case "pause": return .pause(true)
        case "resume": return .pause(false)
        case "help": return .help
        default: return .quit
        }
    }

    /// What Tab can complete the line to: the command word, a `:sort` argument, a `:host` name or
    /// a `:via-dev` device.
    public static func candidates(for line: String, sortColumns: [String], hostNames: [String] = [],
                                  linkNames: [String] = []) -> (prefix: String, options: [String]) {
        if let space = line.firstIndex(of: " ") {
            let word = String(line[..<space])
            let arguments = line[line.index(after: space)...]
            if let names = ["host": hostNames, "via-dev": linkNames][command(named: word)?.name ?? ""] {
                let partial = String(arguments.drop { $0 == " " })
                guard !partial.contains(" ") else { return (line, []) }
                return (String(line.dropLast(partial.count)), names.filter { $0.hasPrefix(partial) })
            }
            guard command(named: word)?.name == "sort" else { return (line, []) }
            let parts = arguments.split(separator: " ", omittingEmptySubsequences: false)
            let head = line[..<line.index(line.endIndex, offsetBy: -(parts.last?.count ?? 0))]
            let partial = String(parts.last ?? "")
            let pool = parts.count <= 1 ? sortColumns : ["asc", "desc"]
            return (String(head), pool.filter { $0.hasPrefix(partial) })
        }
        let names = commands.flatMap { [$0.name] + $0.aliases }
        return ("", names.filter { $0.hasPrefix(line) })
    }

    /// One press of Tab: a unique candidate is completed (with a space when it takes an
    /// argument); several are extended to their common prefix. Returns the new line and the
    /// candidates to show.
    public static func complete(_ line: String, sortColumns: [String], hostNames: [String] = [],
                                linkNames: [String] = []) -> (line: String, options: [String]) {
        let (head, options) = candidates(for: line, sortColumns: sortColumns, hostNames: hostNames, linkNames: linkNames)
        guard !options.isEmpty else { return (line, []) }
        if options.count == 1 {
            let word = options[0]
            let isHost = ["host", "via-dev"].contains(command(named: String(head.prefix { $0 != " " }))?.name ?? "")
            let takesArgument = head.isEmpty ? command(named: word)?.argument != nil
                : !isHost && head.split(separator: " ").count < 2
            return (head + word + (takesArgument ? " " : ""), [])
        }
        var common = options[0]
        for option in options.dropFirst() {
            while !option.hasPrefix(common) { common.removeLast() }
        }
        return (head + common, options)
    }
}
