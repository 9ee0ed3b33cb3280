import FoundationEssentials
import PodRouteCore
import Testing

@Suite("Plan files")
struct RoutePlanJSONTests {
    static let eth0 = InterfaceIndex(2), eth1 = InterfaceIndex(3)

    static func prefix(_ text: String) -> IPPrefix { try! IPPrefix.parse(text) }

    /// A gateway with two uplinks, a default route and a table named by the host.
    static func gateway() -> NetworkSnapshot {
        var names = IPNames.iproute2Defaults
        names.tables[200] = "pods"
        let up: LinkFlags = [.broadcast, .multicast, .up, .lowerUp, .running]
        let links = [
            Link(index: InterfaceIndex(1), name: "lo", flags: [.loopback, .up, .lowerUp, .running], mtu: 65536,
                 operState: .unknown, linkType: .loopback),
            Link(index: eth0, name: "eth0", flags: up, operState: .up, address: LinkLayerAddress(bytes: [2, 0, 0, 0, 0, 1])),
            Link(index: eth1, name: "eth1", flags: up, mtu: 9000, operState: .up),
        ]
        let addresses = [
            InterfaceAddress(interface: eth0, local: IPAddress("10.20.1.1")!, prefixLength: 24, label: "eth0"),
            InterfaceAddress(interface: eth1, local: IPAddress("192.168.10.1")!, prefixLength: 24, label: "eth1"),
        ]
        let routes = [
            Route(family: .inet, destination: .default(.inet), proto: .static, gateway: IPAddress("192.168.10.254"),
                  device: eth1),
            Route(family: .inet, destination: prefix("10.20.1.0/24"), proto: .kernel, scope: .link,
                  device: eth0, preferredSource: IPAddress("10.20.1.1")),
            Route(family: .inet, destination: prefix("10.21.0.0/16"), table: RouteTableID(200), proto: .static,
                  gateway: IPAddress("10.20.1.99"), device: eth0),
        ]
        return NetworkSnapshot(host: "gw", source: .namespace("gw"), links: links, addresses: addresses,
                               routes: RouteStore(routes), names: names)
    }

    static func plan() -> RoutePlan {
        let snapshot = gateway()
        let pods = Route(family: .inet, destination: prefix("10.21.0.0/16"), proto: .static,
                         gateway: IPAddress("10.20.1.22"), device: eth0)
        let ecmp = Route(family: .inet, destination: prefix("10.96.0.0/12"), proto: .static,
                         nexthops: [Nexthop(gateway: IPAddress("10.20.1.22"), device: eth0),
                                    Nexthop(gateway: IPAddress("10.20.1.24"), device: eth0, weight: 2)])
        let replaced = Route(family: .inet, destination: prefix("10.21.0.0/16"), table: RouteTableID(200),
                             proto: .static, gateway: IPAddress("10.20.1.22"), device: eth0)
        let old = snapshot.routes[2]
        let deviceOnly = Route(family: .inet, destination: prefix("10.22.0.0/16"), proto: .static, scope: .link,
                               device: eth1)
        let operations = [
            RouteOperation(.add, pods), RouteOperation(.add, ecmp), RouteOperation(.replace, replaced, previous: old),
            RouteOperation(.add, deviceOnly), RouteOperation(.delete, old, previous: old),
        ]
        let destinations = operations.map(\.route.destination)
        return RoutePlan(target: PlanTarget(name: "gw", source: .namespace("gw")), operations: operations,
                         preState: PlanPreState(of: snapshot, destinations: destinations,
                                                tables: [.main, RouteTableID(200)]),
                         warnings: ["10.20.1.22 is the only next hop: a single point of failure"],
                         createdAt: ISO8601Timestamp.parse("2026-11-27T08:30:00Z")!, toolVersion: "podroute 0.1.0")
    }

    @Test func roundTripsEqual() throws {
        let plan = Self.plan()
        let text = RoutePlanJSON.text(plan)
        let decoded = try RoutePlanJSON.decode(text)
        #expect(decoded == plan)
        #expect(RoutePlanJSON.text(decoded) == text)
    }

    @Test func everyTargetSourceRoundTrips() throws {
        for source: SnapshotSource in [.live, .demo, .namespace("gw-1"), .capture(path: "ssh://admin@gw")] {
            var plan = Self.plan()
            plan.target = PlanTarget(name: "gw", source: source)
            #expect(try RoutePlanJSON.decode(RoutePlanJSON.text(plan)).target == plan.target)
        }
    }

    @Test func routesAreIproute2ObjectsWithDeviceNames() throws {
        let text = RoutePlanJSON.text(Self.plan())
        let value = try JSONValue.parse(text, strict: true)
        #expect(value["version"]?.uintValue == 1)
        let route = value["operations"]?.arrayValue?.first?["route"]
        #expect(route?["dst"] == .string("10.21.0.0/16"))
        #expect(route?["gateway"] == .string("10.20.1.22"))
        #expect(route?["dev"] == .string("eth0"))
        #expect(route?["family"] == .string("inet"))
        // The named table is written by name and read back through the pre-state's names.
        #expect(value["operations"]?.arrayValue?[2]["route"]?["table"] == .string("pods"))
        // Each route sits on its own line, so a reviewer can edit it.
        #expect(text.split(separator: "\n").contains { $0.contains("\"route\": {") || $0.contains("\"route\":{") })
    }

    @Test func preStateHoldsOverlappingRoutesAndTheDefault() {
        let state = Self.plan().preState
        #expect(state.routes.map(\.destination.description).sorted() == ["0.0.0.0/0", "10.21.0.0/16"])
        #expect(state.links.map(\.name) == ["lo", "eth0", "eth1"])
        #expect(state.addresses.count == 2)
    }

    /// Edits a valid plan's JSON and returns the problems decoding reports.
    func problems(_ edit: (inout JSONObject) -> Void) -> [String] {
        guard case .object(var object)? = try? JSONValue.parse(RoutePlanJSON.text(Self.plan()), strict: true) else {
            Issue.record("the plan does not parse")
            return []
        }
        edit(&object)
        do {
            _ = try RoutePlanJSON.decode(JSONLayout.text(.object(object)))
            return []
        } catch {
            return error.problems
        }
    }

    static func setOperation(_ object: inout JSONObject, _ position: Int, _ edit: (inout JSONObject) -> Void) {
        guard case .array(var operations)? = object["operations"], case .object(var operation) = operations[position] else { return }
        edit(&operation)
        operations[position] = .object(operation)
        object["operations"] = .array(operations)
    }

    static func setRoute(_ object: inout JSONObject, _ position: Int, key: String, _ value: JSONValue?) {
        setOperation(&object, position) { operation in
            guard case .object(var route)? = operation["route"] else { return }
            route[key] = value
            operation["route"] = .object(route)
        }
    }

    @Test func reportsEveryProblemWithItsPath() {
        let found = problems { object in
            object["version"] = .uint(2)
            object["operatons"] = .array([])
            Self.setRoute(&object, 0, key: "dst", .string("10.21.0.0/33"))
            Self.setRoute(&object, 1, key: "dev", .string("wg0"))
            Self.setOperation(&object, 3) { $0["action"] = .string("insert") }
        }
        #expect(found.count == 5, "\(found)")
        #expect(found.contains { $0.hasPrefix(".version:") && $0.contains("version 1 only") })
        #expect(found.contains { $0.hasPrefix(".operatons:") && $0.contains("not a plan member") })
        #expect(found.contains { $0.hasPrefix(".operations[0].route:") && $0.contains("'dst'") })
        #expect(found.contains { $0.hasPrefix(".operations[1].route:") && $0.contains("'wg0'") })
        #expect(found.contains { $0.hasPrefix(".operations[3].action:") && $0.contains("\"insert\"") })
    }

    @Test func refusesMissingPartsAndForeignDocuments() {
        #expect(problems { $0["pre_state"] = nil }.contains { $0.hasPrefix(".pre_state: is missing") })
        #expect(problems { $0["target"] = .string("gw") }.contains { $0.hasPrefix(".target:") })
        #expect(problems { $0["created_at"] = .string("yesterday") }.contains { $0.hasPrefix(".created_at:") })
        #expect(problems { $0["document"] = nil }.first?.contains("not a podroute plan") == true)
        #expect(problems { Self.setOperation(&$0, 0) { $0["route"] = nil } }
            .contains { $0 == ".operations[0].route: is missing; expected an 'ip -j route' object" })
        #expect(problems { Self.setOperation(&$0, 2) { op in op["previous"] = op["route"].map { _ in .object(JSONObject([("dst", .string("10.99.0.0/16"))])) } } }
            .contains { $0.hasPrefix(".operations[2].previous:") })
        #expect(throws: RoutePlanError.self) { try RoutePlanJSON.decode("{\"document\": ") }
    }

    @Test func bindsDevicesByNameToTheLiveHost() throws {
        let plan = Self.plan()
        let live = Self.gateway()
        // The same devices under new indexes, as after a reboot.
        let moved = live.replacing(links: live.links.map { link in
            var link = link
            link.index = InterfaceIndex(link.index.rawValue + 10)
            return link
        })
        let bound = try plan.operations(boundTo: moved)
        #expect(bound[0].route.device == InterfaceIndex(12))
        #expect(bound[1].route.nexthops.map(\.device) == [InterfaceIndex(12), InterfaceIndex(12)])
        let missing = live.replacing(links: live.links.filter { $0.name != "eth1" })
        #expect(throws: RoutePlanError([".operations[3].route.dev: device 'eth1' does not exist on gw"])) {
            try plan.operations(boundTo: missing)
        }
    }
}
