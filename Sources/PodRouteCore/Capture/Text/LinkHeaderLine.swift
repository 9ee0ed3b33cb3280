/// The first line of an `ip link` / `ip addr` block (iproute2 and BusyBox alike):
/// `2: ens192@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq master br0 state UP
/// mode DEFAULT group default qlen 1000`. Devices named after `@` and `master` may be
/// described later in the capture, so they are returned as names for the caller to resolve.
struct LinkHeaderLine {
    var link: Link
    /// `eth0@vethA`: the parent is known only by name.
    var parentName: String?
    var masterName: String?

    /// True for the `N:` that starts link, `ip -o addr` and rule lines.
    static func isIndexWord(_ word: Substring) -> Bool {
        word.utf8.count >= 2 && word.utf8.last == UInt8(ascii: ":") && TextNumber.isDecimal(word.dropLast())
    }

    /// nil unless the words are a link header: `N: NAME:` then flags in angle brackets.
    init?(_ words: [Substring], names: NameTables) {
        guard words.count >= 2, Self.isIndexWord(words[0]), words[1].count >= 2, words[1].hasSuffix(":"),
              let index = Int32(words[0].dropLast()) else { return nil }
        guard words.count == 2 || words[2].hasPrefix("<") else { return nil }
        let (name, parent) = Self.splitName(words[1].dropLast())
        guard !name.isEmpty else { return nil }
        link = Link(index: InterfaceIndex(index), name: String(name), operState: .unknown)
        switch parent {
        case nil, "NONE"?:
            break
        case let reference?:
            if reference.hasPrefix("if"), let peer = Int32(reference.dropFirst(2)) {
                link.parent = InterfaceIndex(peer)
            } else {
                parentName = String(reference)
            }
        }
        var position = 2
        if words.count > 2 {
            let flagText = words[2].dropFirst().prefix { $0 != ">" }
            link.flags = LinkFlags(names: flagText.split(separator: ","))
            position = 3
        }
        while position < words.count {
            let key = words[position]
            let value: Substring? = position + 1 < words.count ? words[position + 1] : nil
            var consumed = 2
            switch key {
            case "mtu": if let value, let mtu = UInt32(value) { link.mtu = mtu }
            case "qdisc": link.qdisc = value.map(String.init)
            case "master": masterName = value.map(String.init)
            case "state": if let value { link.operState = OperState(name: value) ?? .unknown }
            case "mode": link.linkMode = value == "DORMANT" ? 1 : 0
            case "group": link.group = value.flatMap { names.group($0) } ?? 0
            case "qlen": link.txQueueLength = value.flatMap { UInt32($0) }
            default: consumed = 1
            }
            position += consumed
        }
    }

    /// `calic440f455693@if2` -> (name, "if2"); the last `@` splits, names may not hold spaces.
    private static func splitName(_ text: Substring) -> (Substring, Substring?) {
        guard let at = text.lastIndex(of: "@"), at != text.startIndex else { return (text, nil) }
        return (text[..<at], text[text.index(after: at)...])
    }
}
