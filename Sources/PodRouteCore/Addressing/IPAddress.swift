/// An IPv4 or IPv6 address.
public enum IPAddress: Hashable, Comparable, Sendable {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either family: dotted quad or RFC 4291 text.
    public init?(_ text: Substring) {
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let address = IPv6Address(text) else { return nil }
            self = .v6(address)
        } else {
            guard let address = IPv4Address(text) else { return nil }
            self = .v4(address)
        }
    }

    public init?(_ text: String) { self.init(Substring(text)) }

    /// Builds an address from its network-order bytes: 4 for IPv4, 16 for IPv6.
    public init?<Bytes: Collection>(networkBytes bytes: Bytes) where Bytes.Element == UInt8 {
        switch bytes.count {
        case 4: self = .v4(IPv4Address(networkBytes: bytes))
        case 16: self = .v6(IPv6Address(networkBytes: bytes))
        default: return nil
        }
    }

    public var family: AddressFamily {
        switch self {
        case .v4: .inet
        case .v6: .inet6
        }
    }

    /// The all-zero address of a family.
    public static func any(_ family: AddressFamily) -> IPAddress {
        family == .inet ? .v4(.any) : .v6(.any)
    }

    public var isUnspecified: Bool { self == .any(family) }

    public var networkBytes: [UInt8] {
        switch self {
        case .v4(let address): address.networkBytes
        case .v6(let address): address.networkBytes
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.v4(let x), .v4(let y)): x < y
        case (.v6(let x), .v6(let y)): x < y
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}

extension IPAddress: CustomStringConvertible {
    public var description: String {
        switch self {
        case .v4(let address): address.description
        case .v6(let address): address.description
        }
    }
}

extension IPAddress: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = IPAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not an IP address"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
