/// `ifi_flags` (`IFF_*`).
public struct LinkFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let up = Self(rawValue: 0x1)
    public static let broadcast = Self(rawValue: 0x2)
    public static let debug = Self(rawValue: 0x4)
    public static let loopback = Self(rawValue: 0x8)
    public static let pointToPoint = Self(rawValue: 0x10)
    public static let notrailers = Self(rawValue: 0x20)
    public static let running = Self(rawValue: 0x40)
    public static let noarp = Self(rawValue: 0x80)
    public static let promisc = Self(rawValue: 0x100)
    public static let allmulti = Self(rawValue: 0x200)
    public static let master = Self(rawValue: 0x400)
    public static let slave = Self(rawValue: 0x800)
    public static let multicast = Self(rawValue: 0x1000)
    public static let portsel = Self(rawValue: 0x2000)
    public static let automedia = Self(rawValue: 0x4000)
    public static let dynamic = Self(rawValue: 0x8000)
    public static let lowerUp = Self(rawValue: 0x10000)
    public static let dormant = Self(rawValue: 0x20000)
    public static let echo = Self(rawValue: 0x40000)

    /// The flags in the order `ip link` prints them (ip/ipaddress.c print_link_flags);
    /// `RUNNING` is never printed: `NO-CARRIER` stands for up but not running.
    public static let printed: [(LinkFlags, String)] = [
        (.loopback, "LOOPBACK"), (.broadcast, "BROADCAST"), (.pointToPoint, "POINTOPOINT"),
        (.multicast, "MULTICAST"), (.noarp, "NOARP"), (.allmulti, "ALLMULTI"), (.promisc, "PROMISC"),
        (.master, "MASTER"), (.slave, "SLAVE"), (.debug, "DEBUG"), (.dynamic, "DYNAMIC"),
        (.automedia, "AUTOMEDIA"), (.portsel, "PORTSEL"), (.notrailers, "NOTRAILERS"), (.up, "UP"),
        (.lowerUp, "LOWER_UP"), (.dormant, "DORMANT"), (.echo, "ECHO"),
    ]

    /// The names as `ip link` prints them, `NO-CARRIER` first when it applies.
    public var names: [String] {
        var names = contains(.up) && !contains(.running) ? ["NO-CARRIER"] : []
        names += Self.printed.filter { contains($0.0) }.map(\.1)
        return names
    }

    /// The flags a printed list stands for; `RUNNING` is inferred from the absence of `NO-CARRIER`.
    public init(names: [some StringProtocol]) {
        var flags: LinkFlags = []
        for name in names {
            if let match = Self.printed.first(where: { $0.1 == name }) { flags.insert(match.0) }
        }
        if flags.contains(.up), !names.contains(where: { $0 == "NO-CARRIER" }) { flags.insert(.running) }
        self = flags
    }
}

/// `IFLA_OPERSTATE` (RFC 2863).
public struct OperState: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let unknown = Self(rawValue: 0)
    public static let notPresent = Self(rawValue: 1)
    public static let down = Self(rawValue: 2)
    public static let lowerLayerDown = Self(rawValue: 3)
    public static let testing = Self(rawValue: 4)
    public static let dormant = Self(rawValue: 5)
    public static let up = Self(rawValue: 6)

    static let names = ["UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"]

    public var name: String { Int(rawValue) < Self.names.count ? Self.names[Int(rawValue)] : String(rawValue) }

    public init?(name: some StringProtocol) {
        guard let index = Self.names.firstIndex(of: String(name)) else { return nil }
        self.init(rawValue: UInt8(index))
    }
}

/// `ifi_type`: the link-layer type (`ARPHRD_*`), named as iproute2's `ll_types` does.
public struct LinkLayerType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ether = Self(rawValue: 1)
    public static let ipip = Self(rawValue: 768)
    public static let tunnel6 = Self(rawValue: 769)
    public static let loopback = Self(rawValue: 772)
    public static let sit = Self(rawValue: 776)
    public static let gre = Self(rawValue: 778)
    public static let ip6gre = Self(rawValue: 823)
    public static let none = Self(rawValue: 65534)

    static let names: [UInt16: String] = [
        0: "netrom", 1: "ether", 2: "eether", 3: "ax25", 4: "pronet", 5: "chaos", 6: "ieee802", 7: "arcnet",
        8: "appletlk", 15: "dlci", 19: "atm", 23: "metricom", 24: "ieee1394", 27: "eui64", 32: "infiniband",
        256: "slip", 257: "cslip", 258: "slip6", 259: "cslip6", 260: "rsrvd", 264: "adapt", 270: "rose",
        271: "x25", 272: "hwx25", 280: "can", 512: "ppp", 513: "hdlc", 516: "lapb", 517: "ddcmp",
        518: "rawhdlc", 519: "rawip", 768: "ipip", 769: "tunnel6", 770: "frad", 771: "skip", 772: "loopback",
        773: "localtlk", 774: "fddi", 775: "bif", 776: "sit", 777: "ip/ddp", 778: "gre", 779: "pimreg",
        780: "hippi", 781: "ash", 782: "econet", 783: "irda", 784: "fcpp", 785: "fcal", 786: "fcpl",
        787: "fcfb0", 800: "tr", 801: "tr+rip", 802: "ieee802.11", 803: "ieee802.11/prism",
        804: "ieee802.11/radiotap", 820: "phonet", 821: "phonet_pipe", 822: "caif", 823: "ip6gre",
        824: "netlink", 825: "6lowpan", 826: "vsockmon", 65534: "none", 65535: "void",
    ]

    /// iproute2's name (`link/ether`, `link/ipip`, `link/none`), or `[N]` for unknown types.
    public var name: String { Self.names[rawValue] ?? "[\(rawValue)]" }

    public init?(name: some StringProtocol) {
        guard let entry = Self.names.first(where: { $0.value == String(name) }) else { return nil }
        self.init(rawValue: entry.key)
    }

    /// Tunnel types whose hardware address is an IP address (`link/ipip 0.0.0.0`).
    public var addressIsIP: Bool { [768, 769, 776, 778, 823].contains(rawValue) }
}
