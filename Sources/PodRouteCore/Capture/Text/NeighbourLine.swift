/// `ip [-s] neigh` lines: `10.21.69.192 dev vxlan.calico lladdr 66:11:22:33:44:55 PERMANENT`,
/// `fe80::1 dev eth0 lladdr ... router STALE`, `10.0.0.9 dev eth0  FAILED`, `-s` adding
/// `ref 1 used 0/0/0 probes 0`. Proxy entries (`10.9.9.9 dev eth0 proxy`) are another table:
/// recognised, not read. A route line never carries `lladdr` nor ends in an upper-case state.
enum NeighbourLine {
    enum Result {
        case entry(CapturedNeighbour)
        /// Recognised but not read; the reason, when the operator should know.
        case skipped(String?)
    }

    static func matches(_ words: [Substring], context: CommandContext) -> Bool {
        guard let first = words.first, IPAddress(first) != nil else { return false }
        if context.tool == .ipNeighbour { return true }
        guard let last = words.last, words.count >= 2 else { return false }
        return words.contains("lladdr") || NeighbourState(names: [last]) != nil && last == last.uppercased()
            || (words.count == 3 && last == "proxy")
    }

    /// nil when the line is not a neighbour line.
    static func parse(_ words: [Substring], context: CommandContext) -> Result? {
        guard matches(words, context: context), let destination = IPAddress(words[0]) else { return nil }
        var neighbour = Neighbour(destination: destination, device: InterfaceIndex(0))
        var device: String?
        var index = 1
        func value() -> Substring? {
            index += 1
            return index < words.count ? words[index] : nil
        }
        while index < words.count {
            let word = words[index]
            switch word {
            case "dev": device = value().map(String.init)
            case "lladdr":
                guard let text = value() else { return .skipped("neighbour \(destination): 'lladdr' without an address; the entry is skipped") }
                guard let address = LinkLayerAddress(printed: text) else {
                    return .skipped("neighbour \(destination): '\(Sanitizer.printable(String(text.prefix(40))))' is not a link-layer address; the entry is skipped")
                }
                neighbour.linkLayerAddress = address
            case "used", "probes", "ref", "protocol", "nud": _ = value()
            case "managed": break  // NTF_EXT_MANAGED: not modelled
            case "proxy": return .skipped(nil)
            default:
                if let flag = NeighbourFlags.neighbourNamed.first(where: { $0.1 == word })?.0 {
                    neighbour.flags.insert(flag)
                } else if word == word.uppercased(), let state = NeighbourState(names: [word]) {
                    neighbour.state.formUnion(state)
                } else {
                    return .skipped("neighbour \(destination): '\(Sanitizer.printable(String(word.prefix(40))))' is not understood; the entry is skipped")
                }
            }
            index += 1
        }
        guard let device else {
            return .skipped("neighbour \(destination) has no 'dev' (`ip neigh show dev X` output?): the entry is skipped")
        }
        return .entry(CapturedNeighbour(neighbour: neighbour, deviceName: device))
    }
}
