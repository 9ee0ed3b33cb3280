/// A policy routing rule (`ip rule`, `RTM_NEWRULE`, `struct fib_rule_hdr` + `FRA_*`).
public struct Rule: Hashable, Sendable {
    public var family: AddressFamily
    /// `FRA_PRIORITY`; rules are evaluated in ascending priority.
    public var priority: UInt32
    public var action: RuleAction
    /// `FRA_TABLE` (or the 8-bit header table).
    public var table: RouteTableID
    /// `from PREFIX`; nil is `from all`.
    public var source: IPPrefix?
    /// `to PREFIX`.
    public var destination: IPPrefix?
    /// `FIB_RULE_INVERT`: `not ...`.
    public var invert: Bool
    public var tos: UInt8
    public var fwmark: UInt32?
    public var fwmask: UInt32?
    /// `FRA_IIFNAME` / `FRA_OIFNAME`: interface names (the device may not exist yet).
    public var inputInterface: String?
    public var outputInterface: String?
    /// `FIB_RULE_IIF_DETACHED` / `FIB_RULE_OIF_DETACHED`: the named device is absent.
    public var inputInterfaceDetached: Bool
    public var outputInterfaceDetached: Bool
    /// `FRA_SUPPRESS_PREFIXLEN`: ignore table answers with a prefix this short or shorter.
    public var suppressPrefixLength: UInt32?
    public var suppressInterfaceGroup: UInt32?
    /// `FRA_GOTO`: the rule priority a `goto` action jumps to.
    public var gotoTarget: UInt32?
    public var realms: UInt32?
    public var proto: RouteProtocol?
    public var l3mdev: Bool
    public var uidRange: ClosedRange<UInt32>?
    public var ipProto: UInt8?
    public var sourcePorts: ClosedRange<UInt16>?
    public var destinationPorts: ClosedRange<UInt16>?

    public init(family: AddressFamily, priority: UInt32, action: RuleAction = .lookup, table: RouteTableID = .main,
                source: IPPrefix? = nil, destination: IPPrefix? = nil, invert: Bool = false, tos: UInt8 = 0,
                fwmark: UInt32? = nil, fwmask: UInt32? = nil, inputInterface: String? = nil,
                outputInterface: String? = nil, inputInterfaceDetached: Bool = false,
                outputInterfaceDetached: Bool = false, suppressPrefixLength: UInt32? = nil,
                suppressInterfaceGroup: UInt32? = nil, gotoTarget: UInt32? = nil, realms: UInt32? = nil,
                proto: RouteProtocol? = nil, l3mdev: Bool = false, uidRange: ClosedRange<UInt32>? = nil,
                ipProto: UInt8? = nil, sourcePorts: ClosedRange<UInt16>? = nil,
                destinationPorts: ClosedRange<UInt16>? = nil) {
        self.family = family
        self.priority = priority
        self.action = action
        self.table = table
        self.source = source
        self.destination = destination
        self.invert = invert
        self.tos = tos
        self.fwmark = fwmark
        self.fwmask = fwmask
        self.inputInterface = inputInterface
        self.outputInterface = outputInterface
        self.inputInterfaceDetached = inputInterfaceDetached
        self.outputInterfaceDetached = outputInterfaceDetached
        self.suppressPrefixLength = suppressPrefixLength
        self.suppressInterfaceGroup = suppressInterfaceGroup
        self.gotoTarget = gotoTarget
        self.realms = realms
        self.proto = proto
        self.l3mdev = l3mdev
        self.uidRange = uidRange
        self.ipProto = ipProto
        self.sourcePorts = sourcePorts
        self.destinationPorts = destinationPorts
    }

    /// The kernel's default rules: 0 local, 32766 main, 32767 default (IPv4 only).
    public static func defaults(_ family: AddressFamily) -> [Rule] {
        var rules = [Rule(family: family, priority: 0, table: .local), Rule(family: family, priority: 32766, table: .main)]
        if family == .inet { rules.append(Rule(family: family, priority: 32767, table: .default)) }
        return rules
    }
}

/// `frh_action` (`FR_ACT_*`).
public struct RuleAction: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let lookup = Self(rawValue: 1)
    public static let goto = Self(rawValue: 2)
    public static let nop = Self(rawValue: 3)
    public static let blackhole = Self(rawValue: 6)
    public static let unreachable = Self(rawValue: 7)
    public static let prohibit = Self(rawValue: 8)

    /// iproute2's name for the non-lookup actions.
    public var name: String {
        switch rawValue {
        case 1: "lookup"
        case 2: "goto"
        case 3: "nop"
        case 6: "blackhole"
        case 7: "unreachable"
        case 8: "prohibit"
        default: String(rawValue)
        }
    }

    public init?(name: some StringProtocol) {
        for number: UInt8 in [1, 2, 3, 6, 7, 8] where Self(rawValue: number).name == String(name) {
            self.init(rawValue: number)
            return
        }
        return nil
    }
}
