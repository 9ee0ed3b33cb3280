/// Walks the steps for platforms where ECMP is one static route per next hop: each step's new
/// hops are added before its old hops are removed, so traffic always has a path.
struct StaticRouteLines {
    var add: (VendorRoute, VendorRoute.Hop) throws(GatewayScriptError) -> [String]
    var remove: (VendorRoute, VendorRoute.Hop) throws(GatewayScriptError) -> [String]
    /// Removes the whole destination at once, where the platform has such a command.
    var removeWhole: ((VendorRoute) throws(GatewayScriptError) -> [String])? = nil

    func lines(_ step: VendorStep) throws(GatewayScriptError) -> [String] {
        var lines: [String] = []
        if let added = step.added {
            for hop in added.hops { lines += try add(added, hop) }
        }
        if let (removed, whole) = step.removed {
            if whole, let removeWhole {
                lines += try removeWhole(removed)
            } else {
                for hop in removed.hops { lines += try remove(removed, hop) }
            }
        }
        return lines
    }

    /// Every step under its numbered comment, with `indent` before each command.
    func write(_ steps: [VendorStep], into script: inout ScriptText, indent: String = "") throws(GatewayScriptError) {
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            let lines = try self.lines(step)
            if lines.isEmpty { script.comment("(no change here: the routes differ only in what this platform does not carry)") }
            for line in lines { script.line(indent + line) }
        }
    }
}

extension VendorContext {
    /// The checks every router format makes: main table, equal weights.
    func checkRouter(_ steps: [VendorStep]) throws(GatewayScriptError) {
        for route in Self.routes(of: steps) {
            try requireMainTable(route)
            try requireEqualWeights(route)
        }
    }
}
