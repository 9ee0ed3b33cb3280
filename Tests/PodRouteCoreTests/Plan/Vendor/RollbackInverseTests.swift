import PodRouteCore
import Testing

/// The rollback is the exact inverse of the apply, checked by playing the scripts' command lines
/// against a model of each router's static-route table: the apply must take the routes that exist
/// before the plan to the routes it plans, adding only what is absent and removing only what is
/// present, and the rollback must take them back exactly. (The Linux format is checked against
/// the kernel itself in LinuxScriptKernelTests.)
@Suite("Vendor rollback is the inverse of apply")
struct RollbackInverseTests {
    /// Reads one command line as "adds this static route" or "removes this one" (or "removes every
    /// next hop of this destination"); everything else (comments, mode changes, commits) is ignored.
    struct CommandModel: Sendable {
        let added: @Sendable (String) -> String?
        let removed: @Sendable (String) -> String?
        var removedAll: @Sendable (String) -> String? = { _ in nil }
        /// `route change`: the destination's route swapped for another in one command.
        var changed: @Sendable (String) -> (destination: String, route: String)? = { _ in nil }
    }

    static let models: [GatewayFormat: CommandModel] = [
        .ciscoIOS: CommandModel(added: { $0.hasPrefix("ip") ? $0 : nil }, removed: { $0.hasPrefix("no ") ? String($0.dropFirst(3)) : nil }),
        .huaweiVRP: vrp, .h3cComware: vrp,
        .junos: setDelete, .vyos: setDelete,
        .mikrotikV7: CommandModel(
            added: { $0.contains(" add dst-address=") ? words($0, ["dst-address=", "gateway="]) : nil },
            removed: { $0.contains(" remove [find ") ? words($0, ["dst-address=", "gateway="]) : nil }),
        .windows: CommandModel(
            added: { $0.hasPrefix("route add ") ? routeExe($0) : $0.hasPrefix("netsh interface ipv6 add route") ? netsh($0) : nil },
            removed: { $0.hasPrefix("route delete ") ? routeExe($0) : $0.hasPrefix("netsh interface ipv6 delete route") ? netsh($0) : nil }),
        .pfsense: bsd, .opnsense: bsd, .macos: bsd,
    ]

    static let vrp = CommandModel(added: { $0.hasPrefix("ip") ? $0 : nil }, removed: { $0.hasPrefix("undo ") ? String($0.dropFirst(5)) : nil })
    static let setDelete = CommandModel(
        added: { $0.hasPrefix("set ") && $0.contains(" route") ? String($0.dropFirst(4)) : nil },
        removed: { $0.hasPrefix("delete ") && ($0.contains(" next-hop ") || $0.contains(" interface ")) ? String($0.dropFirst(7)) : nil },
        removedAll: { $0.hasPrefix("delete ") && !$0.contains(" next-hop ") && !$0.contains(" interface ") ? String($0.dropFirst(7)) : nil })
    static let bsd = CommandModel(
        added: { line in line.hasPrefix("route ") && line.contains(" add ") ? line.replacing(" add ", with: " ") : nil },
        removed: { line in line.hasPrefix("route ") && line.contains(" delete ") ? line.replacing(" delete ", with: " ") : nil },
        changed: { line in
            guard line.hasPrefix("route "), line.contains(" change ") else { return nil }
            let route = line.replacing(" change ", with: " ")
            return (String(route.split(separator: " ").dropLast().joined(separator: " ")), route)
        })

    /// The values of the given `key=` words, in order.
    static func words(_ line: String, _ keys: [String]) -> String {
        let all = line.split(whereSeparator: { $0 == " " || $0 == "]" || $0 == "[" })
        return keys.map { key in all.first { $0.hasPrefix(key) }.map(String.init) ?? "" }.joined(separator: " ")
    }

    /// `route add|delete DEST mask MASK GATEWAY ...`: the route is DEST, MASK and GATEWAY.
    static func routeExe(_ line: String) -> String { line.split(separator: " ")[2...5].joined(separator: " ") }

    static func netsh(_ line: String) -> String { words(line, ["prefix=", "interface=", "nexthop="]) }

    /// Plays a script against a table; fails on adding what exists or removing what does not.
    static func play(_ script: String, on table: [String], _ model: CommandModel) -> [String] {
        var table = table
        for rawLine in script.split(separator: "\n") {
            let line = rawLine.trimmingPrefix(while: { $0 == " " }).description
            if let route = model.added(line) {
                #expect(!table.contains(route), "adds \(route), which is already there")
                table.append(route)
            } else if let route = model.removed(line) {
                #expect(table.contains(route), "removes \(route), which is not there")
                table.removeAll { $0 == route }
            } else if let (destination, route) = model.changed(line) {
                #expect(table.filter { $0.hasPrefix(destination + " ") }.count == 1, "changes \(destination), which is not there once")
                table.removeAll { $0.hasPrefix(destination + " ") }
                table.append(route)
            } else if let destination = model.removedAll(line) {
                #expect(table.contains { $0.hasPrefix(destination + " ") }, "removes \(destination), which is not there")
                table.removeAll { $0.hasPrefix(destination + " ") }
            }
        }
        return table.sorted()
    }

    @Test(arguments: RollbackInverseTests.models.keys.sorted { $0.rawValue < $1.rawValue })
    func applyReachesThePlanAndRollbackRestoresTheStart(format: GatewayFormat) throws {
        let model = try #require(Self.models[format])
        for scenario in VendorScenarios.all {
            guard let script = try? VendorScenarios.script(format, scenario.operations) else { continue }
            let start = Self.play(try VendorScenarios.script(format, scenario.before.map { RouteOperation(.add, $0) }).apply, on: [], model)
            let planned = Self.play(try VendorScenarios.script(format, scenario.after.map { RouteOperation(.add, $0) }).apply, on: [], model)
            let applied = Self.play(script.apply, on: start, model)
            #expect(applied == planned, "\(format.rawValue), \(scenario.name): the apply does not reach the plan")
            #expect(!applied.isEmpty || !planned.isEmpty || scenario.after.isEmpty)
            let rolledBack = Self.play(script.rollback, on: applied, model)
            #expect(rolledBack == start, "\(format.rawValue), \(scenario.name): the rollback does not restore the start")
        }
    }

    /// Rolling back the rollback gives the apply's commands again, for every format.
    @Test(arguments: GatewayFormat.allCases)
    func theInverseOfTheRollbackIsTheApply(format: GatewayFormat) throws {
        for scenario in VendorScenarios.all {
            guard let script = try? VendorScenarios.script(format, scenario.operations) else { continue }
            let undo = scenario.operations.reversed().map(\.inverse)
            let redo = try VendorScenarios.script(format, undo)
            #expect(Self.commands(redo.apply) == Self.commands(script.rollback), "\(format.rawValue), \(scenario.name)")
            #expect(Self.commands(redo.rollback) == Self.commands(script.apply), "\(format.rawValue), \(scenario.name)")
        }
    }

    /// The lines that are not comments.
    static func commands(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { line in
            let trimmed = line.trimmingPrefix(while: { $0 == " " })
            return !trimmed.hasPrefix("#") && !trimmed.hasPrefix("!") && !trimmed.hasPrefix("REM")
        }
    }
}
