/// The commands that put a plan's routes on a gateway of any supported platform, and the
/// commands that take them away again. Pure text: nothing is run here.
///
/// Operations arrive in apply order (for a chain of routers, nearest the cluster first); the
/// apply script keeps that order and the rollback script applies the inverses in reverse.
public struct GatewayScript: Hashable, Sendable {
    public let format: GatewayFormat
    /// The script that makes the change, inside the platform's confirm/rollback safety net.
    public let apply: String
    /// The script that undoes it: every operation's inverse, last operation first.
    public let rollback: String

    /// - Parameters:
    ///   - deviceNames: the interface name for each interface index the routes use; for a
    ///     router, the name the operator gave for its interface toward the next hop.
    public init(format: GatewayFormat, operations: [RouteOperation], deviceNames: [InterfaceIndex: String],
                options: GatewayScriptOptions = GatewayScriptOptions()) throws(GatewayScriptError) {
        try self.init(format: format, operations: operations, options: options) { deviceNames[$0] }
    }

    public init(format: GatewayFormat, operations: [RouteOperation], options: GatewayScriptOptions = GatewayScriptOptions(),
                deviceName: @escaping (InterfaceIndex) -> String?) throws(GatewayScriptError) {
        let context = try VendorContext(format: format, options: options, deviceName: deviceName)
        var forward: [VendorStep] = []
        for operation in operations { forward.append(try context.step(operation)) }
        var backward: [VendorStep] = []
        for operation in operations.reversed() { backward.append(try context.step(operation.inverse)) }
        let renderer = format.renderer
        self.format = format
        apply = try renderer.render(forward, purpose: .apply, context: context).text
        rollback = try renderer.render(backward, purpose: .rollback, context: context).text
    }

    /// Both scripts in one text for stdout or a file: the apply, then the rollback under a
    /// marker line in the platform's comment syntax.
    public var combined: String {
        let marker = format.commentPrefix + " ---- rollback (keep it at hand; run it to undo the change) ----"
        return apply + "\n" + marker + "\n" + rollback
    }
}

/// What the operator may tune in a gateway script.
public struct GatewayScriptOptions: Hashable, Sendable {
    /// The platform's confirm window in minutes (Junos `commit confirmed`, the IOS revert timer,
    /// VyOS `commit-confirm`, ...): unless the change is confirmed in time, the platform reverts it.
    public var confirmMinutes: Int
    /// The interface for routes whose next hop names none, on platforms that file routes under an
    /// interface or need one (netplan, networkd, nmcli, ifupdown, OpenWrt, FortiGate).
    public var interface: String?

    public init(confirmMinutes: Int = 5, interface: String? = nil) {
        self.confirmMinutes = confirmMinutes
        self.interface = interface
    }
}

/// Whether a script makes the change or undoes it.
enum ScriptPurpose {
    case apply, rollback

    var word: String { self == .apply ? "apply" : "rollback" }
}

/// A platform's script writer.
protocol VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText
}

extension GatewayFormat {
    var renderer: any VendorRenderer {
        switch self {
        case .linux: IPRouteRenderer()
        case .linuxNetplan: NetplanRenderer()
        case .linuxNetworkd: NetworkdRenderer()
        case .linuxNmcli: NmcliRenderer()
        case .linuxIfupdown: IfupdownRenderer()
        case .ciscoIOS: CiscoIOSRenderer()
        case .junos: JunosRenderer()
        case .huaweiVRP: VRPRenderer(dialect: .huawei)
        case .h3cComware: VRPRenderer(dialect: .h3c)
        case .mikrotikV6: MikroTikRenderer(version: 6)
        case .mikrotikV7: MikroTikRenderer(version: 7)
        case .openwrt: OpenWrtRenderer()
        case .pfsense, .opnsense, .macos: BSDRouteRenderer()
        case .windows: WindowsRenderer()
        case .fortigate: FortiGateRenderer()
        case .vyos: VyOSRenderer()
        }
    }
}
