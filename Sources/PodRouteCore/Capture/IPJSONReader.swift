/// Reads iproute2 JSON (`ip -j [-d] [-s] addr|link|route|rule|netconf|neigh`, `bridge -j fdb`) and podroute's own
/// snapshot files and JSON output into a `CaptureBuilder`.
///
/// Each array element is recognised by its keys: links and addresses have `ifname`, rules
/// `priority`, netconf entries `interface` and `family`, FDB entries `mac`, neighbours `dst` with
/// `lladdr` or `state` (or any `dst` after an `ip neigh` prompt), routes `dst`. An element that cannot
/// be read becomes one warning naming the line where its JSON value starts, the element
/// (`.[3]`, `.routes[3]` in a snapshot) and what was expected; the other elements still load.
///
/// What iproute2 leaves out is filled in as iproute2 means it: plain `ip -j route` omits
/// `type` for unicast, `table` for main (or for the table the command asked for),
/// `protocol` for boot and `scope` for global; `ip rule` without `-6` lists IPv4 rules.
enum IPJSONReader {
    static func read(_ value: JSONValue, context: CommandContext, line: Int, into builder: inout CaptureBuilder) {
        var reading = IPJSONReading(context: context, line: line)
        switch value {
        case .array(let elements):
            if context.tool == .ipNeighbour { builder.sawNeighbourTable() }
            if context.tool == .bridgeFDB { builder.sawFDB() }
            reading.learnLinkNames(elements)
            for (position, element) in elements.enumerated() {
                reading.readElement(element, path: ".[\(position)]", into: &builder)
            }
        case .object(let object) where object["podroute_snapshot"] != nil:
            reading.readSnapshot(object, into: &builder)
        case .object:
            reading.learnLinkNames([value])
            reading.readElement(value, path: ".", into: &builder)
        default:
            builder.warn(line: line, "the JSON value is \(IPJSONProblem.describe(value)); expected an array of "
                         + "'ip -j' objects or a podroute snapshot object")
        }
    }
}

/// The state of reading one JSON value: its command context, the line it starts on, and the
/// links it describes, so that `"master":"br0"` finds br0 wherever it sits in the array.
struct IPJSONReading {
    var context: CommandContext
    let line: Int
    var linkNames: [String: InterfaceIndex] = [:]

    init(context: CommandContext, line: Int) {
        self.context = context
        self.line = line
    }

    enum ElementKind: String {
        case link = "a link", route = "a route", rule = "a rule", netconf = "a netconf entry"
        case neighbour = "a neighbour", fdb = "an FDB entry"
    }

    /// Remembers `ifname` -> `ifindex` of every link object in `elements`.
    mutating func learnLinkNames(_ elements: [JSONValue]) {
        for element in elements {
            guard case .object(let object) = element, case .string(let name)? = object["ifname"],
                  let index = object["ifindex"]?.intValue, let narrow = Int32(exactly: index) else { continue }
            linkNames[name] = InterfaceIndex(narrow)
            if case .array(let altNames)? = object["altnames"] {
                for case .string(let altName) in altNames { linkNames[altName] = InterfaceIndex(narrow) }
            }
        }
    }

    /// Rules are tested before routes because a rule with a destination selector has `dst`
    /// too; routes never have `priority` (their preference is `metric`).
    /// FDB entries have `ifname` too, but links never have `mac`; routes never have `lladdr` or `state`.
    static func kind(of object: JSONObject, context: CommandContext = .unknown) -> ElementKind? {
        if object["mac"] != nil, object["ifname"] != nil { return .fdb }
        if object["ifname"] != nil { return .link }
        if object["priority"] != nil { return .rule }
        if object["interface"] != nil, object["family"] != nil { return .netconf }
        if object["dst"] != nil {
            let neighbour = context.tool == .ipNeighbour || object["lladdr"] != nil || object["state"] != nil
                || (object["proxy"] != nil && object["flags"] == nil)
            return neighbour ? .neighbour : .route
        }
        return nil
    }

    /// Reads one element of any kind; problems become a warning and the element is skipped.
    mutating func readElement(_ element: JSONValue, path: String, expected: ElementKind? = nil,
                              into builder: inout CaptureBuilder) {
        guard case .object(let object) = element else {
            warn("JSON element \(path) is \(IPJSONProblem.describe(element)); expected an object of "
                 + "'ip -j' output; it is skipped", into: &builder)
            return
        }
        // A neighbour without lladdr and state (NUD_NONE) looks like a route; its section says what it is.
        let found = Self.kind(of: object, context: context).map { $0 == .route && expected == .neighbour ? .neighbour : $0 }
        guard let kind = found, expected == nil || kind == expected else {
            let wanted = expected.map { "\($0.rawValue) object" }
                ?? "an ip link/address, route, rule, netconf or neighbour object or a bridge fdb object (with an ifname, dst, priority, interface or mac key)"
            warn("JSON element \(path) is not \(wanted); it is skipped", into: &builder)
            return
        }
        do throws(IPJSONProblem) {
            switch kind {
            case .link: try readLink(object, path: path, into: &builder)
            case .route: try readRoute(object, into: &builder)
            case .rule: try readRule(object, into: &builder)
            case .netconf: try readNetconf(object, into: &builder)
            case .neighbour: try readNeighbour(object, into: &builder)
            case .fdb: try readFDB(object, into: &builder)
            }
        } catch {
            warn("JSON element \(path) (\(kind.rawValue)): \(error.message); it is skipped", into: &builder)
        }
    }

    func warn(_ message: String, into builder: inout CaptureBuilder) {
        builder.warn(line: line, message)
    }

    /// A device another member names: from this JSON value, from earlier sections, or iproute2's
    /// `if<N>` for an index it could not name.
    func linkIndex(named name: String, builder: CaptureBuilder) -> InterfaceIndex? {
        if let index = linkNames[name] ?? builder.linkIndex(named: name) { return index }
        if name.hasPrefix("if"), let number = Int32(name.dropFirst(2)), number > 0 { return InterfaceIndex(number) }
        return nil
    }
}
