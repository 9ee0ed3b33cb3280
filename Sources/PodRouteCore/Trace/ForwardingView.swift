/// The forwarding settings of one host as the kernel applies them: IPv4 forwards a packet
/// when its input device has `forwarding` on (ip_forward sets every device's), IPv6 when
/// `conf.all.forwarding` is on; `rp_filter` is max(all, device). nil means the snapshot does
/// not say (a capture without `ip netconf` or `sysctl` output).
public struct ForwardingView: Sendable {
    private let entries: [ForwardingConfig]

    public init(_ snapshot: NetworkSnapshot) { entries = snapshot.forwarding }

    public var isKnown: Bool { !entries.isEmpty }

    private func entry(_ family: AddressFamily, _ scope: ForwardingConfig.Scope) -> ForwardingConfig? {
        entries.first { $0.family == family && $0.scope == scope }
    }

    /// Whether a packet of `family` arriving on `device` would be forwarded.
    public func forwards(_ family: AddressFamily, arrivingOn device: InterfaceIndex?) -> Bool? {
        switch family {
        case .inet:
            if let device, let value = entry(.inet, .interface(device))?.forwarding { return value }
            return entry(.inet, .all)?.forwarding
        case .inet6:
            return entry(.inet6, .all)?.forwarding
        }
    }

    /// The reverse-path filter the kernel applies on `device` (IPv4 only): max(all, device).
    public func reversePathFilter(on device: InterfaceIndex) -> ReversePathFilter? {
        let all = entry(.inet, .all)?.reversePathFilter
        let own = entry(.inet, .interface(device))?.reversePathFilter
        switch (all, own) {
        case (nil, nil): return nil
        case (let value?, nil), (nil, let value?): return value
        case (let a?, let b?): return max(a, b)
        }
    }

    /// `proxy_arp` on the device (Calico turns it on for every cali* so pods can ARP 169.254.1.1).
    public func proxyARP(on device: InterfaceIndex) -> Bool? {
        entry(.inet, .interface(device))?.proxyNeighbour
    }
}
