/// The words iproute2 6.1 prints in its JSON for numbers the model stores: flag names in
/// print order, TOS and realm names, IP protocol names. Encoders and `IPJSONReader` share
/// these tables so that what one writes the other reads back.
public enum IPJSONVocabulary {
    /// Route and next-hop flags in `print_rt_flags` order (ip/iproute.c).
    public static let routeFlags: [(RouteFlags, StaticString)] = [
        (.dead, "dead"), (.onlink, "onlink"), (.pervasive, "pervasive"), (.offload, "offload"),
        (.trap, "trap"), (.notify, "notify"), (.linkdown, "linkdown"), (.unresolved, "unresolved"),
        (.routeOffload, "rt_offload"), (.routeTrap, "rt_trap"), (.routeOffloadFailed, "rt_offload_failed"),
    ]

    /// Address flags in `ifa_flag_data` order (ip/ipaddress.c); each is printed as a `true`
    /// member. `permanent` is special: its absence is printed, as `"dynamic":true`.
    public static let addressFlags: [(AddressFlags, StaticString)] = [
        (.secondary, "secondary"), (.nodad, "nodad"), (.optimistic, "optimistic"),
        (.dadfailed, "dadfailed"), (.homeaddress, "home"), (.deprecated, "deprecated"),
        (.tentative, "tentative"), (.permanent, "dynamic"), (.managetempaddr, "mngtmpaddr"),
        (.noprefixroute, "noprefixroute"), (.mcautojoin, "autojoin"), (.stablePrivacy, "stable-privacy"),
    ]

    /// Every address flag iproute2 names; other bits are printed as `"ifa_flags":"hex"`.
    public static let knownAddressFlags = AddressFlags(rawValue: 0xfff)

    /// DiffServ names from Debian's /etc/iproute2/rt_dsfield (iproute2 has no built-in ones);
    /// other TOS values print as `0x%02x`.
    public static let dsfieldNames: [UInt8: String] = [
        0x28: "AF11", 0x30: "AF12", 0x38: "AF13", 0x48: "AF21", 0x50: "AF22", 0x58: "AF23",
        0x68: "AF31", 0x70: "AF32", 0x78: "AF33", 0x88: "AF41", 0x90: "AF42", 0x98: "AF43",
        0x20: "CS1", 0x40: "CS2", 0x60: "CS3", 0x80: "CS4", 0xa0: "CS5", 0xc0: "CS6", 0xe0: "CS7",
        0xb8: "EF",
    ]

    /// IP protocol names as `getprotobynumber` finds them in Debian's /etc/protocols (netbase);
    /// iproute2 prints `ipproto-N` for the others.
    public static let ipProtocolNames: [UInt8: String] = [
        0: "ip", 1: "icmp", 2: "igmp", 3: "ggp", 4: "ipencap", 5: "st", 6: "tcp", 8: "egp", 9: "igp",
        12: "pup", 17: "udp", 20: "hmp", 22: "xns-idp", 27: "rdp", 29: "iso-tp4", 33: "dccp", 36: "xtp",
        37: "ddp", 38: "idpr-cmtp", 41: "ipv6", 43: "ipv6-route", 44: "ipv6-frag", 45: "idrp", 46: "rsvp",
        47: "gre", 50: "esp", 51: "ah", 57: "skip", 58: "ipv6-icmp", 59: "ipv6-nonxt", 60: "ipv6-opts",
        73: "rspf", 81: "vmtp", 88: "eigrp", 89: "ospf", 93: "ax.25", 94: "ipip", 97: "etherip",
        98: "encap", 103: "pim", 108: "ipcomp", 112: "vrrp", 115: "l2tp", 124: "isis", 132: "sctp",
        133: "fc", 135: "mobility-header", 136: "udplite", 137: "mpls-in-ip", 138: "manet", 139: "hip",
        140: "shim6", 141: "wesp", 142: "rohc", 143: "ethernet",
    ]

    /// `family_name`: `inet` or `inet6`.
    public static func familyName(_ family: AddressFamily) -> StaticString { family == .inet ? "inet" : "inet6" }

    /// `rtnl_rtntype_n2a`: as `RouteType.name`, except that type 0 is `none`.
    public static func routeTypeName(_ type: RouteType) -> String { type == .unspec ? "none" : type.name }

    public static func routeType(named text: String) -> RouteType? {
        text == "none" ? .unspec : RouteType(name: text)
    }

    /// `rtnl_dsfield_n2a`.
    public static func tosName(_ tos: UInt8) -> String {
        if let name = dsfieldNames[tos] { return name }
        let digits = String(tos, radix: 16)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }

    public static func tos(named text: String) -> UInt8? {
        if let entry = dsfieldNames.first(where: { $0.value == text }) { return entry.key }
        return parseNumber(text).flatMap { $0 <= 0xff ? UInt8($0) : nil }
    }

    /// `rtnl_rtrealm_n2a`: realm 0 is `cosmos`, the others their number.
    public static func realmName(_ realm: UInt32) -> String { realm == 0 ? "cosmos" : String(realm) }

    public static func realm(named text: String) -> UInt32? {
        text == "cosmos" ? 0 : parseNumber(text).flatMap { $0 <= 0xffff ? UInt32($0) : nil }
    }

    /// `inet_proto_n2a`.
    public static func ipProtocolName(_ number: UInt8) -> String { ipProtocolNames[number] ?? "ipproto-\(number)" }

    public static func ipProtocol(named text: String) -> UInt8? {
        if let entry = ipProtocolNames.first(where: { $0.value == text }) { return entry.key }
        let digits = text.hasPrefix("ipproto-") ? String(text.dropFirst(8)) : text
        return UInt8(digits)
    }

    /// A decimal or `0x` hex number as iproute2 prints marks, masks and TOS values.
    public static func parseNumber(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }
}
