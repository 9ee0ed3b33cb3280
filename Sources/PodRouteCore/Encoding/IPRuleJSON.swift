/// Writes a policy rule as one object of `ip -j rule` (iproute2 6.1 `print_rule`), then
/// podroute's members.
///
/// iproute2's shapes, kept on purpose: `"src":"all"` without a source, prefixes split into
/// address and `srclen`/`dstlen` (no length for a host), marks as hex strings, set flags as
/// `null` members (`"not":null`, `"l3mdev":null`), a single port as `sport`, a range as
/// `sport_start`/`sport_end`, the table a string, `action` only for non-lookup actions.
/// `protocol` is printed unless unspec or kernel, or always with `-d`. iproute2 prints no
/// family (`ip rule` is per family); podroute adds `"family"`.
public struct IPRuleJSON: Sendable {
    public struct Options: Sendable {
        /// Print `protocol` even when it is unspec or kernel, as `ip -d rule` does.
        public var detailed: Bool
        /// Append podroute's `"family"` member.
        public var includeFamily: Bool

        public init(detailed: Bool = true, includeFamily: Bool = true) {
            self.detailed = detailed
            self.includeFamily = includeFamily
        }
    }

    public let names: IPNames
    public let options: Options

    public init(names: IPNames = .iproute2Defaults, options: Options = Options()) {
        self.names = names
        self.options = options
    }

    public func write(_ rule: Rule, to writer: inout JSONWriter, extra: IPJSONExtra = .none) {
        writer.beginObject()
        writer.member("priority", rule.priority)
        if rule.invert { writer.nullMember("not") }
        if let source = rule.source, source.length > 0 {
            writer.key("src")
            writer.address(source.address)
            if !source.isHost { writer.member("srclen", UInt32(source.length)) }
        } else {
            writer.member("src", "all" as StaticString)
        }
        if let destination = rule.destination, destination.length > 0 {
            writer.key("dst")
            writer.address(destination.address)
            if !destination.isHost { writer.member("dstlen", UInt32(destination.length)) }
        }
        if rule.tos != 0 { writer.member("tos", IPJSONVocabulary.tosName(rule.tos)) }
        if rule.fwmark != nil || rule.fwmask != nil {
            writer.key("fwmark")
            writer.hexString(UInt64(rule.fwmark ?? 0))
            if let mask = rule.fwmask, mask != .max {
                writer.key("fwmask")
                writer.hexString(UInt64(mask))
            }
        }
        if let name = rule.inputInterface {
            writer.member("iif", name)
            if rule.inputInterfaceDetached { writer.nullMember("iif_detached") }
        }
        if let name = rule.outputInterface {
            writer.member("oif", name)
            if rule.outputInterfaceDetached { writer.nullMember("oif_detached") }
        }
        if rule.l3mdev { writer.nullMember("l3mdev") }
        if let range = rule.uidRange {
            writer.member("uid_start", range.lowerBound)
            writer.member("uid_end", range.upperBound)
        }
        if let proto = rule.ipProto { writer.member("ipproto", IPJSONVocabulary.ipProtocolName(proto)) }
        if let ports = rule.sourcePorts { writePorts(ports, single: "sport", start: "sport_start", end: "sport_end", to: &writer) }
        if let ports = rule.destinationPorts { writePorts(ports, single: "dport", start: "dport_start", end: "dport_end", to: &writer) }
        if rule.table != .unspec {
            writer.member("table", names.name(of: rule.table))
            if let length = rule.suppressPrefixLength, length != .max {
                writer.member("suppress_prefixlen", Int64(Int32(bitPattern: length)))
            }
            if let group = rule.suppressInterfaceGroup, group != .max {
                writer.member("suppress_ifgroup", names.groupName(group))
            }
        }
        if let realms = rule.realms {
            if realms >> 16 != 0 { writer.member("flow_from", IPJSONVocabulary.realmName(realms >> 16)) }
            writer.member("flow_to", IPJSONVocabulary.realmName(realms & 0xffff))
        }
        switch rule.action {
        case .goto:
            if let target = rule.gotoTarget { writer.member("goto", target) }
            else { writer.member("goto", "none" as StaticString) }
        case .nop:
            writer.nullMember("nop")
        case .lookup:
            break
        default:
            writer.member("action", IPJSONVocabulary.routeTypeName(RouteType(rawValue: rule.action.rawValue)))
        }
        if let proto = rule.proto, (proto != .unspec && proto != .kernel) || options.detailed {
            writer.member("protocol", names.name(of: proto))
        }
        if options.includeFamily { writer.member("family", IPJSONVocabulary.familyName(rule.family)) }
        extra.write(into: &writer)
        writer.endObject()
    }

    public func text(_ rule: Rule, extra: IPJSONExtra = .none) -> String {
        var writer = JSONWriter(capacity: 256)
        write(rule, to: &writer, extra: extra)
        return writer.text
    }

    private func writePorts(_ ports: ClosedRange<UInt16>, single: StaticString, start: StaticString,
                            end: StaticString, to writer: inout JSONWriter) {
        if ports.lowerBound == ports.upperBound {
            writer.key(single)
            writer.uint(ports.lowerBound)
        } else {
            writer.key(start)
            writer.uint(ports.lowerBound)
            writer.key(end)
            writer.uint(ports.upperBound)
        }
    }
}
