/// The smallest MTU on the path against the sender's: a tunnel that lowers it silently breaks
/// large transfers unless PMTU discovery works end to end.
struct MTUCheck {
    let findings: [Finding]

    init(hops: [TraceHop], site: Site) {
        guard let first = hops.first, let senderMTU = first.mtu,
              let smallest = hops.enumerated().min(by: { ($0.element.mtu ?? .max) < ($1.element.mtu ?? .max) }),
              let pathMTU = smallest.element.mtu, pathMTU < senderMTU else {
            findings = []
            return
        }
        let hop = smallest.element
        let device = hop.egressDevice ?? "?"
        findings = [Finding(.mtuMismatch, host: hop.host,
            message: "the path MTU is \(pathMTU) (\(device) on \(hop.host)) while \(first.host) sends up to \(senderMTU)-byte packets: transfers stall unless ICMP 'fragmentation needed' reaches \(first.host)",
            fix: "allow ICMP type 3 code 4 back to the clients, or clamp TCP MSS on \(hops.dropFirst().first?.host ?? hop.host) (iptables -t mangle ... TCPMSS --clamp-mss-to-pmtu)")]
    }
}
