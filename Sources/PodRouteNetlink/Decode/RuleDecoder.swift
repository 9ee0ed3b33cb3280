import CNetlink
import PodRouteCore

/// `RTM_NEWRULE` -> `Rule`: `struct fib_rule_hdr` plus `FRA_*`.
///
/// `FRA_TABLE` (u32) supersedes the 8-bit header table; a missing `FRA_PRIORITY` is priority 0
/// (the `local` rule); `FRA_SUPPRESS_PREFIXLEN` and `FRA_SUPPRESS_IFGROUP` of -1 mean unset.
public enum RuleDecoder {
    /// `frh.flags` bits (`FIB_RULE_*`).
    static let invertFlag: UInt32 = 0x2, inputDetachedFlag: UInt32 = 0x8, outputDetachedFlag: UInt32 = 0x10

    /// Decodes one rule message; nil for other types and families other than IPv4/IPv6.
    public static func decode(_ message: borrowing NetlinkMessage) throws(NetlinkError) -> Rule? {
        guard message.type == .newRule || message.type == .delRule else { return nil }
        guard let header = message.header(as: fib_rule_hdr.self) else {
            throw .malformed("RTM_NEWRULE of \(message.payload.count) bytes, shorter than fib_rule_hdr")
        }
        guard let family = AddressFamily(rawValue: header.family) else { return nil }
        var rule = Rule(family: family, priority: 0, action: RuleAction(rawValue: header.action),
                        table: RouteTableID(UInt32(header.table)), invert: header.flags & invertFlag != 0,
                        tos: header.tos, inputInterfaceDetached: header.flags & inputDetachedFlag != 0,
                        outputInterfaceDetached: header.flags & outputDetachedFlag != 0)
        for attribute in message.attributes(after: fib_rule_hdr.self) {
            switch Int32(attribute.type) {
            case Int32(FRA_PRIORITY): rule.priority = attribute.uint32 ?? 0
            case Int32(FRA_TABLE): if let table = attribute.uint32 { rule.table = RouteTableID(table) }
            case Int32(FRA_SRC):
                if let address = attribute.ipAddress(family) {
                    rule.source = IPPrefix(containing: address, length: header.src_len)
                }
            case Int32(FRA_DST):
                if let address = attribute.ipAddress(family) {
                    rule.destination = IPPrefix(containing: address, length: header.dst_len)
                }
            case Int32(FRA_FWMARK): rule.fwmark = attribute.uint32
            case Int32(FRA_FWMASK): rule.fwmask = attribute.uint32
            case Int32(FRA_IIFNAME): rule.inputInterface = attribute.string
            case Int32(FRA_OIFNAME): rule.outputInterface = attribute.string
            case Int32(FRA_SUPPRESS_PREFIXLEN):
                if let length = attribute.uint32, length != UInt32.max { rule.suppressPrefixLength = length }
            case Int32(FRA_SUPPRESS_IFGROUP):
                if let group = attribute.uint32, group != UInt32.max { rule.suppressInterfaceGroup = group }
            case Int32(FRA_GOTO): rule.gotoTarget = attribute.uint32
            case Int32(FRA_FLOW): rule.realms = attribute.uint32
            case Int32(FRA_PROTOCOL): rule.proto = attribute.uint8.map { RouteProtocol(rawValue: $0) }
            case Int32(FRA_L3MDEV): rule.l3mdev = (attribute.uint8 ?? 0) != 0
            case Int32(FRA_IP_PROTO): rule.ipProto = attribute.uint8
            case Int32(FRA_UID_RANGE):
                // struct fib_rule_uid_range { u32 start; u32 end; }
                if attribute.payload.count >= 8 {
                    let start = attribute.payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                    let end = attribute.payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
                    if start <= end { rule.uidRange = start...end }
                }
            case Int32(FRA_SPORT_RANGE): rule.sourcePorts = portRange(attribute)
            case Int32(FRA_DPORT_RANGE): rule.destinationPorts = portRange(attribute)
            default: continue
            }
        }
        return rule
    }

    /// `struct fib_rule_port_range { u16 start; u16 end; }` (host order).
    private static func portRange(_ attribute: NetlinkAttribute) -> ClosedRange<UInt16>? {
        guard attribute.payload.count >= 4 else { return nil }
        let start = attribute.payload.loadUnaligned(fromByteOffset: 0, as: UInt16.self)
        let end = attribute.payload.loadUnaligned(fromByteOffset: 2, as: UInt16.self)
        return start <= end ? start...end : nil
    }
}
