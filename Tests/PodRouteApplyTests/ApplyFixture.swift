import Foundation
import PodRouteApply
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

/// A VXLAN-mode SiteLab with a private journal directory, for changes made on its gateway.
/// `remove()` (also run by `deinit`) kills every guardian started for that journal directory
/// (found by their command lines, whatever state the test left them in), then removes the
/// namespaces and the directory.
final class ApplyFixture: @unchecked Sendable {
    static let podOnNode2 = "10.21.69.212"
    static let podCIDR = try! IPPrefix.parse(LabTopology.podCIDR)

    let lab: SiteLab
    let stateDirectory: String
    let control: ChangeControl
    private var removed = false

    init(label: String) throws {
        lab = try SiteLab(.vxlan, label: label)
        var template = Array((FileManager.default.temporaryDirectory.path + "/podroute-journal-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            try? lab.remove()
            throw FixtureError(description: "mkdtemp: \(String(cString: strerror(errno)))")
        }
        stateDirectory = String(cString: made) + "/state"
        control = ChangeControl(store: JournalStore(directory: stateDirectory), executable: PodRouteBinary.path)
    }

    deinit { remove() }

    func remove() {
        guard !removed else { return }
        removed = true
        killGuardians()
        try? lab.remove()
        try? FileManager.default.removeItem(atPath: (stateDirectory as NSString).deletingLastPathComponent)
    }

    var gw: String { lab.namespace(.gw) }

    /// Environment for `podroute` runs: this fixture's journal.
    var environment: [String: String] { ["PODROUTE_STATE_DIR": stateDirectory] }

    // MARK: Guardians

    /// Live (non-zombie) processes whose command line names this fixture's journal directory.
    func guardianPIDs() -> [pid_t] { GuardianProcesses.pids(naming: stateDirectory) }

    func killGuardians() {
        GuardianProcesses.kill(naming: stateDirectory)
        _ = waitUntil(timeout: .seconds(5)) { self.guardianPIDs().isEmpty }
    }

    // MARK: Routes and requests

    func index(of device: String) throws -> InterfaceIndex {
        try #require(RTNetlink.links(in: gw).first { $0.name == device }?.index)
    }

    /// `<prefix> via <gateway> dev eth1` on gw, as `ip route add` would send it (proto boot).
    func route(_ prefix: String, via gateway: String) throws -> Route {
        Route(family: .inet, destination: try IPPrefix.parse(prefix), gateway: IPAddress(gateway),
              device: try index(of: LabTopology.gatewayDataCentreInterface))
    }

    /// The pod CIDR via node1: the fix that makes the pods reachable from the office.
    func podRoute(via node: LabNode = .node1) throws -> Route {
        try route(LabTopology.podCIDR, via: node.address)
    }

    func request(_ operations: [RouteOperation], preState: [Route] = [], confirmWithin: Duration = .seconds(3)) -> ChangeRequest {
        ChangeRequest(operations: operations, preState: preState, namespace: gw, targetHost: "gw", confirmWithin: confirmWithin)
    }

    /// Writes a plan for gw (its live pre-state for the touched destinations) to `plan.json` in a
    /// directory anyone may read (the unprivileged test reads it as nobody) and returns the path.
    func writePlan(_ operations: [RouteOperation]) throws -> String {
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: gw, names: .iproute2Defaults, host: "gw")
        let preState = PlanPreState(of: snapshot, destinations: operations.map(\.route.destination), tables: [.main])
        let plan = RoutePlan(target: PlanTarget(name: "gw", source: .namespace(gw)), operations: operations,
                             preState: preState, createdAt: Date(), toolVersion: "podroute tests")
        let directory = (stateDirectory as NSString).deletingLastPathComponent
        chmod(directory, 0o755)
        let path = directory + "/plan.json"
        try RoutePlanJSON.text(plan).write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        return path
    }

    /// `podroute plan --netns gw --cidr CIDR --via NEXTHOP -o plan.json`, as an operator makes it.
    func planWithPodroute(cidr: String = LabTopology.podCIDR, via nextHop: String = LabNode.node1.address) throws -> String {
        let directory = (stateDirectory as NSString).deletingLastPathComponent
        chmod(directory, 0o755)
        let path = directory + "/planned.json"
        try podroute("plan", "--netns", gw, "--cidr", cidr, "--via", nextHop, "-o", path).succeeded()
        chmod(path, 0o644)
        return path
    }

    /// Runs the built podroute with this fixture's journal.
    func podroute(_ arguments: String...) throws -> ProgramRun {
        try PodRouteBinary.run(arguments, environment: environment)
    }

    /// The change id in apply's output (`Applied and verified: change ID`).
    static func changeID(in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("Applied and verified: change ") }
            .map { String($0.dropFirst("Applied and verified: change ".count)) }
    }

    /// `(ppid, session)` of a process, from /proc/PID/stat.
    static func parentAndSession(of pid: pid_t) -> (parent: pid_t, session: pid_t)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 4, let parent = pid_t(fields[1]), let session = pid_t(fields[3]) else { return nil }
        return (parent, session)
    }

    /// gw's main table as `ip route` prints it.
    func gatewayRoutes() throws -> String { try lab.ip(on: .gw, "route show table main") }

    var officeReachesPod: Bool { lab.ping(from: .office, to: Self.podOnNode2, attempts: 2) }

    /// Polls the journal until the change is in `state`.
    func waitForState(_ id: String, _ state: ChangeState, timeout: Duration = .seconds(15)) throws -> ChangeRecord {
        var last: ChangeRecord?
        let reached = waitUntil(timeout: timeout) {
            last = try? self.control.status(id)
            return last?.state == state
        }
        #expect(reached, "change \(id) should become \(state.rawValue), is \(last?.state.rawValue ?? "unreadable")")
        return try #require(last)
    }

    func waitUntil(timeout: Duration, _ condition: () -> Bool) -> Bool {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while clock.now < end {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
