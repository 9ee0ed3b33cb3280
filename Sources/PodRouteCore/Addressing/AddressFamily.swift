/// An address family as the kernel numbers it (`AF_INET`, `AF_INET6`).
public enum AddressFamily: UInt8, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// `AF_INET` (2).
    case inet = 2
    /// `AF_INET6` (10).
    case inet6 = 10

    /// The name iproute2 prints: `inet` or `inet6`.
    public var name: String { self == .inet ? "inet" : "inet6" }

    /// The address length in bits.
    public var bitWidth: UInt8 { self == .inet ? 32 : 128 }

    public init?(name: String) {
        switch name {
        case "inet", "ipv4", "4": self = .inet
        case "inet6", "ipv6", "6": self = .inet6
        default: return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
