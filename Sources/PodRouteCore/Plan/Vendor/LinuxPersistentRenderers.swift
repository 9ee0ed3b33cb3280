/// The persistent Linux formats. Each writes the configuration to add or remove, filed under
/// the interface of the route's first next hop (or the operator's `interface`), and how to make
/// it live without cutting the SSH session.

/// `--format linux-ifupdown`: `up`/`down` lines for the interface's stanza in /etc/network/interfaces,
/// then the same routes at runtime (ifdown/ifup over SSH can cut the session).
struct IfupdownRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        var script = ScriptText(context.format)
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Part 1, persistent: edit the named stanza (\"iface NAME inet ...\") in /etc/network/interfaces.")
        script.comment("Part 2, now: run the ip route commands at the end (do not ifdown/ifup over SSH; ifupdown2: ifreload -a).")
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            if let removed = step.previous ?? (step.action == .delete ? step.route : nil) {
                script.comment("In the stanza of \(try context.interface(of: removed)), remove these lines:")
                script.comment("    up ip \(Self.tail(.add, removed))")
                script.comment("    down ip \(Self.tail(.delete, removed))")
            }
            if step.action != .delete {
                script.comment("In the stanza of \(try context.interface(of: step.route)), add these lines:")
                script.line("    up ip \(Self.tail(.add, step.route))")
                script.line("    down ip \(Self.tail(.delete, step.route))")
            }
        }
        script.blank()
        script.comment("Part 2: the same change at runtime, in order; stop at the first error.")
        for step in steps { script.line(IPRouteWords.command(step.action, step.route)) }
        IPRouteRenderer.checks(&script, steps)
        return script
    }

    /// `route add ...` / `-6 route del ...`: the command without its leading `ip`.
    static func tail(_ verb: RouteOperation.Action, _ route: VendorRoute) -> String {
        String(IPRouteWords.command(verb, route).dropFirst(3))
    }
}

/// `--format linux-nmcli`: `nmcli connection modify CONN +ipv4.routes` on the connection named
/// after the interface, then `nmcli device reapply` (which, unlike `connection up`, keeps the link up).
struct NmcliRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        var script = ScriptText(context.format)
        script.line("#!/bin/sh")
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Assumes each NetworkManager connection (profile) is named after its device, as below; check with")
        script.comment("nmcli -g NAME,DEVICE connection show --active and edit the names if they differ.")
        script.comment("\"+ipv4.routes\" adds to the profile and \"-ipv4.routes\" removes one exact entry; without + or -")
        script.comment("nmcli would replace every route of the profile.")
        if purpose == .apply {
            script.comment("Safety net: none in nmcli (nmstatectl apply and the D-Bus checkpoint API have one); arm the")
            script.comment("rollback script first as for --format linux.")
        }
        script.line("set -e")
        var touched: [String] = []
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            if let removed = step.previous ?? (step.action == .delete ? step.route : nil) {
                let connection = try context.interface(of: removed)
                script.line("nmcli connection modify \(connection) -\(try Self.routes(removed, context))")
                if !touched.contains(connection) { touched.append(connection) }
            }
            if step.action != .delete {
                let connection = try context.interface(of: step.route)
                script.line("nmcli connection modify \(connection) +\(try Self.routes(step.route, context))")
                if !touched.contains(connection) { touched.append(connection) }
            }
        }
        script.blank()
        script.comment("Make the profiles live without bouncing the link:")
        for connection in touched { script.line("nmcli device reapply \(connection)") }
        IPRouteRenderer.checks(&script, steps)
        return script
    }

    /// `ipv4.routes "10.244.0.0/16 10.20.1.22 100 table=200"`; ECMP as comma-separated entries with `weight=`.
    static func routes(_ route: VendorRoute, _ context: VendorContext) throws(GatewayScriptError) -> String {
        if route.isMultipath && route.family == .inet6 {
            throw .unsupported(route.destination, format: context.format, reason: "NetworkManager weights (ECMP) are IPv4 only")
        }
        if route.isMultipath, Set(route.hops.map(\.device)).count > 1 {
            throw .unsupported(route.destination, format: context.format,
                               reason: "an ECMP route belongs to one connection here; its next hops must share one interface")
        }
        let entries = route.hops.map { hop in
            var words = [route.destination.description]
            if let gateway = hop.gateway { words.append(gateway.description) }
            if let metric = route.metric { words.append(String(metric)) }
            if route.table != .main { words.append("table=\(route.table.rawValue)") }
            if route.isMultipath { words.append("weight=\(hop.weight)") }
            return words.joined(separator: " ")
        }
        let key = route.family == .inet6 ? "ipv6.routes" : "ipv4.routes"
        return "\(key) \"\(entries.joined(separator: ", "))\""
    }
}

/// `--format linux-networkd`: `[Route]` sections for the interface's .network file, then `networkctl reload`.
struct NetworkdRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        var script = ScriptText(context.format)
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Each section goes into the .network file that matches the named interface")
        script.comment("(e.g. /etc/systemd/network/10-eth0.network); sections to remove are shown as comments.")
        script.comment("Then: networkctl reload (networkctl reconfigure IFACE if the route does not appear).")
        script.comment("No safety net in networkd: arm the rollback first as for --format linux.")
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            if let removed = step.previous ?? (step.action == .delete ? step.route : nil) {
                script.comment("In the .network file of \(try context.interface(of: removed)), remove this section:")
                for line in try Self.section(removed, context) { script.comment(line) }
            }
            if step.action != .delete {
                script.comment("In the .network file of \(try context.interface(of: step.route)), add:")
                for line in try Self.section(step.route, context) { script.line(line) }
            }
        }
        script.blank()
        script.comment("Then: networkctl reload")
        IPRouteRenderer.checks(&script, steps)
        return script
    }

    static func section(_ route: VendorRoute, _ context: VendorContext) throws(GatewayScriptError) -> [String] {
        var lines = ["[Route]", "Destination=\(route.destination)"]
        if route.isMultipath {
            // systemd >= 245: one route, one MultiPathRoute= per next hop (address@interface weight).
            for hop in route.hops {
                guard let gateway = hop.gateway else {
                    throw .unsupported(route.destination, format: context.format, reason: "a multipath next hop needs a gateway address")
                }
                lines.append("MultiPathRoute=\(gateway)@\(try context.interface(of: hop, in: route)) \(hop.weight)")
            }
        } else if let gateway = route.hops[0].gateway {
            lines.append("Gateway=\(gateway)")
        } else {
            lines.append("Scope=link")
        }
        if let metric = route.metric { lines.append("Metric=\(metric)") }
        if route.table != .main { lines.append("Table=\(route.table.rawValue)") }
        return lines
    }
}

/// `--format linux-netplan`: route entries for the interface in the netplan file that defines it,
/// applied with `netplan try` (reverts unless confirmed).
struct NetplanRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        var script = ScriptText(context.format)
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Edit the /etc/netplan/*.yaml file that already defines each interface: a separate file would")
        script.comment("replace the interface's routes list, not add to it. Entries to remove are shown as comments.")
        script.comment("If the interface is declared under bridges:, vlans: or tunnels:, put the routes there instead.")
        script.comment("Apply with: netplan try --timeout \(context.confirmMinutes * 60)  (press Enter to keep it; without it, netplan reverts)")
        var adds: [String: [String]] = [:]
        var order: [String] = []
        var adding: Set<String> = []
        script.line("network:")
        script.line("  version: 2")
        script.line("  ethernets:")
        for (number, step) in steps.enumerated() {
            for route in [step.route] + (step.previous.map { [$0] } ?? []) {
                try context.refuseMultipath(route, "use linux-networkd or linux-nmcli")
            }
            if let removed = step.previous ?? (step.action == .delete ? step.route : nil) {
                let interface = try context.interface(of: removed)
                if adds[interface] == nil { order.append(interface); adds[interface] = [] }
                let what = step.action == .delete ? "\(step.summary): remove this entry" : "remove the entry it replaces"
                adds[interface]? += ["# \(number + 1). \(what):"]
                    + Self.entry(removed).map { "# " + $0 }
            }
            if step.action != .delete {
                let interface = try context.interface(of: step.route)
                if adds[interface] == nil { order.append(interface); adds[interface] = [] }
                adds[interface]? += ["# \(number + 1). \(step.summary)"] + Self.entry(step.route)
                adding.insert(interface)
            }
        }
        for interface in order {
            // An interface with removals only stays commented out: a bare "routes:" would mean no routes.
            let prefix = adding.contains(interface) ? "" : "# "
            script.line(prefix + "    \(interface):")
            script.line(prefix + "      routes:")
            for line in adds[interface] ?? [] { script.line(prefix + "        " + line) }
        }
        IPRouteRenderer.checks(&script, steps)
        return script
    }

    static func entry(_ route: VendorRoute) -> [String] {
        var lines = ["- to: \(route.destination)"]
        if let gateway = route.hops[0].gateway { lines.append("  via: \(gateway)") } else { lines.append("  scope: link") }
        if let metric = route.metric { lines.append("  metric: \(metric)") }
        if route.table != .main { lines.append("  table: \(route.table.rawValue)") }
        return lines
    }
}
