/// `--format fortigate`: `config router static` entries, under the config revert timer
/// (`set cfg-save revert`: unsaved changes revert when the admin session idles past the timeout).
struct FortiGateRenderer: VendorRenderer {
    func render(_ steps: [VendorStep], purpose: ScriptPurpose, context: VendorContext) throws(GatewayScriptError) -> ScriptText {
        try context.checkRouter(steps)
        var script = ScriptText(context.format)
        let seconds = context.confirmMinutes * 60
        script.header(context, purpose: purpose, count: steps.count)
        script.comment("ECMP is one entry per next hop with the same dst, distance and priority (hashed on source IP).")
        script.comment("Traffic from the LAN back out of the LAN needs a firewall policy (internal -> internal).")
        script.comment("Safety net: with cfg-save revert, unsaved changes revert \(seconds) s after the session goes idle;")
        script.comment("\"execute cfg save\" keeps them. Set cfg-save back to automatic afterwards.")
        script.line("config system global")
        script.line("    set cfg-save revert")
        script.line("    set cfg-revert-timeout \(seconds)")
        script.line("end")
        for (number, step) in steps.enumerated() {
            script.stepComment(number + 1, step)
            if let added = step.added {
                script.line(added.family == .inet6 ? "config router static6" : "config router static")
                for hop in added.hops {
                    script.line("    edit 0")
                    script.line("        set dst \(Self.destination(added.destination))")
                    if let gateway = hop.gateway { script.line("        set gateway \(gateway)") }
                    script.line("        set device \"\(try context.interface(of: hop, in: added))\"")
                    if added.family == .inet { script.line("        set comment \"podroute\"") }
                    script.line("    next")
                }
                script.line("end")
            }
            if let (removed, _) = step.removed {
                // Entries are numbered by the FortiGate when added; podroute cannot know the number.
                let table = removed.family == .inet6 ? "static6" : "static"
                for hop in removed.hops {
                    let target = hop.gateway.map { "gateway \($0)" } ?? "device \(hop.device ?? "")"
                    script.comment("Remove the entry with dst \(Self.destination(removed.destination)) and \(target); find its number with:")
                    script.comment("  show router \(table) | grep -f \(removed.destination.address)")
                    script.comment("  config router \(table) / delete <that entry's number> / end")
                }
            }
        }
        script.blank()
        for destination in VendorContext.destinations(of: steps) {
            script.comment(destination.family == .inet6
                ? "Check: get router info6 routing-table"
                : "Check: get router info routing-table details \(destination.address)")
        }
        script.comment("Still connected and it works? Keep it: execute cfg save")
        script.comment("Then restore: config system global / set cfg-save automatic / end")
        return script
    }

    /// `10.244.0.0 255.255.0.0`, or `fd00:10:244::/56` in static6.
    static func destination(_ prefix: IPPrefix) -> String {
        prefix.family == .inet6 ? prefix.description : "\(prefix.address) \(prefix.netmask)"
    }

}
