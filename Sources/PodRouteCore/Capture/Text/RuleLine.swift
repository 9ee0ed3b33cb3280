/// One line of `ip rule` (iproute2 ip/iprule.c, or BusyBox):
/// `99:	not from all fwmark 0x200000/0x200000 lookup 1`,
/// `500:	from all oif foo0 [detached] lookup 1000`, `200:	from all to 10.9.0.0/16 goto 32766`,
/// BusyBox's `400:	from 1.2.3.0/24 lookup unspec blackhole` (it prints the action through
/// the route-type names, whose numbers are the FR_ACT_* numbers: `local` is goto).
/// The family comes from the rule's own addresses when it has any; see `RuleListing`.
struct RuleLine {
    var rule: Rule
    /// False when the rule has no address to tell its family.
    var familyKnown: Bool
    var unknownTableName: Substring?

    init?(_ words: [Substring], names: NameTables) {
        guard words.count >= 3, LinkHeaderLine.isIndexWord(words[0]), let priority = UInt32(words[0].dropLast()) else {
            return nil
        }
        var position = 1
        var rule = Rule(family: .inet, priority: priority)
        if words[position] == "not" {
            rule.invert = true
            position += 1
        }
        guard position + 1 < words.count, words[position] == "from" else { return nil }
        var families: [AddressFamily] = []
        if words[position + 1] != "all" {
            guard let source = IPPrefix(captureText: words[position + 1]) else { return nil }
            rule.source = source
            families.append(source.family)
        }
        position += 2
        var action: RuleAction?
        var table: RouteTableID?
        var lastInterfaceWord: Substring?
        while position < words.count {
            let word = words[position]
            let value: Substring? = position + 1 < words.count ? words[position + 1] : nil
            position += 1
            switch word {
            case "to":
                if let prefix = value.flatMap({ IPPrefix(captureText: $0) }) {
                    rule.destination = prefix
                    families.append(prefix.family)
                }
                position += 1
            case "tos", "dsfield": rule.tos = value.flatMap(TextNumber.uint32).map { UInt8(truncatingIfNeeded: $0) } ?? 0; position += 1
            case "fwmark":
                if let value {
                    let parts = value.split(separator: "/", maxSplits: 1)
                    rule.fwmark = parts.first.flatMap(TextNumber.uint32)
                    rule.fwmask = parts.count == 2 ? TextNumber.uint32(parts[1]) : nil
                }
                position += 1
            case "iif": rule.inputInterface = value.map(String.init); lastInterfaceWord = word; position += 1
            case "oif": rule.outputInterface = value.map(String.init); lastInterfaceWord = word; position += 1
            case "[detached]":
                if lastInterfaceWord == "oif" { rule.outputInterfaceDetached = true } else { rule.inputInterfaceDetached = true }
            case "lookup", "table":
                if let value {
                    table = names.table(value)
                    if table == nil { unknownTableName = value }
                }
                position += 1
            case "goto":
                action = .goto
                rule.gotoTarget = value.flatMap { UInt32($0) }
                position += 1
            case "suppress_prefixlength": rule.suppressPrefixLength = value.flatMap { UInt32($0) }; position += 1
            case "suppress_ifgroup": rule.suppressInterfaceGroup = value.flatMap { names.group($0) }; position += 1
            case "realms", "realm": rule.realms = value.flatMap(RouteFields.realms); position += 1
            case "proto", "protocol": rule.proto = value.flatMap { names.routeProtocol($0) }; position += 1
            case "uidrange": rule.uidRange = value.flatMap(Self.uidRange); position += 1
            case "ipproto": rule.ipProto = value.flatMap(Self.ipProtocol); position += 1
            case "sport": rule.sourcePorts = value.flatMap(Self.portRange); position += 1
            case "dport": rule.destinationPorts = value.flatMap(Self.portRange); position += 1
            case "l3mdev": rule.l3mdev = true
            case "nop": action = .nop
            case "map-to", "tun_id": position += 1
            default:
                if let named = RuleAction(name: word), named != .lookup { action = named }
                else if let type = RouteType(name: String(word)), [2, 3, 6, 7, 8].contains(type.rawValue) {
                    action = RuleAction(rawValue: type.rawValue)  // BusyBox: `lookup unspec blackhole`
                }
            }
        }
        rule.action = action ?? .lookup
        rule.table = rule.action == .lookup ? (table ?? .main) : (table ?? .unspec)
        if rule.action == .lookup, table == nil, rule.l3mdev { rule.table = .unspec }
        familyKnown = !families.isEmpty
        if let family = families.first { rule.family = family }
        self.rule = rule
    }

    private static func uidRange(_ text: Substring) -> ClosedRange<UInt32>? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let low = UInt32(parts[0]), let high = UInt32(parts[1]), low <= high else { return nil }
        return low...high
    }

    private static func portRange(_ text: Substring) -> ClosedRange<UInt16>? {
        let parts = text.split(separator: "-")
        guard let low = parts.first.flatMap({ UInt16($0) }) else { return nil }
        let high = parts.count == 2 ? UInt16(parts[1]) : low
        guard let high, low <= high else { return nil }
        return low...high
    }

    /// Numbers, or the names /etc/protocols gives the common ones.
    private static func ipProtocol(_ text: Substring) -> UInt8? {
        switch text {
        case "icmp": 1
        case "tcp": 6
        case "udp": 17
        case "ipv6-icmp", "icmpv6": 58
        case "sctp": 132
        default: UInt8(text.hasPrefix("ipproto-") ? text.dropFirst(8) : text)
        }
    }
}

/// The rules of one `ip rule` listing: rules without addresses (`from all lookup main`) take
/// the family of the prompt, else of the listing's rules that have addresses, else IPv4 (what
/// `ip rule` without `-6` shows). A listing ends when the priorities start again from a
/// lower one, or at any other kind of line.
struct RuleListing {
    private var rules: [RuleLine] = []

    /// Adds a rule; flushes first when the rule starts a new listing.
    mutating func add(_ line: RuleLine, context: CommandContext, into builder: inout CaptureBuilder) {
        if let last = rules.last, line.rule.priority < last.rule.priority { flush(context: context, into: &builder) }
        rules.append(line)
    }

    mutating func flush(context: CommandContext, into builder: inout CaptureBuilder) {
        guard !rules.isEmpty else { return }
        let family = context.family ?? rules.first(where: \.familyKnown)?.rule.family ?? .inet
        for line in rules {
            var rule = line.rule
            if !line.familyKnown { rule.family = family }
            builder.add(rule: rule)
        }
        rules.removeAll()
    }
}
