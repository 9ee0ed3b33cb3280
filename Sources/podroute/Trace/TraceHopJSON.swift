import PodRouteCore

/// One hop's explanation as JSON members: `host`, `route` (iproute2-shaped, with `role`,
/// `encap`, `node`, `pod`), `dev`, `gateway`, `encap`, `mtu`, `outcome`. Written into an open
/// object so a single-host trace and each of a site trace's `hops[]` share the shape.
enum TraceHopJSON {
    static func writeMembers(_ hop: TraceHop, host: SiteHost, to writer: inout JSONWriter) {
        writer.member("host", hop.host)
        if let arrived = hop.arrivedOn { writer.member("iif", arrived) }
        writer.key("route")
        if let route = hop.route {
            IPRouteJSON(snapshot: host.snapshot).write(route, to: &writer,
                                                      extra: PodRouteJSONExtras.route(route, classifier: host.classifier))
        } else {
            writer.null()
        }
        if let role = hop.classification?.role { writer.member("role", role.rawValue) } else { writer.nullMember("role") }
        if let device = hop.egressDevice { writer.member("dev", device) } else { writer.nullMember("dev") }
        writer.key("gateway")
        if let gateway = hop.gateway { writer.address(gateway) } else { writer.null() }
        writer.key("encap")
        if let encapsulation = hop.encapsulation { write(encapsulation, to: &writer) } else { writer.null() }
        if let mtu = hop.mtu { writer.member("mtu", mtu) } else { writer.nullMember("mtu") }
        writeOutcome(hop.outcome, to: &writer)
    }

    /// `{"kind": "vxlan", "dev": "vxlan.calico", "outer_src": ..., "outer_dst": ..., "vni": ..., "port": ...,
    /// "vtep": ..., "vtep_mac": ..., "outer_dst_unknown": null}` (`vtep*` for VXLAN only; the last is
    /// the sentence saying why `outer_dst` is null).
    static func write(_ encapsulation: EncapsulationInfo, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("kind", encapsulation.kind.rawValue)
        writer.member("dev", encapsulation.device)
        writer.key("outer_src")
        if let source = encapsulation.outerSource { writer.address(source) } else { writer.null() }
        writer.key("outer_dst")
        if let destination = encapsulation.outerDestination { writer.address(destination) } else { writer.null() }
        if let vni = encapsulation.vni { writer.member("vni", vni) } else { writer.nullMember("vni") }
        if let port = encapsulation.port { writer.member("port", UInt32(port)) } else { writer.nullMember("port") }
        if encapsulation.kind == .vxlan {
            writer.key("vtep")
            if let vtep = encapsulation.vtep { writer.address(vtep) } else { writer.null() }
            if let mac = encapsulation.vtepMAC { writer.member("vtep_mac", mac.hexDescription) } else { writer.nullMember("vtep_mac") }
        }
        if let reason = encapsulation.outerDestinationUnknown {
            writer.member("outer_dst_unknown", reason)
        } else {
            writer.nullMember("outer_dst_unknown")
        }
        writer.endObject()
    }

    /// `"outcome": "forwarded"` plus what it names: `to_host`, `next_hop`, `workload`/`pod`, `finding`.
    static func writeOutcome(_ outcome: HopOutcome, to writer: inout JSONWriter) {
        switch outcome {
        case .forwarded(let host):
            writer.member("outcome", "forwarded")
            writer.member("to_host", host)
        case .deliveredLocally:
            writer.member("outcome", "delivered-locally")
        case .deliveredToWorkload(let device, let pod):
            writer.member("outcome", "delivered-to-workload")
            writer.member("workload", device)
            if let pod { writer.member("pod", pod.description) }
        case .leftSite(let nextHop):
            writer.member("outcome", "left-known-hosts")
            writer.key("next_hop")
            if let nextHop { writer.address(nextHop) } else { writer.null() }
        case .dropped(let code):
            writer.member("outcome", "dropped")
            writer.member("finding", code.rawValue)
        }
    }
}
