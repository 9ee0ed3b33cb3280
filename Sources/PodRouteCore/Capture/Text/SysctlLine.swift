/// A sysctl setting as `sysctl` prints it (`net.ipv4.conf.all.rp_filter = 2`; a device
/// name's dots become slashes: `net.ipv4.conf.vxlan/calico.rp_filter`), as a config file
/// writes it (`net.ipv4.ip_forward=1`), or as `grep . /proc/sys/net/ipv4/conf/*/rp_filter`
/// prints it (`/proc/sys/net/ipv4/conf/eth0/rp_filter:1`). Only the forwarding-related keys
/// are modelled; every other well-formed setting is recognised and passed over.
enum SysctlLine {
    enum Result {
        case forwarding(CapturedForwarding)
        case otherSetting
    }

    static func parse(_ line: Substring, words: [Substring]) -> Result? {
        let text = line.drop { $0 == " " || $0 == "\t" }
        let components: [Substring]
        let value: Substring
        if text.hasPrefix("/proc/sys/") {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            components = text[text.index(text.startIndex, offsetBy: "/proc/sys/".count)..<colon].split(separator: "/")
            value = text[text.index(after: colon)...].drop { $0 == " " }
        } else {
            guard let equals = text.firstIndex(of: "=") else { return nil }
            let key = text[..<equals].reversed().drop { $0 == " " || $0 == "\t" }
            let keyText = Substring(String(key.reversed()))
            guard isKey(keyText) else { return nil }
            components = keyText.split(separator: ".").map { Substring($0.replacingSlashes()) }
            value = text[text.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
        }
        guard components.count >= 2, ["net", "kernel", "vm", "fs", "dev", "user", "abi", "debug", "crypto", "sunrpc"]
            .contains(components[0]) else { return nil }
        let number = UInt32(value.prefix { $0 != " " && $0 != "\t" })
        guard components[0] == "net", let number else { return .otherSetting }
        if components.count == 3, components[1] == "ipv4", components[2] == "ip_forward" {
            return .forwarding(CapturedForwarding(family: .inet, deviceName: nil, scope: .all, forwarding: number != 0))
        }
        guard components.count == 5, components[2] == "conf",
              let family: AddressFamily = components[1] == "ipv4" ? .inet : components[1] == "ipv6" ? .inet6 : nil
        else { return .otherSetting }
        var entry = CapturedForwarding(family: family, deviceName: nil, scope: .all)
        switch components[3] {
        case "all": entry.scope = .all
        case "default": entry.scope = .defaults
        default:
            entry.scope = .interface(InterfaceIndex(0))
            entry.deviceName = String(components[3])
        }
        switch components[4] {
        case "forwarding": entry.forwarding = number != 0
        case "rp_filter": entry.reversePathFilter = ReversePathFilter(rawValue: UInt8(clamping: number)) ?? .loose
        case "proxy_arp" where family == .inet, "proxy_ndp" where family == .inet6: entry.proxyNeighbour = number != 0
        case "mc_forwarding": entry.multicastForwarding = number != 0
        case "ignore_routes_with_linkdown": entry.ignoreRoutesWithLinkdown = number != 0
        default: return .otherSetting
        }
        return .forwarding(entry)
    }

    /// Dotted lower-case words: `net.ipv4.conf.eth0.rp_filter`.
    private static func isKey(_ text: Substring) -> Bool {
        text.contains(".") && !text.hasPrefix(".") && text.utf8.allSatisfy { byte in
            byte > 0x20 && byte != UInt8(ascii: "=") && byte < 0x7f
        }
    }
}

private extension Substring {
    /// sysctl prints a device name's dots as slashes: `vxlan/calico` is `vxlan.calico`.
    func replacingSlashes() -> String {
        String(map { $0 == "/" ? "." : $0 })
    }
}
