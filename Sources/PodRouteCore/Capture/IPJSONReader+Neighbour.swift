extension IPJSONReading {
    /// A neighbour object of `ip -j [-s] neigh show`: `dst`, `dev`, `lladdr`, flag words as null
    /// members (`"router":null`), `state` as an array of names (absent for NUD_NONE).
    mutating func readNeighbour(_ object: JSONObject, into builder: inout CaptureBuilder) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        guard let dst = object["dst"] else { throw IPJSONProblem("it has no 'dst'") }
        let destination = try V.address(dst, "dst")
        guard let dev = object["dev"] else {
            throw IPJSONProblem("it has no 'dev' (captured with `ip neigh show dev X`?); the device is unknown")
        }
        var neighbour = Neighbour(destination: destination, device: InterfaceIndex(0))
        if let value = object["lladdr"] { neighbour.linkLayerAddress = try Self.linkLayerAddress(value, "lladdr") }
        if let value = object["state"] {
            let names = try V.strings(value, "state")
            guard let state = NeighbourState(names: names) else {
                throw .unexpected("state", value, expected: "neighbour states such as [\"PERMANENT\"]")
            }
            neighbour.state = state
        }
        for (flag, name) in NeighbourFlags.neighbourNamed where object[name] != nil { neighbour.flags.insert(flag) }
        builder.add(neighbour: CapturedNeighbour(neighbour: neighbour, deviceName: try V.text(dev, "dev")))
    }

    /// An FDB object of `bridge -j fdb show`: `mac`, `ifname`, `vlan`, `src_vni`, `dst`, `port`,
    /// `vni`, `viaIf`, `flags` (words), `master`, `state` (one word, "" for dynamic entries).
    mutating func readFDB(_ object: JSONObject, into builder: inout CaptureBuilder) throws(IPJSONProblem) {
        typealias V = IPJSONValues
        guard let mac = object["mac"] else { throw IPJSONProblem("it has no 'mac'") }
        guard let ifname = object["ifname"] else { throw IPJSONProblem("it has no 'ifname'") }
        var entry = FDBEntry(linkLayerAddress: try Self.linkLayerAddress(mac, "mac"), device: InterfaceIndex(0))
        var masterName: String?
        var viaName: String?
        for (key, value) in object {
            switch key {
            case "dst": entry.destination = try V.address(value, key)
            case "vni": entry.vni = try V.number(value, key, as: UInt32.self)
            case "src_vni": entry.sourceVNI = try V.number(value, key, as: UInt32.self)
            case "port": entry.port = try V.number(value, key, as: UInt16.self)
            case "vlan": entry.vlan = try V.number(value, key, as: UInt16.self)
            case "viaIf": viaName = try V.text(value, key)
            case "viaIfIndex": entry.viaDevice = InterfaceIndex(try V.number(value, key, as: Int32.self))
            case "master": masterName = try V.text(value, key)
            case "flags":
                for word in try V.strings(value, key) {
                    guard let flag = NeighbourFlags.fdbNamed.first(where: { $0.1 == word })?.0 else { continue }
                    entry.flags.insert(flag)
                }
            case "state":
                let text = try V.text(value, key)
                guard let state = NeighbourState(fdbName: text) else {
                    throw .unexpected(key, value, expected: "\"permanent\", \"static\", \"stale\" or \"\"")
                }
                entry.state = state
            default: break
            }
        }
        builder.add(fdb: CapturedFDBEntry(entry: entry, deviceName: try V.text(ifname, "ifname"),
                                          masterName: masterName, viaName: viaName))
    }
}
