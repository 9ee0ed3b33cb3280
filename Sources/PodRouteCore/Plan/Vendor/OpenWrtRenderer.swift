/// `--format openwrt`: one named UCI `route`/`route6` section per route, committed and made live
/// with a network reload. UCI stages until `uci commit`, so the whole script lands at once.
struct OpenWrtRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        for route in VendorContext.routes(of: steps) {
            try context.refuseMultipath(route, "add the routes with ip route in a hotplug script, or use a routing daemon")
        }
        var script = ScriptText(context.format)
        script.line("#!/bin/sh")
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Each route is a UCI section named after its destination; \"interface\" is the logical network")
        script.comment("(lan, wan), not the Linux device. Routes podroute did not create have other section names:")
        script.comment("find them with: uci show network | grep target=")
        script.comment("Nothing is live before \"uci commit\"; if a line fails, drop the staged changes: uci revert network")
        if purpose == .apply {
            script.comment("Safety net: none on the CLI; arm the rollback script first as for --format linux.")
        }
        script.line("set -e")
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            if step.action != .add {
                // A replace rewrites the section; `-q` keeps a replace of nothing quiet.
                let quiet = step.action == .replace ? "-q " : ""
                script.line("uci \(quiet)delete network.\(Self.section(step.route.destination))" + (step.action == .replace ? " || true" : ""))
            }
            if step.action != .delete {
                let route = step.route
                let name = "network.\(Self.section(route.destination))"
                let hop = route.hops[0]
                script.line("uci set \(name)=\(route.family == .inet6 ? "route6" : "route")")
                script.line("uci set \(name).interface='\(try context.interface(of: route))'")
                script.line("uci set \(name).target='\(route.destination)'")
                if let gateway = hop.gateway { script.line("uci set \(name).gateway='\(gateway)'") }
                if let metric = route.metric { script.line("uci set \(name).metric='\(metric)'") }
                if route.table != .main { script.line("uci set \(name).table='\(route.table.rawValue)'") }
            }
        }
        script.blank()
        script.line("uci commit network")
        script.line("/etc/init.d/network reload")
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment("Check: uci show network.\(Self.section(destination)); ip \(destination.family == .inet6 ? "-6 " : "")route show \(destination)")
        }
        return script
    }

    /// `podroute_10_244_0_0_16`: UCI section names take letters, digits and `_` only.
    static func section(_ destination: IPPrefix) -> String {
        "podroute_" + String(destination.description.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}

/// `--format pfsense|opnsense|macos`: BSD `route` commands at runtime; for the firewalls, the GUI
/// steps that make the route permanent.
struct BSDRouteRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        for route in VendorContext.routes(of: steps) {
            try context.requireMainTable(route)
            try context.refuseMultipath(route, context.format == .macos
                ? "plan a single next hop" : "plan a single next hop, or use the FRR package (it can also peer with Calico)")
        }
        var script = ScriptText(context.format)
        script.line("#!/bin/sh")
        script.header(context, purpose: purpose, count: steps.count)
        switch context.format {
        case .macos:
            script.comment("Run as root (sudo sh FILE). Runtime only: gone after a reboot; no safety net.")
            script.comment("networksetup -setadditionalroutes can persist IPv4 routes but replaces the service's whole list.")
        default:
            script.comment("Runtime only (FreeBSD shell): the firewall may drop it on its next routing reload; no safety net.")
            script.comment("Make it permanent in the GUI (steps below), and let the LAN reach a next hop on the same LAN:")
            script.comment(context.format == .pfsense
                ? "System > Advanced > Firewall & NAT: \"Bypass firewall rules for traffic on the same interface\"."
                : "Firewall > Settings > Advanced: \"Bypass firewall rules for traffic on the same interface\".")
        }
        script.line("set -e")
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            // A replace of the same destination is one atomic `route change`.
            let changes = step.action == .replace && step.previous?.destination == step.route.destination
            if step.action != .add, !changes, let removed = step.previous ?? (step.action == .delete ? step.route : nil) {
                script.line(Self.command("delete", removed, context))
            }
            if step.action != .delete {
                script.line(Self.command(changes ? "change" : "add", step.route, context))
                if context.format != .macos { Self.guiSteps(&script, step.route, context) }
            }
        }
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment("Check: route -n get \(destination.family == .inet6 ? "-inet6 " : "")\(destination.address)")
        }
        return script
    }

    /// `route [-n] add [-inet6] -net P GATEWAY` or `... -interface IFACE`.
    static func command(_ verb: String, _ route: VendorRoute, _ context: VendorContext) -> String {
        var words = ["route"]
        if context.format == .macos { words.append("-n") }
        words.append(verb)
        if route.family == .inet6 { words.append("-inet6") }
        words += ["-net", route.destination.description]
        let hop = route.hops[0]
        if let gateway = hop.gateway { words.append(gateway.description) } else { words += ["-interface", hop.device ?? ""] }
        return words.joined(separator: " ")
    }

    static func guiSteps(_ script: inout ScriptText, _ route: VendorRoute, _ context: VendorContext) {
        let hop = route.hops[0]
        guard let gateway = hop.gateway else {
            script.comment("GUI: System > Routing > Routes: Destination \(route.destination) via the gateway of interface \(hop.device ?? "")")
            return
        }
        let name = "K8S_" + String(gateway.description.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        script.comment("GUI: System > Routing > Gateways: add \(name) = \(gateway)\(hop.device.map { " on \($0)" } ?? "");")
        script.comment("     Routes: Destination \(route.destination), Gateway \(name); Save, Apply Changes.")
    }
}

/// `--format windows`: `route.exe` for IPv4 (runtime first, persistent with `-p` once it works),
/// `netsh interface ipv6` for IPv6. Interfaces are given by index (`route print`).
struct WindowsRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        for route in VendorContext.routes(of: steps) where route.family == .inet {
            try context.refuseDeviceOnly(route, "route.exe needs the gateway address")
        }
        var script = ScriptText(context.format)
        script.line("@echo off")
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Run in an elevated Command Prompt. No safety net: these routes are runtime only (IPv4 without -p,")
        script.comment("IPv6 with store=active); once they work, make them persistent with the lines at the end.")
        if VendorContext.routes(of: steps).contains(where: \.isMultipath) {
            script.comment("ECMP: Windows accepts equal-metric routes but does not document sharing: expect primary/backup.")
        }
        var persist: [String] = []
        let lines = StaticRouteLines(
            add: { route, hop throws(GatewayScriptError) in
                let line = try Self.command("add", route, hop, context)
                persist.append(route.family == .inet6 ? line.replacing("store=active", with: "store=persistent") : line.replacing("route add", with: "route -p add"))
                return [line]
            },
            remove: { route, hop throws(GatewayScriptError) in [try Self.command("delete", route, hop, context)] })
        try lines.write(steps, into: &script)
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment(destination.family == .inet6
                ? "Check: netsh interface ipv6 show route \(destination)"
                : "Check: route print -4 \(destination.address)")
        }
        if purpose == .apply, !persist.isEmpty {
            script.comment("Works? Make it persistent:")
            for line in persist { script.comment("  " + line) }
        }
        if purpose == .rollback {
            script.comment("Persistent copies (route -p, store=persistent) are removed by the same delete commands.")
        }
        return script
    }

    /// `route add 10.244.0.0 mask 255.255.0.0 10.20.1.22 [metric M] [if N]`, or
    /// `netsh interface ipv6 add route prefix=P interface=N [nexthop=G] store=active`.
    static func command(_ verb: String, _ route: VendorRoute, _ hop: VendorRoute.Hop, _ context: VendorContext) throws(GatewayScriptError) -> String {
        if route.family == .inet6 {
            var words = ["netsh interface ipv6 \(verb) route", "prefix=\(route.destination)",
                         "interface=\(try context.interface(of: hop, in: route))"]
            if let gateway = hop.gateway { words.append("nexthop=\(gateway)") }
            if verb == "add" {
                if let metric = route.metric { words.append("metric=\(metric)") }
                words.append("store=active")
            }
            return words.joined(separator: " ")
        }
        var words = ["route", verb, route.destination.address.description, "mask", route.destination.netmask,
                     hop.gateway?.description ?? ""]
        if verb == "add" {
            if let metric = route.metric { words += ["metric", String(metric)] }
            if let device = hop.device { words += ["if", device] }
        }
        return words.joined(separator: " ")
    }
}
