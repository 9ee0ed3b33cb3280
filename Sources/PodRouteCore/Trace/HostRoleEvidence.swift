/// Why a host is a node, a gateway or a workstation: the facts `HostRole.detect` weighs, kept so
/// the guided setup can say them ("gw is a gateway: IPv4 forwarding on; ...").
public struct HostRoleEvidence: Sendable, Hashable {
    public let role: HostRole
    /// IPv4 forwarding (nil: the snapshot does not say).
    public let forwardsIPv4: Bool?
    /// `eth0 192.168.50.1/24`: global IPv4 addresses outside loopback, one per interface.
    public let lanInterfaces: [String]
    /// `tunl0 (calico-ipip)`: the devices that make the host a Kubernetes node.
    public let cniDevices: [String]

    static let cniRoles: Set<LinkRole> = [.calicoWorkload, .calicoIPIP, .calicoVXLAN, .calicoWireguard, .flannelVXLAN,
                                          .cniBridge, .ciliumHost, .kubeIPVS]

    public init(_ classifier: CNIClassifier) {
        let snapshot = classifier.snapshot
        cniDevices = snapshot.links.filter { classifier.role(of: $0.index).map(Self.cniRoles.contains) ?? false }
            .map { "\(Sanitizer.printable($0.name)) (\(classifier.role(of: $0.index)!.rawValue))" }
        forwardsIPv4 = ForwardingView(snapshot).forwards(.inet, arrivingOn: nil)
        var seen: Set<InterfaceIndex> = []
        let global = snapshot.addresses.filter { address in
            address.family == .inet && address.scope == .universe
                && snapshot.link(address.interface).map { !$0.flags.contains(.loopback) } ?? false
                && seen.insert(address.interface).inserted
        }
        // Shown without the CNI's own devices (a VTEP's /32 is no LAN); counted with them, as ever.
        lanInterfaces = global.filter { !(classifier.role(of: $0.interface).map(Self.cniRoles.contains) ?? false) }.map { address in
            let name = snapshot.link(address.interface).map { Sanitizer.printable($0.name) } ?? "if\(address.interface)"
            return "\(name) \(address.local)/\(address.prefixLength)"
        }
        // A router whose forwarding is off is still a router (and exactly what doctor must flag):
        // addresses on two or more LANs make a host a gateway.
        role = !cniDevices.isEmpty ? .node : forwardsIPv4 == true || global.count >= 2 ? .gateway : .workstation
    }

    /// `a gateway: IPv4 forwarding on; LAN interfaces eth0 192.168.50.1/24, eth1 10.20.1.1/24; no CNI devices`.
    public var summary: String {
        let article = role == .workstation ? "a workstation" : "a \(role.rawValue)"
        let forwarding = switch forwardsIPv4 {
        case true?: "IPv4 forwarding on"
        case false?: "IPv4 forwarding off"
        case nil: "IPv4 forwarding unknown"
        }
        let lans = lanInterfaces.isEmpty ? "no LAN addresses" : "LAN interfaces " + lanInterfaces.joined(separator: ", ")
        let cni = cniDevices.isEmpty ? "no CNI devices"
            : "CNI devices " + cniDevices.prefix(3).joined(separator: ", ") + (cniDevices.count > 3 ? " and \(cniDevices.count - 3) more" : "")
        return "\(article): \(forwarding); \(lans); \(cni)"
    }
}
