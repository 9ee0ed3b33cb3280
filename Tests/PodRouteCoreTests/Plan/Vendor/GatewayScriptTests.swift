import PodRouteCore
import Testing

@Suite("Gateway formats and scripts")
struct GatewayScriptTests {
    @Test(arguments: GatewayFormat.allCases)
    func everyFormatParsesFromItsName(format: GatewayFormat) throws {
        #expect(try GatewayFormat(argument: format.rawValue) == format)
        #expect(GatewayFormat.helpList.contains(format.rawValue + " "))
    }

    @Test func mikrotikAloneMeansRouterOS7() throws {
        #expect(try GatewayFormat(argument: "mikrotik") == .mikrotikV7)
    }

    @Test func anUnknownFormatListsTheFormats() {
        #expect(throws: GatewayFormatError.self) { try GatewayFormat(argument: "cisco") }
        let message = GatewayFormatError(argument: "cisco\u{1b}[2J").description
        #expect(message.hasPrefix("unknown format 'cisco\\x1b[2J'; the formats are: linux, linux-netplan,"))
        #expect(message.hasSuffix("fortigate, vyos"))
    }

    static let hostileNames = ["eth0; reboot", "$(reboot)", "eth0\nreboot", "-eth0", "eth0'", "eth0\"", "`id`", "eth0 && id", "", "eth0|id",
                               "e\u{202e}th0", "eth0\\", "a#b"]

    @Test(arguments: GatewayFormat.allCases)
    func hostileInterfaceNamesAreRefusedWithOneSentence(format: GatewayFormat) {
        for name in Self.hostileNames {
            do {
                _ = try GatewayScript(format: format, operations: [RouteOperation(.add, VendorScenarios.pods)],
                                      deviceNames: [VendorScenarios.lan: name])
                Issue.record("\(format.rawValue) accepted the interface name \(name.debugDescription)")
            } catch {
                guard case .unsafeName(let refused, let refusedFormat, _) = error else {
                    Issue.record("\(format.rawValue): \(error)")
                    continue
                }
                #expect(refused == name && refusedFormat == format)
                #expect(!error.description.contains("\n") && !error.description.contains("\u{1b}"))
            }
        }
    }

    @Test(arguments: GatewayFormat.allCases)
    func aHostileFallbackInterfaceIsRefusedToo(format: GatewayFormat) {
        #expect(throws: GatewayScriptError.self) {
            try GatewayScript(format: format, operations: [], deviceNames: [:], options: GatewayScriptOptions(interface: "x;reboot"))
        }
    }

    @Test func theCombinedTextHoldsApplyThenRollback() throws {
        let script = try VendorScenarios.script(.ciscoIOS, [RouteOperation(.add, VendorScenarios.pods)])
        let parts = script.combined.split(separator: "\n! ---- rollback (keep it at hand; run it to undo the change) ----\n",
                                          omittingEmptySubsequences: false)
        #expect(parts.count == 2 && parts[0] == script.apply && parts[1] == script.rollback)
    }

    @Test func anUnnamedInterfaceIsAnError() {
        #expect(throws: GatewayScriptError.unknownDevice(VendorScenarios.lan)) {
            try GatewayScript(format: .linux, operations: [RouteOperation(.add, VendorScenarios.pods)], deviceNames: [:])
        }
    }

    @Test func platformsThatFileRoutesUnderAnInterfaceAskForOne() throws {
        let route = VendorScenarios.route("10.244.0.0/16", via: ["10.20.1.22"], device: nil)
        for format in [GatewayFormat.linuxNetplan, .linuxNetworkd, .linuxNmcli, .linuxIfupdown, .openwrt, .fortigate] {
            #expect(throws: GatewayScriptError.needsInterface(route.destination, format: format)) {
                try GatewayScript(format: format, operations: [RouteOperation(.add, route)], deviceNames: [:])
            }
            let script = try GatewayScript(format: format, operations: [RouteOperation(.add, route)], deviceNames: [:],
                                           options: GatewayScriptOptions(interface: format == .fortigate ? "port2" : "lan0"))
            #expect(script.apply.contains(format == .fortigate ? "port2" : "lan0"))
        }
        // Platforms that pick the interface from the gateway need none.
        let cisco = try GatewayScript(format: .ciscoIOS, operations: [RouteOperation(.add, route)], deviceNames: [:])
        #expect(cisco.apply.contains(" ip route 10.244.0.0 255.255.0.0 10.20.1.22\n"))
    }

    @Test func weightedECMPIsRefusedWhereStaticRoutesCannotWeigh() throws {
        var route = VendorScenarios.podsECMP
        route.nexthops[1].weight = 3
        let operations = [RouteOperation(.add, route)]
        for format in [GatewayFormat.ciscoIOS, .junos, .huaweiVRP, .h3cComware, .mikrotikV7, .fortigate, .vyos, .windows] {
            #expect(throws: GatewayScriptError.self) { try VendorScenarios.script(format, operations) }
        }
        let linux = try VendorScenarios.script(.linux, operations)
        #expect(linux.apply.contains("nexthop via 10.20.1.22 dev eth0 weight 1 nexthop via 10.20.1.24 dev eth0 weight 3"))
        let networkd = try VendorScenarios.script(.linuxNetworkd, operations)
        #expect(networkd.apply.contains("MultiPathRoute=10.20.1.24@eth0 3"))
    }

    @Test func otherTablesStayOnLinux() throws {
        var route = VendorScenarios.pods
        route.table = RouteTableID(200)
        route.metric = 50
        let linux = try VendorScenarios.script(.linux, [RouteOperation(.add, route)])
        #expect(linux.apply.contains("ip route add 10.244.0.0/16 via 10.20.1.22 dev eth0 table 200 metric 50\n"))
        #expect(linux.rollback.contains("ip route del 10.244.0.0/16 via 10.20.1.22 dev eth0 table 200 metric 50\n"))
        #expect(throws: GatewayScriptError.self) { try VendorScenarios.script(.ciscoIOS, [RouteOperation(.add, route)]) }
    }

    @Test func theConfirmWindowIsBounded() {
        for minutes in [0, -1, 61] {
            #expect(throws: GatewayScriptError.confirmMinutes(minutes)) {
                try GatewayScript(format: .junos, operations: [], deviceNames: [:], options: GatewayScriptOptions(confirmMinutes: minutes))
            }
        }
    }

    /// A chain's plan arrives nearest the cluster first: the apply keeps that order, the rollback reverses it.
    @Test(arguments: GatewayFormat.allCases)
    func applyKeepsThePlanOrderAndRollbackReversesIt(format: GatewayFormat) throws {
        let operations = VendorScenarios.blocks.map { RouteOperation(.add, $0) }
        let script = try VendorScenarios.script(format, operations)
        let blocks = ["10.244.17.0", "10.244.42.64", "10.244.99.128"]
        #expect(Self.order(of: blocks, in: script.apply) == blocks)
        #expect(Self.order(of: blocks, in: script.rollback) == blocks.reversed())
    }

    /// The blocks in the order their numbered step comments appear.
    static func order(of blocks: [String], in text: String) -> [String] {
        let steps = text.split(separator: "\n").filter { $0.contains(". add ") || $0.contains(". delete ") }
        return steps.compactMap { line in blocks.first { line.contains($0 + "/") } }
    }
}
