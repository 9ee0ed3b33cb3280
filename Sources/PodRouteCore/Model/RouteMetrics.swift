/// One `RTA_METRICS` entry (`RTAX_*`): path MTU, advertised MSS, windows, timers.
public struct RouteMetric: Hashable, Sendable {
    public var kind: Kind
    public var value: UInt32

    public init(_ kind: Kind, _ value: UInt32) {
        self.kind = kind
        self.value = value
    }

    public struct Kind: RawRepresentable, Hashable, Sendable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let lock = Self(rawValue: 1)
        public static let mtu = Self(rawValue: 2)
        public static let window = Self(rawValue: 3)
        public static let rtt = Self(rawValue: 4)
        public static let rttvar = Self(rawValue: 5)
        public static let ssthresh = Self(rawValue: 6)
        public static let cwnd = Self(rawValue: 7)
        public static let advmss = Self(rawValue: 8)
        public static let reordering = Self(rawValue: 9)
        public static let hoplimit = Self(rawValue: 10)
        public static let initcwnd = Self(rawValue: 11)
        public static let features = Self(rawValue: 12)
        public static let rtoMin = Self(rawValue: 13)
        public static let initrwnd = Self(rawValue: 14)
        public static let quickack = Self(rawValue: 15)
        public static let fastopenNoCookie = Self(rawValue: 17)

        /// iproute2's keyword (`mtu_names` in ip/iproute.c); nil for `lock`, which is a mask.
        public var name: String? {
            let names: [UInt16: String] = [
                2: "mtu", 3: "window", 4: "rtt", 5: "rttvar", 6: "ssthresh", 7: "cwnd", 8: "advmss",
                9: "reordering", 10: "hoplimit", 11: "initcwnd", 12: "features", 13: "rto_min",
                14: "initrwnd", 15: "quickack", 17: "fastopen_no_cookie",
            ]
            return names[rawValue]
        }

        public init?(name: some StringProtocol) {
            for number in UInt16(2)...17 where Self(rawValue: number).name == String(name) {
                self.init(rawValue: number)
                return
            }
            return nil
        }
    }
}

/// A route's metrics, in kernel order, with the lock mask and the congestion-control name.
public struct RouteMetrics: Hashable, Sendable {
    public var values: [RouteMetric]
    /// Bits (1 << kind) of metrics locked against path-MTU discovery and the like.
    public var locked: UInt32
    public var congestionControl: String?

    public init(values: [RouteMetric] = [], locked: UInt32 = 0, congestionControl: String? = nil) {
        self.values = values
        self.locked = locked
        self.congestionControl = congestionControl
    }

    public var isEmpty: Bool { values.isEmpty && locked == 0 && congestionControl == nil }

    public subscript(kind: RouteMetric.Kind) -> UInt32? {
        values.first { $0.kind == kind }?.value
    }

    public var mtu: UInt32? { self[.mtu] }
}
