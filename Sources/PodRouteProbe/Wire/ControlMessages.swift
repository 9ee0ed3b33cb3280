import Glibc

/// The ancillary messages (`cmsghdr` + data) of one recvmsg(2) control buffer. Walks the buffer
/// the way `CMSG_FIRSTHDR`/`CMSG_NXTHDR` do, which Swift cannot import, with every length checked
/// against the bytes the kernel reported (`msg_controllen`).
struct ControlMessage: Equatable {
    /// `cmsg_level` (`SOL_IP`, `SOL_IPV6`).
    var level: Int32
    /// `cmsg_type` (`IP_RECVERR`, `IPV6_RECVERR`).
    var type: Int32
    /// `CMSG_DATA` .. `cmsg_len`.
    var data: ArraySlice<UInt8>

    private static let headerSize = MemoryLayout<cmsghdr>.size
    private static let levelOffset = MemoryLayout<cmsghdr>.offset(of: \.cmsg_level) ?? 8
    private static let typeOffset = MemoryLayout<cmsghdr>.offset(of: \.cmsg_type) ?? 12

    /// `CMSG_ALIGN`: to the size of `size_t`.
    private static func align(_ length: Int) -> Int {
        let unit = MemoryLayout<Int>.size
        return (length + unit - 1) & ~(unit - 1)
    }

    /// Every well-formed message in `control`; stops at the first length that does not fit.
    static func all(in control: ArraySlice<UInt8>) -> [ControlMessage] {
        let view = ByteView(control)
        var messages: [ControlMessage] = []
        var offset = 0
        while offset + headerSize <= view.count {
            guard let length = view.native(Int.self, at: offset), length >= headerSize, length <= view.count - offset,
                  let level = view.native(Int32.self, at: offset + levelOffset),
                  let type = view.native(Int32.self, at: offset + typeOffset),
                  let data = view.slice(at: offset + align(headerSize), length: length - align(headerSize)) else { break }
            messages.append(ControlMessage(level: level, type: type, data: data))
            offset += align(length)
        }
        return messages
    }
}
