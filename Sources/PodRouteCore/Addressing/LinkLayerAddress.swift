/// A hardware address as the kernel reports it (`IFLA_ADDRESS`): six bytes for Ethernet,
/// four for IPIP/GRE tunnels (printed as an IPv4 address), sixteen for IPv6 tunnels, or none.
public struct LinkLayerAddress: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses colon-separated hex (`ee:ee:ee:ee:ee:ee`).
    public init?(_ text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...2).contains(part.count), let byte = UInt8(part, radix: 16) else { return nil }
            bytes.append(byte)
        }
        guard !bytes.isEmpty else { return nil }
        self.bytes = bytes
    }

    /// As iproute2 prints one: colon-separated hex, or an IP address for the 4- and 16-byte
    /// addresses of IP tunnels (`link/ipip 10.0.0.1`, `lladdr 10.20.1.24`).
    public init?(printed text: Substring) {
        if let hex = LinkLayerAddress(text) {
            self = hex
        } else if let ip = IPAddress(text) {
            self.init(bytes: ip.networkBytes)
        } else {
            return nil
        }
    }

    /// Colon-separated lower-case hex, as `ip link` prints an Ethernet address.
    public var hexDescription: String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: ":")
    }
}

extension LinkLayerAddress: CustomStringConvertible {
    public var description: String { hexDescription }
}
