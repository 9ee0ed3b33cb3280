import Glibc
import PodRouteCore

/// `sockaddr_in` / `sockaddr_in6`, read from and written to bytes so no C struct is cast from
/// received memory. Port and address are in network order inside the struct, as always.
struct SocketAddress: Equatable {
    var address: IPAddress
    var port: UInt16

    init(_ address: IPAddress, port: UInt16 = 0) {
        self.address = address
        self.port = port
    }

    /// Parses a `sockaddr_in` or `sockaddr_in6`; nil for other families or short input
    /// (`AF_UNSPEC` is what an error without an offender carries).
    static func parse(_ view: ByteView) -> SocketAddress? {
        guard let family = view.native(UInt16.self, at: 0), let port = view.uint16(at: 2) else { return nil }
        switch Int32(family) {
        case AF_INET:
            guard let bytes = view.slice(at: 4, length: 4), let address = IPAddress(networkBytes: bytes) else { return nil }
            return SocketAddress(address, port: port)
        case AF_INET6:
            guard let bytes = view.slice(at: 8, length: 16), let address = IPAddress(networkBytes: bytes) else { return nil }
            return SocketAddress(address, port: port)
        default:
            return nil
        }
    }

    /// The C struct's bytes, ready for sendto/bind/connect; its size is the `socklen_t` to pass.
    var bytes: [UInt8] {
        switch address {
        case .v4(let v4):
            var storage = sockaddr_in()
            storage.sin_family = sa_family_t(AF_INET)
            storage.sin_port = port.bigEndian
            storage.sin_addr = in_addr(s_addr: v4.value.bigEndian)
            return withUnsafeBytes(of: storage) { Array($0) }
        case .v6(let v6):
            var storage = sockaddr_in6()
            storage.sin6_family = sa_family_t(AF_INET6)
            storage.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &storage.sin6_addr) { raw in
                for (index, byte) in v6.networkBytes.enumerated() { raw[index] = byte }
            }
            return withUnsafeBytes(of: storage) { Array($0) }
        }
    }

    /// Room for either struct, for recvmsg's `msg_name`.
    static let capacity = MemoryLayout<sockaddr_in6>.size
}
