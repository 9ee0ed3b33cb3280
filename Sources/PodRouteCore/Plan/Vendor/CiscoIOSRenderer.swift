/// `--format cisco-ios`: `ip route` / `ipv6 route` lines under the IOS revert timer
/// (`configure terminal revert timer N`, kept by `configure confirm`).
struct CiscoIOSRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        var script = ScriptText(context.format)
        let minutes = context.confirmMinutes
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Lines take effect as typed (no transaction); ECMP is one static route per next hop, equal distance.")
        script.comment("Safety net: the revert timer rolls the running config back after \(minutes) minutes unless confirmed.")
        script.comment("It needs the configuration archive (\"archive\" with \"path flash:archive\"); without it, use")
        script.comment("\"reload in \(minutes + 5)\" before and \"reload cancel\" after instead, and do not save until confirmed.")
        script.line("configure terminal revert timer \(minutes)")
        let lines = StaticRouteLines(
            add: { route, hop in [Self.route(route, hop)] },
            remove: { route, hop in ["no " + Self.route(route, hop)] })
        try lines.write(steps, into: &script, indent: " ")
        script.line("end")
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            let show = destination.family == .inet6 ? "show ipv6 route \(destination)" : "show ip route \(destination.address) \(destination.netmask)"
            script.comment("Check: \(show)")
        }
        script.comment("Still connected and it works? Within \(minutes) minutes keep it, then save:")
        script.comment("  configure confirm")
        script.comment("  write memory")
        return script
    }

    /// `ip route 10.244.0.0 255.255.0.0 [IFACE] [GATEWAY]` or `ipv6 route PREFIX/LEN [IFACE] [GATEWAY]`.
    static func route(_ route: VendorRoute, _ hop: VendorRoute.Hop) -> String {
        var words = route.family == .inet6
            ? ["ipv6 route", route.destination.description]
            : ["ip route", route.destination.address.description, route.destination.netmask]
        if let device = hop.device { words.append(device) }
        if let gateway = hop.gateway { words.append(gateway.description) }
        return words.joined(separator: " ")
    }
}

/// `--format junos`: `set routing-options static route` under `commit confirmed N`.
struct JunosRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        var script = ScriptText(context.format)
        let minutes = context.confirmMinutes
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Paste in operational mode. \"commit confirmed \(minutes)\" activates the change and rolls the whole")
        script.comment("configuration back after \(minutes) minutes unless a plain \"commit\" confirms it.")
        if VendorContext.routes(of: steps).contains(where: \.isMultipath) {
            script.comment("ECMP: both next hops enter the routing table; to install both in the forwarding table the router")
            script.comment("needs a load-balance export policy. If it has none yet (show routing-options forwarding-table):")
            script.comment("  set policy-options policy-statement podroute-ecmp then load-balance per-packet")
            script.comment("  set routing-options forwarding-table export podroute-ecmp")
            script.comment("(per-packet means per-flow hashing on current hardware; it applies to every ECMP route).")
        }
        script.line("configure")
        let lines = StaticRouteLines(
            add: { route, hop in ["set \(Self.path(route)) next-hop \(Self.nextHop(hop))"] },
            remove: { route, hop in ["delete \(Self.path(route)) next-hop \(Self.nextHop(hop))"] },
            removeWhole: { route in ["delete \(Self.path(route))"] })
        try lines.write(steps, into: &script)
        script.blank()
        script.line("show | compare")
        script.line("commit confirmed \(minutes)")
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment("Check: run show route \(destination) exact")
        }
        script.comment("Still connected and it works? Within \(minutes) minutes keep it: commit  (then: exit)")
        return script
    }

    /// `routing-options static route P` or, for IPv6, `routing-options rib inet6.0 static route P`.
    static func path(_ route: VendorRoute) -> String {
        route.family == .inet6
            ? "routing-options rib inet6.0 static route \(route.destination)"
            : "routing-options static route \(route.destination)"
    }

    /// The gateway; an interface only where the hop has no gateway (a point-to-point tunnel such as st0.0).
    static func nextHop(_ hop: VendorRoute.Hop) -> String {
        hop.gateway?.description ?? hop.device ?? ""
    }
}

/// `--format vyos`: `set protocols static route` under `commit-confirm N`.
struct VyOSRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        var script = ScriptText(context.format)
        let minutes = context.confirmMinutes
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("\"commit-confirm \(minutes)\" reverts unless \"confirm\" follows within \(minutes) minutes; \"commit\" is not \"save\".")
        script.comment("The default revert action reboots into the saved configuration; a reload is gentler:")
        script.comment("  set system config-management commit-confirm action reload")
        script.comment("ECMP: one next-hop per node under the same route.")
        script.line("configure")
        let lines = StaticRouteLines(
            add: { route, hop in ["set \(Self.path(route)) \(Self.nextHop(hop))"] },
            remove: { route, hop in ["delete \(Self.path(route)) \(Self.nextHop(hop))"] },
            removeWhole: { route in ["delete \(Self.path(route))"] })
        try lines.write(steps, into: &script)
        script.blank()
        script.line("commit-confirm \(minutes)")
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment("Check: run show \(destination.family == .inet6 ? "ipv6" : "ip") route \(destination)")
        }
        script.comment("Still connected and it works? Within \(minutes) minutes: confirm, then: save, exit")
        return script
    }

    static func path(_ route: VendorRoute) -> String {
        "protocols static \(route.family == .inet6 ? "route6" : "route") \(route.destination)"
    }

    /// `next-hop G`, or `interface wg0` for a device next hop.
    static func nextHop(_ hop: VendorRoute.Hop) -> String {
        if let gateway = hop.gateway { return "next-hop \(gateway)" }
        return "interface \(hop.device ?? "")"
    }
}
