/// Writes `RTA_METRICS` as iproute2 6.1's `print_rta_metrics` does in JSON:
/// `"metrics":[{"mtu":1400,"advmss":1360}]`, members in `RTAX_*` order.
///
/// The model keeps the kernel's raw values; iproute2 converts a few for printing (`rtt` is
/// stored in 1/8 ms, `rttvar` in 1/4 ms), prints the ECN feature bit as `"ecn":null` and the
/// congestion-control algorithm as `"congestion"`. It never prints which metrics are locked;
/// podroute adds `"locked":[names]` inside the object so a snapshot keeps them.
enum IPRouteMetricsJSON {
    static func write(_ metrics: RouteMetrics, to writer: inout JSONWriter) {
        writer.key("metrics")
        writer.beginArray()
        writer.beginObject()
        var lockedNames: [String] = []
        for number in UInt16(2)...17 {
            let kind = RouteMetric.Kind(rawValue: number)
            let isLocked = metrics.locked & (1 << UInt32(number)) != 0
            if kind == congestionKind {
                guard metrics.congestionControl != nil || isLocked else { continue }
                writer.member("congestion", metrics.congestionControl ?? "")
                if isLocked { lockedNames.append("congestion") }
                continue
            }
            let stored = metrics[kind]
            guard stored != nil || isLocked else { continue }
            let value = stored ?? 0
            if kind == .hoplimit, Int32(bitPattern: value) == -1 { continue }
            guard let name = kind.name else { continue }
            if isLocked { lockedNames.append(name) }
            switch kind {
            case .features:
                if value & ecnFeature != 0 { writer.nullMember("ecn") }
                if value & ~ecnFeature != 0 {
                    writer.key("features")
                    writer.hexString(UInt64(value))
                }
            case .rtt:
                writer.member("rtt", value / 8)
            case .rttvar:
                writer.member("rttvar", value / 4)
            default:
                writer.key(dynamic: name)
                writer.uint(value)
            }
        }
        if !lockedNames.isEmpty {
            writer.key("locked")
            writer.beginArray()
            for name in lockedNames { writer.string(name) }
            writer.endArray()
        }
        writer.endObject()
        writer.endArray()
    }

    /// `RTAX_CC_ALGO`: a string metric, kept in `RouteMetrics.congestionControl`.
    static let congestionKind = RouteMetric.Kind(rawValue: 16)
    /// `RTAX_FEATURE_ECN`.
    static let ecnFeature: UInt32 = 0x1

    /// The kernel value a printed metric stands for (the inverse of the conversions above).
    static func storedValue(of kind: RouteMetric.Kind, printed: UInt32) -> UInt32 {
        switch kind {
        case .rtt: printed &* 8
        case .rttvar: printed &* 4
        default: printed
        }
    }
}
