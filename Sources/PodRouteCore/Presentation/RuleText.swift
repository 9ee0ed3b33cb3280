/// A rule as `ip rule` words it.
public enum RuleText {
    /// `not from 10.0.0.0/8 fwmark 0x200000/0x200000 iif eth0`.
    public static func selector(_ rule: Rule) -> String {
        var words: [String] = []
        if rule.invert { words.append("not") }
        words += ["from", rule.source.map(RouteText.prefix) ?? "all"]
        if let destination = rule.destination { words += ["to", RouteText.prefix(destination)] }
        if rule.tos != 0 { words += ["tos", "0x" + String(rule.tos, radix: 16)] }
        if let mark = rule.fwmark {
            var text = "0x" + String(mark, radix: 16)
            if let mask = rule.fwmask, mask != UInt32.max { text += "/0x" + String(mask, radix: 16) }
            words += ["fwmark", text]
        }
        if let name = rule.inputInterface {
            words += ["iif", Sanitizer.printable(name)] + (rule.inputInterfaceDetached ? ["[detached]"] : [])
        }
        if let name = rule.outputInterface {
            words += ["oif", Sanitizer.printable(name)] + (rule.outputInterfaceDetached ? ["[detached]"] : [])
        }
        if let range = rule.uidRange { words += ["uidrange", "\(range.lowerBound)-\(range.upperBound)"] }
        if let ipProto = rule.ipProto { words += ["ipproto", String(ipProto)] }
        if let ports = rule.sourcePorts { words += ["sport", ports.count == 1 ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"] }
        if let ports = rule.destinationPorts { words += ["dport", ports.count == 1 ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"] }
        return words.joined(separator: " ")
    }

    /// `lookup main`, `goto 100`, `blackhole`, with `suppress_prefixlength 0` when set.
    public static func action(_ rule: Rule, names: IPNames) -> String {
        var words: [String]
        switch rule.action {
        case .lookup: words = ["lookup", names.name(of: rule.table)]
        case .goto: words = ["goto", rule.gotoTarget.map(String.init) ?? "?"]
        default: words = [rule.action.name]
        }
        if rule.l3mdev { words = ["lookup", "[l3mdev-table]"] }
        if let length = rule.suppressPrefixLength { words += ["suppress_prefixlength", String(length)] }
        if let group = rule.suppressInterfaceGroup { words += ["suppress_ifgroup", names.groupName(group)] }
        if let proto = rule.proto, proto != .unspec, proto != .boot { words += ["proto", names.name(of: proto)] }
        return words.joined(separator: " ")
    }
}
