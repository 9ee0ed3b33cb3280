import CNetlink
import Foundation
import PodRouteNetlink
import PodRouteTesting
import Testing

/// The interface in an `RTM_NEWLINK` message: just what the tests compare with `ip -j link`.
struct LinkName: Hashable, CustomStringConvertible {
    var index: Int32
    var name: String

    init(index: Int32, name: String) {
        self.index = index
        self.name = name
    }

    /// Reads `ifinfomsg.ifi_index` and `IFLA_IFNAME`; nil for other messages.
    init?(_ message: borrowing NetlinkMessage) {
        guard message.type == .newLink, let header = message.header(as: ifinfomsg.self),
              let name = message.attributes(after: ifinfomsg.self).first(UInt16(IFLA_IFNAME))?.string
        else { return nil }
        self.init(index: header.ifi_index, name: name)
    }

    var description: String { "\(index):\(name)" }
}

/// `[{"ifindex": 1, "ifname": "lo", ...}]` from `ip -j link show` as a set.
func linkNames(fromIPJSON json: String) throws -> Set<LinkName> {
    let objects = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    return Set(try objects.map { object in
        LinkName(
            index: Int32(try #require(object["ifindex"] as? Int)),
            name: try #require(object["ifname"] as? String)
        )
    })
}

/// The number of entries in a JSON array printed by `ip -j …`.
func jsonArrayCount(_ json: String) throws -> Int {
    try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any]).count
}
