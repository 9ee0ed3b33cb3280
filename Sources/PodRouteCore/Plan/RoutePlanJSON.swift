import FoundationEssentials

/// The plan file: one JSON object, laid out for review and hand editing.
///
///     {"document": "podroute-plan", "version": 1, "created_at": "2026-11-27T08:30:00Z",
///      "tool_version": "podroute 0.1.0", "target": {"host": "gw", "source": "netns", "netns": "gw"},
///      "warnings": ["..."],
///      "operations": [{"action": "add", "route": {ip -j -d route object}, "previous": {...}}],
///      "pre_state": {podroute snapshot object: links, routes}}
///
/// Routes are the objects `ip -j -d route` prints (`IPRouteJSON`, with `"family"`), devices by
/// name; `pre_state` is a podroute snapshot (`SnapshotJSON`). Both are read back by the
/// capture reader. Decoding is strict: every problem is reported, one sentence each, naming
/// its JSON path, and nothing is returned unless the whole plan is valid.
public enum RoutePlanJSON {
    public static let documentName = "podroute-plan"

    // MARK: Encoding

    public static func text(_ plan: RoutePlan) -> String {
        var writer = JSONWriter(capacity: 4096)
        write(plan, to: &writer)
        // The compact text is well-formed by construction; it is only re-laid out.
        guard let value = try? JSONValue.parse(writer.text, strict: true) else { return writer.text + "\n" }
        return JSONLayout.text(value)
    }

    public static func write(_ plan: RoutePlan, to writer: inout JSONWriter) {
        let snapshot = plan.preState.snapshot(host: plan.target.name, source: plan.target.source)
        let routes = IPRouteJSON(snapshot: snapshot, options: .init(detailed: true, includeFamily: true))
        writer.beginObject()
        writer.member("document", documentName)
        writer.member("version", RoutePlan.formatVersion)
        writer.member("created_at", ISO8601Timestamp.format(plan.createdAt))
        writer.member("tool_version", plan.toolVersion)
        writer.key("target")
        writer.beginObject()
        writer.member("host", plan.target.name)
        switch plan.target.source {
        case .live: writer.member("source", "live")
        case .demo: writer.member("source", "demo")
        case .namespace(let name):
            writer.member("source", "netns")
            writer.member("netns", name)
        case .capture(let path):
            writer.member("source", "capture")
            writer.member("path", path)
        }
        writer.endObject()
        writer.key("warnings")
        writer.beginArray()
        for warning in plan.warnings { writer.string(warning) }
        writer.endArray()
        writer.key("operations")
        writeOperations(plan.operations, routes: routes, to: &writer)
        writer.key("pre_state")
        SnapshotJSON(snapshot: snapshot).write(to: &writer)
        writer.endObject()
    }

    /// `[{"action": "add", "route": {...}, "previous": {...}}]`: the plan's operations, also
    /// printed by `podroute plan --json`.
    public static func writeOperations(_ operations: [RouteOperation], routes: IPRouteJSON, to writer: inout JSONWriter) {
        writer.beginArray()
        for operation in operations {
            writer.beginObject()
            writer.member("action", operation.action.rawValue)
            writer.key("route")
            routes.write(operation.route, to: &writer)
            if let previous = operation.previous {
                writer.key("previous")
                routes.write(previous, to: &writer)
            }
            writer.endObject()
        }
        writer.endArray()
    }

    // MARK: Decoding

    public static func decode(_ text: String) throws(RoutePlanError) -> RoutePlan {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text, strict: true)
        } catch {
            if case DecodingError.dataCorrupted(let context) = error, let syntax = context.underlyingError {
                throw RoutePlanError("the plan is not valid JSON: \(syntax)")
            }
            throw RoutePlanError("the plan is not valid JSON")
        }
        var decoder = PlanDecoder()
        let plan = decoder.plan(value)
        guard decoder.problems.isEmpty, let plan else { throw RoutePlanError(decoder.problems) }
        return plan
    }
}

/// Reads a plan object, collecting every problem instead of stopping at the first.
private struct PlanDecoder {
    var problems: [String] = []

    static let members = ["document", "version", "created_at", "tool_version", "target", "warnings", "operations",
                          "pre_state"]

    mutating func problem(_ path: String, _ text: String) { problems.append("\(path): \(text)") }

    mutating func plan(_ value: JSONValue) -> RoutePlan? {
        guard case .object(let object) = value else {
            problems.append("the plan is \(IPJSONProblem.describe(value)); expected an object with \"document\": "
                            + "\"\(RoutePlanJSON.documentName)\"")
            return nil
        }
        guard object["document"]?.stringValue == RoutePlanJSON.documentName else {
            problems.append("this is not a podroute plan: it has no \"document\": \"\(RoutePlanJSON.documentName)\" "
                            + "member (write plans with 'podroute plan ... -o FILE')")
            return nil
        }
        for key in object.keys where !Self.members.contains(key) {
            problem(".\(Sanitizer.printable(key))", "is not a plan member; expected one of "
                    + Self.members.joined(separator: ", "))
        }
        switch object["version"] {
        case nil: problem(".version", "is missing; expected \(RoutePlan.formatVersion)")
        case let value? where value.uintValue == RoutePlan.formatVersion: break
        case let value?:
            problem(".version", "is \(IPJSONProblem.describe(value)); this podroute reads plan version "
                    + "\(RoutePlan.formatVersion) only")
        }
        let createdAt = timestamp(object["created_at"])
        let toolVersion = string(object["tool_version"], ".tool_version", expected: "the podroute version that wrote the plan")
        let target = target(object["target"])
        let warnings = warnings(object["warnings"])
        guard let preState = preState(object["pre_state"]) else {
            _ = operations(object["operations"], preState: nil)
            return nil
        }
        let operations = operations(object["operations"], preState: preState)
        guard let createdAt, let toolVersion, let target, let warnings, let operations else { return nil }
        return RoutePlan(target: target, operations: operations, preState: preState.state, warnings: warnings,
                         createdAt: createdAt, toolVersion: toolVersion)
    }

    private mutating func string(_ value: JSONValue?, _ path: String, expected: String) -> String? {
        guard let value else {
            problem(path, "is missing; expected \(expected)")
            return nil
        }
        guard case .string(let text) = value else {
            problem(path, "is \(IPJSONProblem.describe(value)); expected a string: \(expected)")
            return nil
        }
        return text
    }

    private mutating func timestamp(_ value: JSONValue?) -> Date? {
        guard let text = string(value, ".created_at", expected: "a time such as \"2026-11-27T08:30:00Z\"") else { return nil }
        guard let date = ISO8601Timestamp.parse(text) else {
            problem(".created_at", "is \"\(Sanitizer.printable(text))\"; expected a time such as \"2026-11-27T08:30:00Z\"")
            return nil
        }
        return date
    }

    private mutating func target(_ value: JSONValue?) -> PlanTarget? {
        guard let value else {
            problem(".target", "is missing; expected {\"host\": NAME, \"source\": \"netns\"|\"capture\"|\"live\"|\"demo\"}")
            return nil
        }
        guard case .object(let object) = value else {
            problem(".target", "is \(IPJSONProblem.describe(value)); expected an object with \"host\" and \"source\"")
            return nil
        }
        guard let host = string(object["host"], ".target.host", expected: "the target host's name"),
              let kind = string(object["source"], ".target.source", expected: "\"netns\", \"capture\", \"live\" or \"demo\"")
        else { return nil }
        switch kind {
        case "live": return PlanTarget(name: host, source: .live)
        case "demo": return PlanTarget(name: host, source: .demo)
        case "netns":
            guard let name = string(object["netns"], ".target.netns", expected: "the network namespace's name") else { return nil }
            return PlanTarget(name: host, source: .namespace(name))
        case "capture":
            guard let path = string(object["path"], ".target.path", expected: "the capture's path") else { return nil }
            return PlanTarget(name: host, source: .capture(path: path))
        default:
            problem(".target.source", "is \"\(Sanitizer.printable(kind))\"; expected \"netns\", \"capture\", \"live\" or \"demo\"")
            return nil
        }
    }

    private mutating func warnings(_ value: JSONValue?) -> [String]? {
        guard let value else { return [] }
        guard case .array(let elements) = value else {
            problem(".warnings", "is \(IPJSONProblem.describe(value)); expected an array of strings")
            return nil
        }
        var result: [String] = []
        for (position, element) in elements.enumerated() {
            if let text = string(element, ".warnings[\(position)]", expected: "a sentence") { result.append(text) }
        }
        return result.count == elements.count ? result : nil
    }

    /// The pre-state and the builder seeded with its links, which resolves operation devices.
    struct DecodedPreState {
        var state: PlanPreState
        var builder: CaptureBuilder
    }

    private mutating func preState(_ value: JSONValue?) -> DecodedPreState? {
        guard let value else {
            problem(".pre_state", "is missing; expected the target's state the plan was computed from")
            return nil
        }
        guard case .object(var object) = value else {
            problem(".pre_state", "is \(IPJSONProblem.describe(value)); expected a podroute snapshot object")
            return nil
        }
        if object["podroute_snapshot"] == nil { object["podroute_snapshot"] = .uint(SnapshotJSON.formatVersion) }
        var builder = CaptureBuilder()
        var reading = IPJSONReading(context: CommandContext(detailed: true, json: true), line: 1)
        reading.readSnapshot(object, into: &builder)
        let snapshot = builder.build(source: .demo, defaultHost: "")
        for warning in snapshot.warnings { problem(".pre_state", Self.sentence(warning.message)) }
        for link in snapshot.links where link.isInferred {
            problem(".pre_state.routes", "device '\(Sanitizer.printable(link.name))' is not one of .pre_state.links")
        }
        guard snapshot.warnings.isEmpty, !snapshot.links.contains(where: \.isInferred) else { return nil }
        var seeded = CaptureBuilder()
        seeded.use(names: snapshot.names)
        for link in snapshot.links { seeded.add(link: link) }
        let state = PlanPreState(links: snapshot.links, addresses: snapshot.addresses, routes: Array(snapshot.routes),
                                 names: snapshot.names)
        return DecodedPreState(state: state, builder: seeded)
    }

    /// A capture warning as a plan problem: the element is not skipped, the plan is refused.
    private static func sentence(_ message: String) -> String {
        for suffix in ["; it is skipped", "; the section is skipped"] where message.hasSuffix(suffix) {
            return String(message.dropLast(suffix.count))
        }
        return message
    }

    private mutating func operations(_ value: JSONValue?, preState: DecodedPreState?) -> [RouteOperation]? {
        guard let value else {
            problem(".operations", "is missing; expected an array of {\"action\", \"route\"} objects")
            return nil
        }
        guard case .array(let elements) = value else {
            problem(".operations", "is \(IPJSONProblem.describe(value)); expected an array of {\"action\", \"route\"} objects")
            return nil
        }
        var result: [RouteOperation] = []
        for (position, element) in elements.enumerated() {
            if let operation = operation(element, path: ".operations[\(position)]", preState: preState) {
                result.append(operation)
            }
        }
        return result.count == elements.count ? result : nil
    }

    private mutating func operation(_ value: JSONValue, path: String, preState: DecodedPreState?) -> RouteOperation? {
        guard case .object(let object) = value else {
            problem(path, "is \(IPJSONProblem.describe(value)); expected an object with \"action\" and \"route\"")
            return nil
        }
        for key in object.keys where !["action", "route", "previous"].contains(key) {
            problem("\(path).\(Sanitizer.printable(key))", "is not an operation member; expected action, route or previous")
        }
        let names = RouteOperation.Action.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        var action: RouteOperation.Action?
        if let text = string(object["action"], "\(path).action", expected: names) {
            action = RouteOperation.Action(rawValue: text)
            if action == nil { problem("\(path).action", "is \"\(Sanitizer.printable(text))\"; expected \(names)") }
        }
        var route: Route?
        if let value = object["route"] {
            route = self.route(value, path: "\(path).route", preState: preState)
        } else {
            problem("\(path).route", "is missing; expected an 'ip -j route' object")
        }
        let previous = object["previous"].flatMap { self.route($0, path: "\(path).previous", preState: preState) }
        guard let action, let route, object["previous"] == nil || previous != nil else { return nil }
        if action == .add, previous != nil {
            problem("\(path).previous", "an add has no previous route; remove 'previous' or make the action \"replace\"")
            return nil
        }
        if let previous, previous.family != route.family || previous.destination != route.destination
            || previous.table != route.table {
            problem("\(path).previous", "is for \(previous.destination) in table \(previous.table.rawValue), not the "
                    + "route's \(route.destination) in table \(route.table.rawValue)")
            return nil
        }
        return RouteOperation(action, route, previous: previous)
    }

    private mutating func route(_ value: JSONValue, path: String, preState: DecodedPreState?) -> Route? {
        guard case .object(let object) = value else {
            problem(path, "is \(IPJSONProblem.describe(value)); expected an 'ip -j route' object")
            return nil
        }
        guard var builder = preState?.builder else { return nil }
        var reading = IPJSONReading(context: CommandContext(detailed: true, json: true), line: 1)
        let before = builder.warnings.count
        do throws(IPJSONProblem) {
            try reading.readRoute(object, into: &builder)
        } catch {
            problem(path, error.message)
            return nil
        }
        let snapshot = builder.build(source: .demo, defaultHost: "")
        for warning in snapshot.warnings.dropFirst(before) { problem(path, warning.message) }
        for link in snapshot.links where link.isInferred {
            problem(path, "device '\(Sanitizer.printable(link.name))' is not one of the target's links (.pre_state.links)")
        }
        guard snapshot.warnings.count == before, !snapshot.links.contains(where: \.isInferred),
              let route = snapshot.routes.first else { return nil }
        return route
    }
}
