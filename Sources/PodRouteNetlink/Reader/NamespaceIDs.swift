import CNetlink
import Glibc

/// Names the namespaces behind `IFLA_LINK_NETNSID` the way `ip link` does for `link-netns NAME`:
/// for each /run/netns/NAME, ask the socket's namespace which nsid it gave that namespace
/// (`RTM_GETNSID` with `NETNSA_FD`). Best effort: unreadable files and refusals are skipped.
enum NamespaceIDs {
    static let directory = "/run/netns"

    /// nsid -> name, as seen from the socket's namespace.
    static func names(using socket: inout RTNetlinkSocket) -> [Int32: String] {
        var names: [Int32: String] = [:]
        for name in entries() {
            let fd = open(directory + "/" + name, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { _ = close(fd) }
            guard let reply = try? socket.query(.namespaceID(ofNamespaceFile: fd)),
                  let id = nsid(in: reply), id >= 0, names[id] == nil else { continue }
            names[id] = name
        }
        return names
    }

    /// `NETNSA_NSID` of an `RTM_NEWNSID` answer (after `struct rtgenmsg`, padded to 4).
    static func nsid(in reply: NetlinkReply) -> Int32? {
        reply.withMessage { message in
            guard message.type == .newNamespaceID else { return nil }
            return message.attributes(afterHeaderBytes: MemoryLayout<rtgenmsg>.size)
                .first(UInt16(NETNSA_NSID))?.int32
        }
    }

    /// The names in /run/netns, sorted; empty when it does not exist.
    private static func entries() -> [String] {
        guard let directoryStream = opendir(directory) else { return [] }
        defer { closedir(directoryStream) }
        var names: [String] = []
        while let entry = readdir(directoryStream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
