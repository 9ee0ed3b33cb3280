/// One line of `ip netconf show`: `inet eth0 forwarding on rp_filter loose mc_forwarding off
/// proxy_neigh off ignore_routes_with_linkdown off` (iproute2 6.x), or the older
/// `ipv4 dev eth0 forwarding on rp_filter off mc_forwarding 0`. `all` and `default` are the
/// conf/all and conf/default entries.
enum NetconfLine {
    static func parse(_ words: [Substring]) -> CapturedForwarding? {
        guard words.count >= 4 else { return nil }
        let family: AddressFamily
        switch words[0] {
        case "inet", "ipv4": family = .inet
        case "inet6", "ipv6": family = .inet6
        default: return nil
        }
        var position = 1
        if words[position] == "dev" { position += 1 }
        let device = words[position]
        position += 1
        var entry = CapturedForwarding(family: family, deviceName: nil, scope: .all)
        switch device {
        case "all": entry.scope = .all
        case "default": entry.scope = .defaults
        default:
            entry.scope = .interface(InterfaceIndex(0))  // resolved from the name by the builder
            entry.deviceName = String(device)
        }
        var known = 0
        while position + 1 < words.count {
            let value = words[position + 1]
            switch words[position] {
            case "forwarding": entry.forwarding = onOff(value)
            case "rp_filter": entry.reversePathFilter = ReversePathFilter(name: value)
            case "mc_forwarding": entry.multicastForwarding = onOff(value)
            case "proxy_neigh": entry.proxyNeighbour = onOff(value)
            case "ignore_routes_with_linkdown": entry.ignoreRoutesWithLinkdown = onOff(value)
            case "input": break
            default: return nil
            }
            known += 1
            position += 2
        }
        return known > 0 ? entry : nil
    }

    static func onOff(_ text: Substring) -> Bool? {
        switch text {
        case "on": true
        case "off": false
        default: UInt32(text).map { $0 != 0 }
        }
    }
}
