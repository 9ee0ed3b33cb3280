import PodRouteCore
import PodRouteTesting
import Testing

/// The `linux` script run by /bin/sh in a network namespace, the kernel as the judge: the apply
/// leaves exactly the routes the plan asks for, and the rollback restores exactly the routes
/// that were there before. The runtime part of the `linux-ifupdown` script is checked the same way.
@Suite("Linux gateway scripts against the kernel", .needsNetns, .serialized)
struct LinuxScriptKernelTests {
    /// A gateway namespace: eth0 on the nodes' LAN (10.20.1.0/24, fd00:20:1::/64), wg0 a tunnel stand-in.
    static func gateway(_ label: String) throws -> TestNamespace {
        let ns = try TestNamespace(label)
        try ns.ip("link add eth0 type veth peer name eth0p")
        try ns.ip("link add wg0 type veth peer name wg0p")
        try ns.ip("addr add 10.20.1.1/24 dev eth0")
        try ns.ip("-6 addr add fd00:20:1::1/64 dev eth0 nodad")
        for link in ["lo", "eth0", "eth0p", "wg0", "wg0p"] { try ns.ip("link set \(link) up") }
        return ns
    }

    static func routes(_ ns: TestNamespace) throws -> String {
        try ns.ip("-j route show table main") + "\n" + ns.ip("-j -6 route show table main")
    }

    /// The shell commands of a script (the ifupdown script's runtime part only).
    static func runnable(_ script: String, format: GatewayFormat) -> String {
        guard format == .linuxIfupdown else { return script }
        return script.split(separator: "\n").filter { $0.hasPrefix("ip ") }.joined(separator: "\n")
    }

    @Test(arguments: [GatewayFormat.linux, .linuxIfupdown])
    func applyReachesThePlanAndRollbackRestoresTheStart(format: GatewayFormat) throws {
        for scenario in VendorScenarios.all {
            let script = try VendorScenarios.script(format, scenario.operations)
            let live = try Self.gateway("vendor-live")
            let before = try VendorScenarios.script(.linux, scenario.before.map { RouteOperation(.add, $0) })
            try live.run("sh", "-c", before.apply)
            let start = try Self.routes(live)
            try live.run("sh", "-c", Self.runnable(script.apply, format: format))
            let applied = try Self.routes(live)

            let wanted = try Self.gateway("vendor-want")
            try wanted.run("sh", "-c", VendorScenarios.script(.linux, scenario.after.map { RouteOperation(.add, $0) }).apply)
            #expect(applied == (try Self.routes(wanted)), "\(format.rawValue), \(scenario.name): the apply does not reach the plan")
            #expect(applied != start, "\(scenario.name): the apply changed nothing")

            try live.run("sh", "-c", Self.runnable(script.rollback, format: format))
            #expect((try Self.routes(live)) == start, "\(format.rawValue), \(scenario.name): the rollback does not restore the start")
            try live.remove()
            try wanted.remove()
        }
    }

    /// A failing line stops the script: nothing after it runs.
    @Test func theScriptStopsAtTheFirstError() throws {
        let ns = try Self.gateway("vendor-stop")
        let script = try VendorScenarios.script(.linux, VendorScenarios.blocks.map { RouteOperation(.add, $0) })
        try ns.ip("route add 10.244.42.64/26 via 10.20.1.23")
        #expect(throws: NetnsCommand.Failure.self) { try ns.run("sh", "-c", script.apply) }
        let routes = try ns.ip("route show")
        #expect(routes.contains("10.244.17.0/26 via 10.20.1.22"))
        #expect(!routes.contains("10.244.99.128/26"))
        try ns.remove()
    }
}
