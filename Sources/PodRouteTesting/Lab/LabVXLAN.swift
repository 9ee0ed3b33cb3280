import Foundation

/// Calico's VXLAN mode as Felix programs it (`felix/dataplane/linux/vxlan_mgr.go`): on each node
/// a `vxlan.calico` device (VNI 4096, UDP 4789, parent `eth0`, no learning, MTU 1450) holding a
/// /32 VTEP address from the node's own block, and for each other node
///
///     <block> via <its VTEP> dev vxlan.calico onlink
///     ip neigh replace <its VTEP> lladdr <its VTEP MAC> dev vxlan.calico nud permanent
///     bridge fdb append <its VTEP MAC> dev vxlan.calico dst <its node IP>
///
/// so the kernel never has to learn or flood: the route names the VTEP, the neighbour entry its
/// MAC, the FDB entry the node to send the UDP packet to. The own block is a blackhole (packets
/// for a pod that does not exist stop here), `proto bird` as with Calico's BIRD backend.
enum LabVXLAN {
    static func build(nodes: [LabNode: TestNamespace]) throws {
        let device = LabTopology.vxlanDevice
        for (node, namespace) in nodes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try namespace.ipBatch([
                "link add \(device) type vxlan id \(LabTopology.vxlanVNI) dstport \(LabTopology.vxlanPort) "
                    + "local \(node.address) dev \(LabTopology.uplink) nolearning",
                "link set \(device) address \(try vtepMAC(of: node))",
                "link set \(device) mtu \(LabTopology.vxlanMTU)",
                "addr add \(node.vtepAddress)/32 dev \(device)",
                "link set \(device) up",
                "route add blackhole \(node.block) proto bird",
            ])
        }
        for (node, namespace) in nodes {
            let peer = node.peer
            let peerMAC = try vtepMAC(of: peer)
            try namespace.ipBatch([
                "neigh replace \(peer.vtepAddress) lladdr \(peerMAC) dev \(device) nud permanent",
                "route add \(peer.block) via \(peer.vtepAddress) dev \(device) onlink",
            ])
            try namespace.run("bridge", "fdb", "append", peerMAC, "dev", device, "dst", peer.address)
        }
    }

    /// Felix's default VTEP MAC (`felix/calc/vxlan_resolver.go`, vtepMACForHost): the byte 'f'
    /// (0x66, locally administered unicast) then the first five bytes of SHA-1(node name).
    static func vtepMAC(of node: LabNode) throws -> String {
        let hex = Array(try LabPods.sha1Hex(of: node.rawValue).prefix(10))
        return (["66"] + stride(from: 0, to: 10, by: 2).map { String(hex[$0..<$0 + 2]) }).joined(separator: ":")
    }
}
