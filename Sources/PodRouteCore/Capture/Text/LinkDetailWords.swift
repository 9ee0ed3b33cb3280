/// The `-d` details iproute2 appends to the `link/...` line or to the last kind line of a
/// block (`promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535 addrgenmode eui64 numtxqueues 1
/// ... parentbus pci parentdev 0000:00:03.0`); all take exactly one value.
enum LinkDetailWords {
    /// Applies the word at `position` and its value; false when the word is not such a detail.
    static func apply(_ words: [Substring], at position: Int, to link: inout Link) -> Bool {
        let key = words[position]
        guard isDetail(key) else { return false }
        guard position + 1 < words.count else { return true }
        let value = words[position + 1]
        let number = UInt32(value)
        switch key {
        case "promiscuity": link.promiscuity = number
        case "allmulti": link.allmulti = number
        case "minmtu": link.minMTU = number
        case "maxmtu": link.maxMTU = number
        case "numtxqueues": link.queues.txQueues = number
        case "numrxqueues": link.queues.rxQueues = number
        case "gso_max_size": link.queues.gsoMaxSize = number
        case "gso_max_segs": link.queues.gsoMaxSegments = number
        case "tso_max_size": link.queues.tsoMaxSize = number
        case "tso_max_segs": link.queues.tsoMaxSegments = number
        case "gro_max_size": link.queues.groMaxSize = number
        case "parentbus": link.parentBus = String(value)
        case "parentdev": link.parentDevice = String(value)
        case "link-netnsid": link.linkNetnsID = Int32(value)
        case "link-netns": link.linkNetnsName = String(value)
        case "permaddr": link.permanentAddress = LinkLayerAddress(value)
        default: break  // addrgenmode, gso_ipv4_max_size, ...: read, not modelled
        }
        return true
    }

    static func isDetail(_ word: Substring) -> Bool {
        switch word {
        case "promiscuity", "allmulti", "minmtu", "maxmtu", "addrgenmode", "numtxqueues", "numrxqueues",
             "gso_max_size", "gso_max_segs", "tso_max_size", "tso_max_segs", "gro_max_size",
             "gso_ipv4_max_size", "gro_ipv4_max_size", "parentbus", "parentdev", "link-netnsid", "link-netns",
             "permaddr":
            return true
        default:
            return false
        }
    }
}

/// `link/ether 00:50:56:95:32:45 brd ff:ff:ff:ff:ff:ff link-netnsid 3 promiscuity 0 ...`,
/// `link/ipip 0.0.0.0 brd 0.0.0.0` (tunnel addresses are IP addresses), `link/none`,
/// `link/[65534]` for types iproute2 cannot name; `peer` replaces `brd` on point-to-point links.
enum LinkLayerLine {
    /// Fills the link-layer fields; returns true when the block now carries `-d` details.
    static func apply(_ words: [Substring], to link: inout Link) -> Bool {
        let typeName = words[0].dropFirst("link/".count)
        if typeName.hasPrefix("["), typeName.hasSuffix("]"), let number = UInt16(typeName.dropFirst().dropLast()) {
            link.linkType = LinkLayerType(rawValue: number)
        } else if let type = LinkLayerType(name: typeName) {
            link.linkType = type
        }
        var position = 1
        if position < words.count, !isKeyword(words[position]) {
            link.address = address(words[position], type: link.linkType)
            position += 1
        }
        var detailed = false
        while position < words.count {
            let word = words[position]
            if word == "brd" || word == "peer", position + 1 < words.count {
                link.broadcast = address(words[position + 1], type: link.linkType)
                position += 2
            } else if LinkDetailWords.apply(words, at: position, to: &link) {
                if word == "promiscuity" { detailed = true }
                position += 2
            } else {
                position += 1
            }
        }
        return detailed
    }

    private static func isKeyword(_ word: Substring) -> Bool {
        word == "brd" || word == "peer" || LinkDetailWords.isDetail(word)
    }

    private static func address(_ text: Substring, type: LinkLayerType) -> LinkLayerAddress? {
        if type.addressIsIP || text.contains(".") {
            return IPAddress(text).map { LinkLayerAddress(bytes: $0.networkBytes) }
        }
        return LinkLayerAddress(text)
    }
}
