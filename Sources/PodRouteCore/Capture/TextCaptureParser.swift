/// Parses the plain text of iproute2, net-tools and BusyBox, line by line: `ip [-d] [-o]
/// addr|link`, `ip [-d] [-4|-6] route [show table N|all]`, `ip rule`, `ip netconf`, `sysctl`,
/// `route -n`, `netstat -rn`, `ip neigh` and `bridge fdb`. Each line is recognised by
/// its own shape, so outputs may follow each other without prompts; a prompt's
/// `CommandContext` fills in what the lines leave out (family, table, `-d`, BusyBox).
/// The formats live in Capture/Text, one file each; this type only keeps the state that spans
/// lines: the link block, the route whose `nexthop` lines may follow, the rule listing, and
/// the net-tools column header.
struct TextCaptureParser {
    private let names = NameTables()
    private var block: LinkBlock?
    private var pendingRoute: CapturedRoute?
    private var rules = RuleListing()
    private var netTools = NetToolsRouteTable()
    private var directory = LinkDirectory()

    /// Returns false for a line it does not understand.
    mutating func consume(_ line: Substring, number: Int, context: CommandContext, into builder: inout CaptureBuilder) -> Bool {
        // `ip -o` joins a block's lines with `\`; read the pieces as the lines they were.
        if line.utf8.contains(UInt8(ascii: "\\")) {
            var first = true
            for piece in Self.onelinePieces(line) {
                let words = Words.split(piece)
                if words.isEmpty { continue }
                let read = consume(words: words, line: piece, number: number, context: context, into: &builder)
                if !read {
                    if first { return false }
                    builder.warn(line: number, "not understood: '\(Sanitizer.printable(String(piece.prefix(80))))'")
                }
                first = false
            }
            return true
        }
        let words = Words.split(line)
        guard !words.isEmpty else { return true }
        return consume(words: words, line: line, number: number, context: context, into: &builder)
    }

    /// Flushes a section in progress (a link whose address lines are complete).
    mutating func finish(into builder: inout CaptureBuilder) {
        endBlock(into: &builder)
        endRoute(into: &builder)
        rules.flush(context: .unknown, into: &builder)
        netTools.reset()
    }

    private mutating func consume(words allWords: [Substring], line: Substring, number: Int, context: CommandContext,
                                  into builder: inout CaptureBuilder) -> Bool {
        // `ip monitor` prefixes removals with `Deleted`; what remains is an ordinary line.
        let words = allWords.first == "Deleted" && allWords.count > 1 ? Array(allWords.dropFirst()) : allWords
        let first = words[0]

        // Continuations of the route on the line before.
        if first == "nexthop" {
            guard var route = pendingRoute, let (hop, device) = RouteLine.parseHop(words, family: route.route.family) else {
                return false
            }
            route.route.nexthops.append(hop)
            route.nexthopDeviceNames.append(device)
            pendingRoute = route
            return true
        }
        if first == "cache" {
            if let route = pendingRoute {
                builder.warn(line: route.line, "a route-cache entry ('cache'), not a table route: skipped")
                pendingRoute = nil
            }
            return true
        }

        // `bridge fdb` lines start with a MAC, which no other format does.
        if let result = FDBLine.parse(words, context: context) {
            endSections(context: context, into: &builder)
            switch result {
            case .entry(let entry): builder.add(fdb: entry)
            case .skipped(let reason): builder.warn(line: number, reason)
            }
            return true
        }

        // `N:` lines: a link header, an `ip -o addr` line or a rule.
        if LinkHeaderLine.isIndexWord(first) {
            if let header = LinkHeaderLine(words, names: names) {
                endSections(context: context, into: &builder)
                block = LinkBlock(header: header)
                return true
            }
            if words.count >= 3, words[2] == "inet" || words[2] == "inet6", let index = Int32(first.dropLast()) {
                let name = String(words[1])
                if block?.index?.rawValue != index || block?.deviceName != name {
                    endSections(context: context, into: &builder)
                    block = LinkBlock(addressesOf: InterfaceIndex(index), name: name)
                }
                return block?.consume(Array(words.dropFirst(2)), line: line, context: context, names: names) ?? false
            }
            if let rule = RuleLine(words, names: names) {
                endBlock(into: &builder)
                endRoute(into: &builder)
                if let table = rule.unknownTableName {
                    builder.warn(line: number, "rule \(rule.rule.priority) skipped: table '\(Sanitizer.printable(String(table)))' has no known number")
                    return true
                }
                rules.add(rule, context: context, into: &builder)
                return true
            }
            return false
        }

        // The lines inside a link block; a route line ends the block instead.
        if block != nil, !RouteLine.looksLikeRoute(words) || first == "inet" || first == "inet6" {
            if block?.consume(words, line: line, context: context, names: names) == true { return true }
        }

        // An address line without a header: its label names the device (`ip addr show` pasted in part).
        if first == "inet" || first == "inet6", let address = AddressLine(words, names: names) {
            guard let label = address.label, let device = label.split(separator: ":").first else { return false }
            endSections(context: context, into: &builder)
            block = LinkBlock(addressesOf: nil, name: String(device))
            return block?.consume(words, line: line, context: context, names: names) ?? false
        }

        // Netconf and sysctl lines start with a letter or `/`; routes, neighbours and net-tools
        // rows with a digit, `:` or a hex letter. Skipping the impossible saves most of the work
        // on a large route table.
        let lead = first.utf8.first ?? 0
        let startsWithDigit = lead >= UInt8(ascii: "0") && lead <= UInt8(ascii: "9")
        if !startsWithDigit, let entry = NetconfLine.parse(words) {
            endSections(context: context, into: &builder)
            builder.add(forwarding: entry)
            return true
        }
        if !startsWithDigit, first.utf8.contains(UInt8(ascii: "=")) || words.count >= 2 && words[1].hasPrefix("=")
            || first.hasPrefix("/proc/sys/"),
           let result = SysctlLine.parse(line, words: words) {
            endSections(context: context, into: &builder)
            if case .forwarding(let entry) = result { builder.add(forwarding: entry) }
            return true
        }
        if let result = netTools.read(words, line: number, context: context) {
            endBlock(into: &builder)
            endRoute(into: &builder)
            rules.flush(context: context, into: &builder)
            switch result {
            case .header: break
            case .route(let route): builder.add(route: route)
            case .skipped(let reason): if let reason { builder.warn(line: number, reason) }
            }
            return true
        }
        if let result = NeighbourLine.parse(words, context: context) {
            endSections(context: context, into: &builder)
            switch result {
            case .entry(let entry): builder.add(neighbour: entry)
            case .skipped(let reason): if let reason { builder.warn(line: number, reason) }
            }
            return true
        }
        if let result = RouteLine.parse(words, line: number, context: context, names: names) {
            endSections(context: context, into: &builder)
            switch result {
            case .route(let route, let ignored):
                if !ignored.isEmpty {
                    let text = ignored.map { Sanitizer.printable($0) }.joined(separator: " ")
                    builder.warn(line: number, "route read without '\(text)'")
                }
                pendingRoute = route
            case .skipped(let reason):
                builder.warn(line: number, Sanitizer.printable(reason))
            }
            return true
        }
        return false
    }

    /// Ends whatever multi-line section is open before a line of another kind is read.
    private mutating func endSections(context: CommandContext, into builder: inout CaptureBuilder) {
        endBlock(into: &builder)
        endRoute(into: &builder)
        rules.flush(context: context, into: &builder)
        netTools.reset()
    }

    private mutating func endRoute(into builder: inout CaptureBuilder) {
        if let route = pendingRoute { builder.add(route: route) }
        pendingRoute = nil
    }

    private mutating func endBlock(into builder: inout CaptureBuilder) {
        guard let ended = block else { return }
        block = nil
        if var link = ended.link {
            if !link.isInferred {
                if let name = ended.parentName {
                    if let index = directory.index(of: name) ?? (name == link.name ? link.index : nil) { link.parent = index }
                    else { directory.wait(for: name, from: link, isMaster: false) }
                }
                if let name = ended.masterName {
                    if let index = directory.index(of: name) { link.master = index }
                    else { directory.wait(for: name, from: link, isMaster: true) }
                }
            }
            builder.add(link: link)
            if !link.isInferred { directory.record(link, into: &builder) }
        }
        for address in ended.addresses {
            builder.add(address: CapturedAddress(address: address, deviceName: ended.deviceName, deviceIndex: ended.index))
        }
    }

    /// The pieces of an `ip -o` line: split at a `\` followed by spaces, a tab or the end.
    private static func onelinePieces(_ line: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            let next = line.index(after: index)
            if line[index] == "\\", next == line.endIndex || line[next] == " " || line[next] == "\t" {
                pieces.append(line[start..<index])
                start = next
            }
            index = next
        }
        pieces.append(line[start...])
        return pieces
    }
}
