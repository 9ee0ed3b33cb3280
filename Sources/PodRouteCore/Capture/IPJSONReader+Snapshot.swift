extension IPJSONReading {
    /// A podroute snapshot object (see `SnapshotJSON`). Its sections hold the same objects
    /// iproute2 prints, so each is read by the element readers; `ip_names` comes first so that
    /// named tables and protocols resolve to the host's numbers.
    mutating func readSnapshot(_ object: JSONObject, into builder: inout CaptureBuilder) {
        context = CommandContext(detailed: true, json: true)
        if let version = object["podroute_snapshot"]?.uintValue, version > SnapshotJSON.formatVersion {
            warn("the snapshot is format \(version), newer than this podroute's \(SnapshotJSON.formatVersion); "
                 + "reading what this version understands", into: &builder)
        }
        if case .string(let host)? = object["host"] { builder.host = host }
        if let value = object["captured_at"] {
            switch value {
            case .null: break
            case .string(let text) where ISO8601Timestamp.parse(text) != nil:
                builder.capturedAt = ISO8601Timestamp.parse(text)
            default:
                warn("'captured_at' is \(IPJSONProblem.describe(value)); expected a time such as "
                     + "\"2024-05-01T12:00:00Z\"; the capture time is left unknown", into: &builder)
            }
        }
        if let value = object["ip_names"] { readNames(value, into: &builder) }
        let sections: [(String, ElementKind)] = [("links", .link), ("routes", .route), ("rules", .rule), ("netconf", .netconf),
                                                 ("neighbours", .neighbour), ("fdb", .fdb)]
        for (name, kind) in sections {
            guard let value = object[name] else { continue }
            // Present, even empty: the tables were read (older snapshots have neither key).
            if kind == .neighbour { builder.sawNeighbourTable() }
            if kind == .fdb { builder.sawFDB() }
            guard case .array(let elements) = value else {
                warn("'\(name)' is \(IPJSONProblem.describe(value)); expected an array; the section is skipped", into: &builder)
                continue
            }
            if kind == .link { learnLinkNames(elements) }
            for (position, element) in elements.enumerated() {
                readElement(element, path: ".\(name)[\(position)]", expected: kind, into: &builder)
            }
        }
        if let value = object["pods"] { readPods(value, into: &builder) }
    }

    /// `{"tables":{"100":"calico"},"protocols":{...},"scopes":{...},"groups":{...}}`.
    private func readNames(_ value: JSONValue, into builder: inout CaptureBuilder) {
        guard case .object(let sections) = value else {
            warn("'ip_names' is \(IPJSONProblem.describe(value)); expected an object; names are left as iproute2's",
                 into: &builder)
            return
        }
        var names = builder.ipNames
        for (section, entries) in sections {
            guard case .object(let members) = entries else { continue }
            for (numberText, name) in members {
                guard case .string(let text) = name, let number = UInt32(numberText) else {
                    warn("'ip_names.\(Sanitizer.printable(section)).\(Sanitizer.printable(numberText))' is not "
                         + "a number with a name; it is skipped", into: &builder)
                    continue
                }
                switch section {
                case "tables": names.tables[number] = text
                case "groups": names.groups[number] = text
                case "protocols": if let narrow = UInt8(exactly: number) { names.protocols[narrow] = text }
                case "scopes": if let narrow = UInt8(exactly: number) { names.scopes[narrow] = text }
                default: break
                }
            }
        }
        builder.use(names: names)
    }

    /// `[{"namespace":"default","name":"web-0","ips":["10.21.69.212"]}]`.
    private func readPods(_ value: JSONValue, into builder: inout CaptureBuilder) {
        guard case .array(let elements) = value else {
            warn("'pods' is \(IPJSONProblem.describe(value)); expected an array; no pods are read", into: &builder)
            return
        }
        var pods: [PodReference] = []
        for (position, element) in elements.enumerated() {
            guard case .object(let object) = element, case .string(let namespace)? = object["namespace"],
                  case .string(let name)? = object["name"] else {
                warn("JSON element .pods[\(position)] is not an object with a 'namespace' and a 'name'; it is skipped",
                     into: &builder)
                continue
            }
            var addresses: [IPAddress] = []
            if case .array(let ips)? = object["ips"] {
                for ip in ips {
                    guard case .string(let text) = ip, let address = IPAddress(text) else {
                        warn("JSON element .pods[\(position)] has \(IPJSONProblem.describe(ip)) among its 'ips'; "
                             + "expected an IP address; it is left out", into: &builder)
                        continue
                    }
                    addresses.append(address)
                }
            }
            pods.append(PodReference(namespace: namespace, name: name, addresses: addresses))
        }
        builder.add(pods: pods)
    }
}
