import PodRouteCore

/// Chooses and opens the transport for a method, with the fallback `.automatic` allows.
enum ProbeSetup {
    struct Chosen {
        var transport: any ProbeTransport
        /// Why `.automatic` did not run ICMP echo.
        var fallback: ProbeError?
    }

    static func transport(for method: ProbeMethod, destination: IPAddress, options: ProbeOptions,
                          opener: some SocketOpening) throws(ProbeError) -> Chosen {
        switch method {
        case .automatic:
            do {
                return try icmp(destination: destination, options: options, opener: opener)
            } catch .needsRawSockets(let raw, let datagram) {
                let udp = ConnectionTransport(protocol: .udp(firstPort: 33434, rising: true), destination: destination,
                                              options: options, opener: opener)
                return Chosen(transport: udp, fallback: .needsRawSockets(raw: raw, datagram: datagram))
            }
        case .icmpEcho:
            return try icmp(destination: destination, options: options, opener: opener)
        case .udp(let port, let rising):
            let udp = ConnectionTransport(protocol: .udp(firstPort: port, rising: rising), destination: destination,
                                          options: options, opener: opener)
            return Chosen(transport: udp, fallback: nil)
        case .tcp(let port):
            let tcp = ConnectionTransport(protocol: .tcp(port: port), destination: destination, options: options, opener: opener)
            return Chosen(transport: tcp, fallback: nil)
        }
    }

    private static func icmp(destination: IPAddress, options: ProbeOptions, opener: some SocketOpening) throws(ProbeError) -> Chosen {
        let socket = try ICMPSocketSelection.open(family: destination.family, choice: options.icmpSockets, opener: opener)
        let transport = try ICMPEchoTransport(socket: socket, destination: destination, options: options,
                                              identifier: .random(in: .min ... .max), firstSequence: .random(in: .min ... .max))
        return Chosen(transport: transport, fallback: nil)
    }
}
