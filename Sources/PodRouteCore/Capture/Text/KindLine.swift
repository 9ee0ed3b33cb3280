/// A kind line of `ip -d link` (`vxlan id 4096 local 10.20.1.22 dev eth0 ...`, `veth`,
/// `bridge_slave state forwarding ...`). The kind-specific words go into `kindData` /
/// `slaveData` under the keys `ip -j -d link` uses, so code reading the JSON keys (for
/// example `Link.vxlan`) works the same for text and JSON captures. The generic `-d` tail
/// (`addrgenmode ... numtxqueues ...`) that iproute2 appends to the last such line is applied too.
enum KindLine {
    /// True when the word can name a kind (`vxlan`, `bridge_slave`, `ip6gre`).
    static func isKindWord(_ word: Substring) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_")
        } && !TextNumber.isDecimal(word)
    }

    static func apply(_ words: [Substring], to link: inout Link) {
        let kindWord = words[0]
        let isSlave = kindWord.hasSuffix("_slave")
        let kind = String(isSlave ? kindWord.dropLast("_slave".count) : kindWord)
        if isSlave { link.slaveKind = kind } else { link.kind = LinkKind(kind) }
        var data = JSONObject()
        var position = 1
        var vxlan = VXLANWords()
        while position < words.count {
            if LinkDetailWords.apply(words, at: position, to: &link) {
                position += 2
                continue
            }
            if !isSlave, kind == "vxlan" {
                position += vxlan.read(words, at: position, into: &data)
            } else {
                position += KindFields.read(kind: isSlave ? kind + "_slave" : kind, words, at: position, into: &data)
            }
        }
        if !isSlave, kind == "vxlan" { vxlan.finish(into: &data) }
        if isSlave { link.slaveData = data } else { link.kindData = data }
    }
}

/// The plain `key value` words of common kinds whose JSON key and value type are known;
/// other words are skipped one at a time (their meaning stays in the text).
enum KindFields {
    enum Value { case unsigned, text, onOff, presence }

    /// (text word, JSON key, value) per kind.
    static func field(kind: String, word: Substring) -> (String, Value)? {
        switch (kind, word) {
        case ("vlan", "protocol"): ("protocol", .text)
        case ("vlan", "id"): ("id", .unsigned)
        case ("macvlan", "mode"), ("macvtap", "mode"), ("ipvlan", "mode"), ("ipvtap", "mode"): ("mode", .text)
        case ("macvlan", "bcqueuelen"): ("bcqueuelen", .unsigned)
        case ("macvlan", "usedbcqueuelen"): ("usedbcqueuelen", .unsigned)
        case ("ipip", "remote"), ("sit", "remote"), ("gre", "remote"), ("ip6tnl", "remote"): ("remote", .text)
        case ("ipip", "local"), ("sit", "local"), ("gre", "local"), ("ip6tnl", "local"): ("local", .text)
        case ("ipip", "dev"), ("sit", "dev"), ("gre", "dev"), ("ip6tnl", "dev"): ("link", .text)
        case ("ipip", "ttl"), ("sit", "ttl"), ("gre", "ttl"): ("ttl", .unsigned)
        case ("ipip", "pmtudisc"), ("sit", "pmtudisc"), ("gre", "pmtudisc"): ("pmtudisc", .presence)
        case ("tun", "type"): ("type", .text)
        case ("bridge", "forward_delay"): ("forward_delay", .unsigned)
        case ("bridge", "hello_time"): ("hello_time", .unsigned)
        case ("bridge", "max_age"): ("max_age", .unsigned)
        case ("bridge", "ageing_time"): ("ageing_time", .unsigned)
        case ("bridge", "stp_state"): ("stp_state", .unsigned)
        case ("bridge", "priority"): ("priority", .unsigned)
        case ("bridge", "vlan_filtering"): ("vlan_filtering", .unsigned)
        case ("bridge", "vlan_protocol"): ("vlan_protocol", .text)
        case ("bridge", "bridge_id"): ("bridge_id", .text)
        case ("bridge", "designated_root"): ("root_id", .text)
        case ("bridge", "root_port"): ("root_port", .unsigned)
        case ("bridge", "root_path_cost"): ("root_path_cost", .unsigned)
        case ("bridge", "mcast_snooping"): ("mcast_snooping", .unsigned)
        case ("bridge_slave", "state"): ("state", .text)
        case ("bridge_slave", "priority"): ("priority", .unsigned)
        case ("bridge_slave", "cost"): ("cost", .unsigned)
        case ("bridge_slave", "hairpin"): ("hairpin", .onOff)
        case ("bridge_slave", "learning"): ("learning", .onOff)
        case ("bridge_slave", "flood"): ("flood", .onOff)
        case ("bridge_slave", "proxy_arp"): ("proxy_arp", .onOff)
        case ("bridge_slave", "isolated"): ("isolated", .onOff)
        case ("bridge_slave", "neigh_suppress"): ("neigh_suppress", .onOff)
        case ("bond_slave", "state"): ("state", .text)
        case ("bond", "mode"): ("mode", .text)
        case ("vrf", "table"): ("table", .unsigned)
        default: nil
        }
    }

    /// Reads one field at `position`; returns how many words it used (at least one).
    static func read(kind: String, _ words: [Substring], at position: Int, into data: inout JSONObject) -> Int {
        let word = words[position]
        if word.hasPrefix("no"), let (key, value) = field(kind: kind, word: word.dropFirst(2)), value == .presence {
            data[key] = .bool(false)
            return 1
        }
        guard let (key, value) = field(kind: kind, word: word) else { return 1 }
        if value == .presence {
            data[key] = .bool(true)
            return 1
        }
        guard position + 1 < words.count else { return 1 }
        let text = words[position + 1]
        switch value {
        case .unsigned:
            if let number = UInt64(text) { data[key] = .uint(number) }
            else if text == "inherit" || text == "auto" { data[key] = .uint(0) }
        case .text: data[key] = .string(String(text))
        case .onOff: data[key] = .bool(text == "on")
        case .presence: break
        }
        return 2
    }
}
