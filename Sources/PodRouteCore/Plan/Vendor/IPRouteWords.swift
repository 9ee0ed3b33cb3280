/// `ip route` command lines for a route (iproute2 syntax), shared by the Linux formats.
enum IPRouteWords {
    /// `ip route add|replace DEST [via G] [dev D] [table] [proto] [metric]`, multipath as
    /// `nexthop via G dev D weight W` words after the route's own options.
    static func command(_ verb: RouteOperation.Action, _ route: VendorRoute) -> String {
        var words = [route.family == .inet6 ? "ip -6 route" : "ip route", verbWord(verb), route.destination.description]
        if verb == .delete {
            if !route.isMultipath { words += hopWords(route.hops[0]) }
            words += optionWords(route)
        } else if route.isMultipath {
            words += optionWords(route)
            for hop in route.hops { words += ["nexthop"] + hopWords(hop) + ["weight", String(hop.weight)] }
        } else {
            words += hopWords(route.hops[0]) + optionWords(route)
        }
        return words.joined(separator: " ")
    }

    static func verbWord(_ verb: RouteOperation.Action) -> String {
        switch verb {
        case .add: "add"
        case .replace: "replace"
        case .delete: "del"
        }
    }

    static func hopWords(_ hop: VendorRoute.Hop) -> [String] {
        var words: [String] = []
        if let gateway = hop.gateway { words += ["via", gateway.description] }
        if let device = hop.device { words += ["dev", device] }
        return words
    }

    /// `table`, `proto` and `metric` when they differ from what `ip route add` assumes, so a
    /// delete removes exactly the planned route.
    static func optionWords(_ route: VendorRoute) -> [String] {
        var words: [String] = []
        if route.table != .main { words += ["table", String(route.table.rawValue)] }
        if route.proto != .boot { words += ["proto", protoWord(route.proto)] }
        if let metric = route.metric { words += ["metric", String(metric)] }
        return words
    }

    static func protoWord(_ proto: RouteProtocol) -> String {
        switch proto {
        case .kernel: "kernel"
        case .static: "static"
        case .dhcp: "dhcp"
        default: String(proto.rawValue)
        }
    }
}

/// `--format linux`: iproute2 commands, run as a shell script that stops at the first error.
struct IPRouteRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        var script = ScriptText(context.format)
        script.line("#!/bin/sh")
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("Runtime only: the routes are gone after a reboot or an interface restart; persist them with")
        script.comment("--format linux-netplan, linux-networkd, linux-nmcli or linux-ifupdown.")
        if purpose == .apply { Self.safetyNet(&script, context) }
        script.line("set -e")
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            script.line(IPRouteWords.command(step.action, step.route))
        }
        Self.checks(&script, steps)
        return script
    }

    /// Linux has no confirm of its own: the operator arms the rollback before applying.
    static func safetyNet(_ script: inout ScriptText, _ context: VendorContext) {
        let seconds = context.confirmMinutes * 60
        script.comment("Safety net: \"podroute apply\" reverts by itself unless confirmed. Running this by hand, copy the")
        script.comment("rollback script to the gateway and arm it first, so a lost session still reverts:")
        script.comment("  setsid sh -c 'sleep \(seconds); sh /root/podroute-rollback.sh' </dev/null >/dev/null 2>&1 &")
        script.comment("and once the change works, stop that timer: kill the PID that \"echo $!\" prints right after it.")
    }

    static func checks(_ script: inout ScriptText, _ steps: [VendorStep]) {
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment("Check: ip \(destination.family == .inet6 ? "-6 " : "")route show \(destination)")
        }
    }
}
