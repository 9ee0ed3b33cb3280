/// `--format huawei-vrp` and `--format h3c-comware`: `ip route-static` in system view, the
/// two share the command syntax and differ in their safety nets (Huawei two-stage `commit trial`,
/// Comware 7 `configuration commit delay`).
struct VRPRenderer: VendorRenderer {
    enum Dialect { case huawei, h3c }
    let dialect: Dialect

    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        var script = ScriptText(context.format)
        let minutes = context.confirmMinutes
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("ECMP is one static route per next hop at the same preference (default 60).")
        switch dialect {
        case .huawei:
            script.comment("Two-stage mode (VRP8: NE40E, NE8000, CloudEngine): the lines are staged, and \"commit trial\"")
            script.comment("runs them for \(minutes * 60) s, reverting unless a plain \"commit\" follows.")
            script.comment("Immediate mode (most AR routers and S switches): each line takes effect as typed, \"commit trial\"")
            script.comment("is rejected, and nothing reverts by itself: keep the rollback script at hand.")
        case .h3c:
            script.comment("Comware 7: \"configuration commit delay \(minutes)\" rolls back whatever follows unless")
            script.comment("\"configuration commit\" arrives within \(minutes) minutes (Comware 5 rejects it: no safety net there).")
        }
        script.line("system-view")
        if dialect == .h3c { script.line("configuration commit delay \(minutes)") }
        let lines = StaticRouteLines(
            add: { route, hop in [Self.route(route, hop)] },
            remove: { route, hop in ["undo " + Self.route(route, hop)] })
        try lines.write(steps, into: &script, indent: " ")
        script.blank()
        if dialect == .huawei { script.line("commit trial \(minutes * 60)") }
        for destination in VendorContext.destinations(of: steps) {
            let family = destination.family == .inet6 ? "ipv6 " : "ip "
            script.comment("Check: display \(family)routing-table \(Self.destination(destination))")
        }
        switch dialect {
        case .huawei:
            script.comment("Still connected and it works? Two-stage: commit (within \(minutes) minutes); then: return, save")
        case .h3c:
            script.comment("Still connected and it works? Within \(minutes) minutes: configuration commit; then: quit, save")
        }
        return script
    }

    /// `ip route-static 10.244.0.0 16 [IFACE] [GATEWAY]` or `ipv6 route-static fd00:10:244:: 56 [IFACE] [GATEWAY]`.
    static func route(_ route: VendorRoute, _ hop: VendorRoute.Hop) -> String {
        var words = [route.family == .inet6 ? "ipv6 route-static" : "ip route-static", destination(route.destination)]
        if let device = hop.device { words.append(device) }
        if let gateway = hop.gateway { words.append(gateway.description) }
        return words.joined(separator: " ")
    }

    static func destination(_ prefix: IPPrefix) -> String { "\(prefix.address) \(prefix.length)" }
}

/// `--format mikrotik-v6|mikrotik-v7`: `/ip route` commands, live and saved at once; Safe Mode is the net.
/// RouterOS 7 makes ECMP from equal routes; RouterOS 6 from one route with a gateway list.
struct MikroTikRenderer: VendorRenderer {
    let version: Int

    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        var script = ScriptText(context.format)
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Each command takes effect and is saved at once.")
        script.comment("Safety net: press Ctrl-X for Safe Mode (the prompt shows <SAFE>) before pasting; Ctrl-X again keeps")
        script.comment("the change, Ctrl-D discards it, and a dropped session undoes it (after about 9 minutes).")
        if version == 6 {
            script.comment("RouterOS 6: ECMP is one route with a gateway list (gateway=A,B). If a set or remove finds")
            script.comment("nothing, list the route with the Check line below and remove it by its number.")
            for (number, step) in steps.enumerated() {
                script.stepComment(number + 1, step)
                for line in Self.v6Lines(step) { script.line(line) }
            }
        } else {
            script.comment("RouterOS 7: ECMP is one route per gateway at the same distance.")
            let lines = StaticRouteLines(
                add: { route, hop in ["\(Self.menu(route)) add dst-address=\(route.destination) gateway=\(Self.gateway(hop)) comment=podroute"] },
                remove: { route, hop in ["\(Self.menu(route)) remove [find dst-address=\(route.destination) gateway=\(Self.gateway(hop))]"] })
            try lines.write(steps, into: &script)
        }
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment("Check: \(destination.family == .inet6 ? "/ipv6" : "/ip") route print where dst-address=\(destination)")
        }
        return script
    }

    static func menu(_ route: VendorRoute) -> String { route.family == .inet6 ? "/ipv6 route" : "/ip route" }

    /// The gateway address, or the interface for a device next hop (`gateway=wireguard1`).
    static func gateway(_ hop: VendorRoute.Hop) -> String { hop.gateway?.description ?? hop.device ?? "" }

    static func gatewayList(_ route: VendorRoute) -> String { route.hops.map(gateway).joined(separator: ",") }

    /// RouterOS 6: the route is one entry; a replace sets its gateway list.
    static func v6Lines(_ step: VendorStep) -> [String] {
        let route = step.route
        let find = { (route: VendorRoute) in "[find dst-address=\(route.destination) gateway=\(gatewayList(route))]" }
        switch step.action {
        case .add:
            return ["\(menu(route)) add dst-address=\(route.destination) gateway=\(gatewayList(route)) comment=podroute"]
        case .delete:
            return ["\(menu(route)) remove \(find(route))"]
        case .replace:
            guard let previous = step.previous, previous.destination == route.destination else {
                return v6Lines(VendorStep(action: .add, route: route))
                    + (step.previous.map { v6Lines(VendorStep(action: .delete, route: $0)) } ?? [])
            }
            return ["\(menu(route)) set \(find(previous)) gateway=\(gatewayList(route))"]
        }
    }
}
