/// Which interface names may reach a script, per platform. Names come from the operator or the
/// kernel (where `$(reboot)` is a legal interface name), so only a conservative character set
/// passes, and nothing starts with `-` (an option to the command it lands in).
enum InterfaceNameRule {
    /// Linux interface names as the shell and the persistent stacks see them (IFNAMSIZ: 15 bytes).
    case linux
    /// OpenWrt logical network names (`lan`, `wan6`).
    case uciSection
    /// Router interface names (`GigabitEthernet0/0/1`, `ge-0/0/1.0`, `st0.0`, `ether2`).
    case router
    /// A Windows interface index as `route print` shows it.
    case windowsIndex

    static func rule(for format: GatewayFormat) -> Self {
        switch format {
        case .linux, .linuxNetplan, .linuxNetworkd, .linuxNmcli, .linuxIfupdown, .pfsense, .opnsense, .macos: .linux
        case .openwrt: .uciSection
        case .windows: .windowsIndex
        case .ciscoIOS, .junos, .huaweiVRP, .h3cComware, .mikrotikV6, .mikrotikV7, .fortigate, .vyos: .router
        }
    }

    var explanation: String {
        switch self {
        case .linux: "use up to 15 letters, digits, '.', '_' or '-', not starting with '-' or '.'"
        case .uciSection: "use the logical network name: letters, digits and '_' only"
        case .router: "use up to 64 letters, digits, '.', '_', '-', '/' or ':', starting with a letter or digit"
        case .windowsIndex: "use the interface index number that 'route print' shows"
        }
    }

    func validate(_ name: String, format: GatewayFormat) throws(GatewayScriptError) -> String {
        guard accepts(name) else { throw .unsafeName(name, format: format, rule: explanation) }
        return name
    }

    func accepts(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first else { return false }
        let alphanumeric: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        switch self {
        case .linux:
            return scalars.count <= 15 && first != "-" && first != "."
                && scalars.allSatisfy { alphanumeric($0) || "._-".unicodeScalars.contains($0) }
        case .uciSection:
            return scalars.count <= 64 && scalars.allSatisfy { alphanumeric($0) || $0 == "_" }
        case .router:
            return scalars.count <= 64 && alphanumeric(first)
                && scalars.allSatisfy { alphanumeric($0) || "._-/:".unicodeScalars.contains($0) }
        case .windowsIndex:
            return scalars.count <= 10 && scalars.allSatisfy { ("0"..."9").contains($0) } && UInt32(name) != nil
        }
    }
}
