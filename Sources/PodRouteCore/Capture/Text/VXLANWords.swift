/// The words of a vxlan kind line, turned into the keys `ip -j -d link` prints (iproute2
/// ip/iplink_vxlan.c): `id`, `group`/`remote`(`6`), `local`(`6`), `link` (from `dev`),
/// `port_range`, `port` (from `dstport`), `learning` (true unless `nolearning`), `ttl`
/// (`auto`/`inherit` are 0), `ageing` (`none` is 0), `limit` (from `maxaddr`), the
/// checksum switches and the presence flags.
struct VXLANWords {
    private var sawNoLearning = false
    private var sawID = false

    /// Reads the field at `position`; returns how many words it used.
    mutating func read(_ words: [Substring], at position: Int, into data: inout JSONObject) -> Int {
        let word = words[position]
        let value: Substring? = position + 1 < words.count ? words[position + 1] : nil
        switch word {
        case "id":
            if let number = value.flatMap({ UInt64($0) }) { data["id"] = .uint(number); sawID = true }
            return 2
        case "group", "remote", "local":
            if let value, let address = IPAddress(value) {
                data[address.family == .inet ? String(word) : word + "6"] = .string(address.description)
            }
            return 2
        case "dev":
            if let value { data["link"] = .string(String(value)) }
            return 2
        case "srcport":
            if position + 2 < words.count, let low = UInt64(words[position + 1]), let high = UInt64(words[position + 2]) {
                data["port_range"] = .object(JSONObject([("low", .uint(low)), ("high", .uint(high))]))
            }
            return 3
        case "dstport":
            if let number = value.flatMap({ UInt64($0) }) { data["port"] = .uint(number) }
            return 2
        case "ttl", "hoplimit":
            data["ttl"] = .uint(value.flatMap { UInt64($0) } ?? 0)
            return 2
        case "ageing":
            data["ageing"] = .uint(value.flatMap { UInt64($0) } ?? 0)
            return 2
        case "maxaddr":
            if let number = value.flatMap({ UInt64($0) }) { data["limit"] = .uint(number) }
            return 2
        case "tos", "flowlabel", "df":
            if let value { data[word == "flowlabel" ? "label" : String(word)] = .string(String(value)) }
            return 2
        case "nolearning":
            sawNoLearning = true
            return 1
        case "udpcsum", "noudpcsum":
            data["udp_csum"] = .bool(word == "udpcsum")
            return 1
        case "udp6zerocsumtx", "noudp6zerocsumtx":
            data["udp_zero_csum6_tx"] = .bool(word == "udp6zerocsumtx")
            return 1
        case "udp6zerocsumrx", "noudp6zerocsumrx":
            data["udp_zero_csum6_rx"] = .bool(word == "udp6zerocsumrx")
            return 1
        case "proxy", "rsc", "l2miss", "l3miss", "gbp", "gpe", "external":
            data[String(word)] = .bool(true)
            return 1
        case "remcsumtx", "remcsumrx":
            data[word == "remcsumtx" ? "remcsum_tx" : "remcsum_rx"] = .bool(true)
            return 1
        default:
            return 1
        }
    }

    /// `learning` is printed only when off; the kernel always reports it for a configured vxlan.
    func finish(into data: inout JSONObject) {
        if sawID || sawNoLearning { data["learning"] = .bool(!sawNoLearning) }
    }
}
