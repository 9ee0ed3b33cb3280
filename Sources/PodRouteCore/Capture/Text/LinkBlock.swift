/// One device's lines of `ip addr` / `ip link` (a header, then `link/...`, kind, alias,
/// altname, address and lifetime lines, indented or not), or the address lines of one device
/// in `ip -o addr`. The link and its addresses are handed to the builder when the block ends,
/// so lines arriving in any order complete the same link.
struct LinkBlock {
    /// nil for address lines that name their device only by label.
    var link: Link?
    var deviceName: String?
    var parentName: String?
    var masterName: String?
    var addresses: [InterfaceAddress] = []
    /// The block carries `ip -d` details, so kind lines may follow.
    var detailed = false
    private var stats = LinkStatsLines()

    init(header: LinkHeaderLine) {
        link = header.link
        deviceName = header.link.name
        parentName = header.parentName
        masterName = header.masterName
    }

    init(addressesOf index: InterfaceIndex?, name: String) {
        link = index.map { Link(index: $0, name: name, linkType: .none, isInferred: true) }
        deviceName = name
    }

    var index: InterfaceIndex? { link?.index }

    /// Reads a line that continues the block; false when the line is not part of one.
    mutating func consume(_ words: [Substring], line: Substring, context: CommandContext, names: NameTables) -> Bool {
        let first = words[0]
        if first.hasPrefix("link/"), var described = link, !described.isInferred {
            detailed = LinkLayerLine.apply(words, to: &described) || detailed
            link = described
            return true
        }
        if first == "inet" || first == "inet6" {
            guard let parsed = AddressLine(words, names: names) else { return false }
            var address = parsed.address
            address.label = parsed.label
            addresses.append(address)
            return true
        }
        if first == "valid_lft" {
            guard !addresses.isEmpty else { return false }
            return LifetimeLine.apply(words, to: &addresses[addresses.count - 1])
        }
        guard var described = link, !described.isInferred else { return false }
        defer { link = described }
        switch first {
        case "alias":
            var text = Words.remainder(of: line, afterWords: 1)
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            described.alias = String(text)
            return true
        case "altname":
            if words.count >= 2 { described.altNames.append(String(words[1])) }
            return true
        case "vf", "prog/xdp", "prog/xdpdrv", "prog/xdpgeneric", "prog/xdpoffload":
            return true  // SR-IOV VF and XDP lines: read, not modelled
        default:
            break
        }
        if stats.readHeader(words) { return true }
        var counters = described.stats ?? LinkStats()
        if stats.readValues(words, into: &counters) {
            described.stats = counters
            return true
        }
        if LinkDetailWords.isDetail(first) {
            var position = 0
            while position < words.count {
                position += LinkDetailWords.apply(words, at: position, to: &described) ? 2 : 1
            }
            return true
        }
        if detailed || context.detailed, KindLine.isKindWord(first),
           first.hasSuffix("_slave") || described.kind == nil {
            KindLine.apply(words, to: &described)
            return true
        }
        return false
    }
}
