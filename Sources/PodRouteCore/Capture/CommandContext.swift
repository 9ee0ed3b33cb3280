/// What the shell prompt line before a capture section says was run (`root@node1:~# ip -6 route
/// show table 100`): it tells the parsers the family, the table and the detail level of the
/// lines that follow, which the lines themselves do not always repeat.
public struct CommandContext: Equatable, Sendable {
    public enum Tool: Equatable, Sendable {
        case ipAddress, ipLink, ipRoute, ipRule, ipNetconf, ipNeighbour
        /// `bridge fdb show`.
        case bridgeFDB
        case routeN, netstat, sysctl
        case unknown
    }

    public var tool: Tool
    public var family: AddressFamily?
    /// `table N` / `table all`: nil means all, as does no table argument for `show table all`.
    public var table: RouteTableID?
    public var allTables: Bool
    public var detailed: Bool
    public var oneline: Bool
    public var json: Bool
    /// The host the prompt names (`root@k8s-node1:~#`, `[root@node ~]#`, `pi-edge-1:~#`).
    public var host: String?
    /// `busybox ip ...`: BusyBox never prints `proto`, so its absence says nothing.
    public var busybox: Bool

    public init(tool: Tool = .unknown, family: AddressFamily? = nil, table: RouteTableID? = nil,
                allTables: Bool = false, detailed: Bool = false, oneline: Bool = false, json: Bool = false,
                busybox: Bool = false) {
        self.tool = tool
        self.family = family
        self.table = table
        self.allTables = allTables
        self.detailed = detailed
        self.oneline = oneline
        self.json = json
        self.busybox = busybox
    }

    /// No prompt line seen: the lines must speak for themselves.
    public static let unknown = CommandContext()

    /// Reads a prompt line; nil when the line is not a prompt followed by a known command.
    public init?(promptLine line: Substring) {
        guard let commandStart = Self.commandStart(in: line) else { return nil }
        var words = line[commandStart...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // Wrappers before the real program: `sudo -E ip ...`, `busybox ip ...`.
        var busybox = false
        while let first = words.first, ["sudo", "busybox", "command", "exec"].contains(first) {
            busybox = busybox || first == "busybox"
            words.removeFirst()
            while first == "sudo", let option = words.first, option.hasPrefix("-") { words.removeFirst() }
        }
        guard let program = words.first.map({ $0.split(separator: "/").last.map(String.init) ?? $0 }) else { return nil }
        self.init(busybox: busybox)
        host = Self.hostName(inPrompt: line[..<commandStart])
        let arguments = Array(words.dropFirst())
        switch program {
        case "ip": parseIP(arguments)
        case "bridge":
            // `bridge [-j] [-d] [-s] fdb [show]`: only the FDB is read.
            guard let object = arguments.first(where: { !$0.hasPrefix("-") }), object == "fdb" || object == "f" else { return nil }
            tool = .bridgeFDB
            json = arguments.contains { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("j") } || arguments.contains("--json")
        case "route": tool = .routeN; family = arguments.contains("-A") && arguments.contains("inet6") || arguments.contains("-6") ? .inet6 : .inet
        case "netstat": tool = .netstat; family = arguments.contains("-6") || arguments.contains("inet6") ? .inet6 : .inet
        case "sysctl": tool = .sysctl
        default: return nil
        }
    }

    /// The host in a shell prompt: after `user@` up to `:`, a space or `]`; or, without a user,
    /// the text before `:` (`pi-edge-1:~#`). nil for a bare `$ ` or `# `.
    static func hostName(inPrompt prompt: Substring) -> String? {
        let trimmed = prompt.drop { $0 == "[" || $0 == " " || $0 == "(" }
        let afterUser = trimmed.firstIndex(of: "@").map { trimmed[trimmed.index(after: $0)...] }
        let candidate = (afterUser ?? trimmed).prefix { $0 != ":" && $0 != " " && $0 != "]" && $0 != "#" && $0 != "$" && $0 != ">" && $0 != "%" }
        guard afterUser != nil || trimmed.contains(":") else { return nil }
        let valid = !candidate.isEmpty && candidate.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
        return valid ? String(candidate) : nil
    }

    /// Where the command starts: after a prompt marker (`# `, `$ `, `> `, `% `) or at the line
    /// start when the line itself begins with a known command.
    private static func commandStart(in line: Substring) -> Substring.Index? {
        let programs = ["ip", "sudo", "route", "netstat", "sysctl", "busybox", "/sbin/ip", "/usr/sbin/ip", "/bin/ip",
                        "/sbin/route", "/usr/sbin/sysctl", "/sbin/sysctl", "bridge", "/sbin/bridge", "/usr/sbin/bridge"]
        func startsWithProgram(_ text: Substring) -> Bool {
            let first = text.prefix { $0 != " " && $0 != "\t" }
            return programs.contains(String(first)) && (text.count == first.count || text.dropFirst(first.count).first == " ")
        }
        // Most lines of a capture are output, with no prompt marker at all: answer them quickly.
        guard line.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: ">")
                                          || $0 == UInt8(ascii: "%") }) else { return nil }
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if "#$>%".contains(character) {
                let rest = line[line.index(after: index)...].drop { $0 == " " }
                if startsWithProgram(rest) { return rest.startIndex }
            }
            index = line.index(after: index)
        }
        return nil
    }

    private mutating func parseIP(_ arguments: [String]) {
        var index = 0
        // Options before the object.
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let option = arguments[index]
            switch option {
            case "-4": family = .inet
            case "-6": family = .inet6
            case "-d", "-details", "-detail", "--details": detailed = true
            case "-o", "-oneline", "--oneline": oneline = true
            case "-j", "-json", "--json": json = true
            case "-n", "-netns", "-f", "-family", "-b", "-batch":
                index += 1  // these options take a value
            default:
                // Combined short options (`-jd`, `-4o`).
                if !option.hasPrefix("--") {
                    for letter in option.dropFirst() {
                        switch letter {
                        case "4": family = .inet
                        case "6": family = .inet6
                        case "d": detailed = true
                        case "o": oneline = true
                        case "j": json = true
                        default: break
                        }
                    }
                }
            }
            index += 1
        }
        guard index < arguments.count else { return }
        let object = arguments[index]
        let rest = arguments[(index + 1)...]
        func abbreviates(_ full: String) -> Bool { !object.isEmpty && full.hasPrefix(object) }
        if abbreviates("address") || object == "a" { tool = .ipAddress }
        else if abbreviates("link") || object == "l" { tool = .ipLink }
        else if abbreviates("route") || object == "r" || object == "ro" { tool = .ipRoute }
        else if abbreviates("rule") || object == "ru" { tool = .ipRule }
        else if abbreviates("netconf") { tool = .ipNetconf }
        else if abbreviates("neighbour") || abbreviates("neighbor") || object == "n" { tool = .ipNeighbour }
        else { tool = .unknown }
        if tool == .ipRoute, let position = rest.firstIndex(of: "table"), position + 1 < arguments.count {
            let value = arguments[position + 1]
            if value == "all" { allTables = true } else { table = IPNames.iproute2Defaults.table(named: value) }
        }
    }
}
