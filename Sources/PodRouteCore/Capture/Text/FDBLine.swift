/// `bridge [-s] fdb show` lines: `66:11:22:33:44:55 dev vxlan.calico dst 10.20.1.24 self permanent`,
/// `00:00:00:00:00:00 dev vxlan0 dst 10.20.1.25 port 4790 vni 5000 via eth0 self permanent`,
/// `c2:b1:8b:24:4a:be dev veth1 master br0 permanent`, `33:33:00:00:00:01 dev eth0 self permanent`.
/// `master` is a flag word, or names the bridge when a device name follows.
enum FDBLine {
    enum Result {
        case entry(CapturedFDBEntry)
        case skipped(String)
    }

    /// nil when the line does not start with a MAC followed by `dev` (or, after a `bridge fdb`
    /// prompt, with a MAC).
    static func parse(_ words: [Substring], context: CommandContext) -> Result? {
        guard let first = words.first, first.utf8.count == 17, let mac = LinkLayerAddress(first), mac.bytes.count == 6,
              words.count >= 3 && words[1] == "dev" || context.tool == .bridgeFDB else { return nil }
        var entry = FDBEntry(linkLayerAddress: mac, device: InterfaceIndex(0))
        var device: String?
        var master: String?
        var via: String?
        var index = 1
        func value() -> Substring? {
            index += 1
            return index < words.count ? words[index] : nil
        }
        func bad(_ word: Substring?, _ what: String) -> Result {
            .skipped("FDB entry \(mac): '\(Sanitizer.printable(String((word ?? "").prefix(40))))' is not \(what); the entry is skipped")
        }
        while index < words.count {
            let word = words[index]
            switch word {
            case "dev": device = value().map(String.init)
            case "via": via = value().map(String.init)
            case "dst":
                guard let text = value(), let address = IPAddress(text) else { return bad(words.dropFirst(index).first, "an IP address") }
                entry.destination = address
            case "port":
                guard let text = value(), let port = UInt16(text) else { return bad(words.dropFirst(index).first, "a port") }
                entry.port = port
            case "vni", "src_vni":
                guard let text = value(), let vni = UInt32(text) else { return bad(words.dropFirst(index).first, "a VNI") }
                if word == "vni" { entry.vni = vni } else { entry.sourceVNI = vni }
            case "vlan":
                guard let text = value(), let vlan = UInt16(text) else { return bad(words.dropFirst(index).first, "a VLAN id") }
                entry.vlan = vlan
            case "used", "nhid", "link-netnsid": _ = value()
            case "locked": break  // NTF_EXT_LOCKED (802.1X-locked ports): not modelled
            case "master":
                let next = index + 1 < words.count ? words[index + 1] : nil
                if let next, NeighbourState(fdbName: next) == nil || next.isEmpty,
                   !NeighbourFlags.fdbNamed.contains(where: { $0.1 == next }) {
                    master = String(next)
                    index += 1
                } else {
                    entry.flags.insert(.master)
                }
            default:
                if let flag = NeighbourFlags.fdbNamed.first(where: { $0.1 == word })?.0 {
                    entry.flags.insert(flag)
                } else if let state = NeighbourState(fdbName: word) {
                    entry.state = state
                } else {
                    return bad(word, "understood")
                }
            }
            index += 1
        }
        // bridge prints nothing for dynamic (reachable) entries.
        if entry.state.isEmpty { entry.state = .reachable }
        guard let device else {
            return .skipped("FDB entry \(mac) has no 'dev' (`bridge fdb show dev X` output?): the entry is skipped")
        }
        return .entry(CapturedFDBEntry(entry: entry, deviceName: device, masterName: master, viaName: via))
    }
}
