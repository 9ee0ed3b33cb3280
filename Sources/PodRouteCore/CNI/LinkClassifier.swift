/// Names a device's role from its kind, name, master and link-layer type.
///
/// Names come first because CNIs name their devices distinctively and captures without `-d`
/// carry no kind; kinds decide for everything else.
public enum LinkClassifier {
    public static func role(of link: Link, master: Link?, calicoPrefix: String = "cali") -> LinkRole {
        let name = link.name
        let kind = link.kind
        if link.flags.contains(.loopback) || link.linkType == .loopback || name == "lo" { return .loopback }
        if let role = cniRole(name: name, kind: kind, link: link, master: master, calicoPrefix: calicoPrefix) {
            return role
        }
        switch kind {
        case .bridge?: return .bridge
        case .veth?: return .veth
        case .vxlan?: return .vxlan
        case let kind? where kind.isIPTunnel || [.wireguard, .tun, .geneve].contains(kind): return .tunnel
        case .some: return .other
        case nil: return kindlessRole(link)
        }
    }

    private static func cniRole(name: String, kind: LinkKind?, link: Link, master: Link?,
                                calicoPrefix: String) -> LinkRole? {
        let isVethLike = kind == .veth || kind == nil
        switch name {
        case "tunl0" where kind == nil || kind == .ipip: return .calicoIPIP
        case "vxlan.calico", "vxlan-v6.calico": return .calicoVXLAN
        case "wireguard.cali", "wg-v6.cali": return .calicoWireguard
        case "cilium_host", "cilium_net": return .ciliumHost
        case "cilium_vxlan", "cilium_geneve", "cilium_ipip4", "cilium_ipip6", "cilium_wg0": return .ciliumOverlay
        case "kube-ipvs0": return .kubeIPVS
        case "nodelocaldns": return .nodelocaldns
        case "docker0": return .dockerBridge
        case "cni0", "kube-bridge", "weave": return .cniBridge
        default: break
        }
        if name.hasPrefix("flannel") {
            return name.hasPrefix("flannel.") && (kind == nil || kind == .vxlan) && name != "flannel.ipip" ? .flannelVXLAN : .tunnel
        }
        if name.hasPrefix("br-"), name.count == 15, kind == nil || kind == .bridge { return .dockerBridge }
        if isVethLike, name.hasPrefix(calicoPrefix),
           kind == .veth || CalicoNaming.looksLikeWorkload(name, prefix: calicoPrefix) || link.parent != nil || link.linkNetnsID != nil {
            return .calicoWorkload
        }
        if isVethLike, name.hasPrefix("lxc") { return .ciliumWorkload }
        if isVethLike, name.hasPrefix("vethwepl") { return .cniWorkload }
        if isVethLike, let master, ["cni0", "kube-bridge", "weave"].contains(master.name) { return .cniWorkload }
        return nil
    }

    /// Devices a capture printed without their kind.
    private static func kindlessRole(_ link: Link) -> LinkRole {
        if link.isInferred { return .other }
        if link.linkType.addressIsIP { return .tunnel }
        if link.name.hasPrefix("veth") { return .veth }
        if link.linkType == .none { return .tunnel }  // wg0, tun0: no link-layer header
        if link.linkType == .ether, link.parent == nil, link.linkNetnsID == nil, link.master == nil || looksPhysical(link.name) {
            return .physical
        }
        return looksPhysical(link.name) ? .physical : .other
    }

    /// Kernel naming of real NICs (predictable names and the classic ones), as Calico's MTU
    /// detection matches them: `^((en|wl|ww|sl|ib)[Pcopsvx].*|(eth|wlan|wwan).*)`.
    static func looksPhysical(_ name: String) -> Bool {
        for prefix in ["eth", "wlan", "wwan"] where name.hasPrefix(prefix) { return true }
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 3 else { return false }
        let head = String(String.UnicodeScalarView(scalars[0..<2]))
        return ["en", "wl", "ww", "sl", "ib"].contains(head) && "Pcopsvx".unicodeScalars.contains(scalars[2])
    }
}
