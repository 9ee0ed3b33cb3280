/// The platforms `podroute plan --format` writes gateway routes for: Linux (runtime and the
/// persistent network stacks), routers and firewalls, desktops.
public enum GatewayFormat: String, CaseIterable, Hashable, Sendable {
    case linux
    case linuxNetplan = "linux-netplan"
    case linuxNetworkd = "linux-networkd"
    case linuxNmcli = "linux-nmcli"
    case linuxIfupdown = "linux-ifupdown"
    case ciscoIOS = "cisco-ios"
    case junos
    case huaweiVRP = "huawei-vrp"
    case h3cComware = "h3c-comware"
    case mikrotikV6 = "mikrotik-v6"
    case mikrotikV7 = "mikrotik-v7"
    case openwrt
    case pfsense
    case opnsense
    case windows
    case macos
    case fortigate
    case vyos

    /// Parses a `--format` value; `mikrotik` alone means RouterOS 7, the current major version.
    public init(argument: String) throws(GatewayFormatError) {
        if argument == "mikrotik" {
            self = .mikrotikV7
        } else if let format = GatewayFormat(rawValue: argument) {
            self = format
        } else {
            throw GatewayFormatError(argument: argument)
        }
    }

    /// What the format produces, for `--help` and the TUI's format picker.
    public var summary: String {
        switch self {
        case .linux: "ip route commands (runtime)"
        case .linuxNetplan: "netplan YAML routes, applied with netplan try"
        case .linuxNetworkd: "systemd-networkd [Route] sections"
        case .linuxNmcli: "NetworkManager nmcli connection routes"
        case .linuxIfupdown: "ifupdown up/down lines for /etc/network/interfaces"
        case .ciscoIOS: "Cisco IOS / IOS-XE ip route, with the revert timer"
        case .junos: "Juniper Junos static routes, commit confirmed"
        case .huaweiVRP: "Huawei VRP ip route-static, commit trial where two-stage"
        case .h3cComware: "H3C Comware / HPE FlexNetwork ip route-static, commit delay"
        case .mikrotikV6: "MikroTik RouterOS 6 /ip route (ECMP as a gateway list)"
        case .mikrotikV7: "MikroTik RouterOS 7 /ip route (ECMP as equal routes; also 'mikrotik')"
        case .openwrt: "OpenWrt UCI route sections"
        case .pfsense: "pfSense shell route commands and the GUI steps"
        case .opnsense: "OPNsense shell route commands and the GUI steps"
        case .windows: "Windows route.exe (IPv6: netsh)"
        case .macos: "macOS route commands"
        case .fortigate: "FortiGate config router static, with the config revert timer"
        case .vyos: "VyOS static routes, commit-confirm"
        }
    }

    /// One line per format (`name  summary`), for `--help`.
    public static var helpList: String {
        let width = allCases.map(\.rawValue.count).max() ?? 0
        return allCases.map { format in
            format.rawValue + String(repeating: " ", count: width + 2 - format.rawValue.count) + format.summary
        }.joined(separator: "\n")
    }

    /// The comment marker of the format's own script or file syntax.
    var commentPrefix: String {
        switch self {
        case .ciscoIOS: "!"
        case .windows: "REM"
        default: "#"
        }
    }
}

/// An unknown `--format` value, answered with the list of formats.
public struct GatewayFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let argument: String

    public init(argument: String) { self.argument = argument }

    public var description: String {
        "unknown format '\(Sanitizer.printable(argument))'; the formats are: "
            + GatewayFormat.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
