import PodRouteCore

/// Per-second rates of one link over the last sampling interval.
public struct LinkRates: Hashable, Sendable {
    public var rxBytes: Double
    public var txBytes: Double
    public var rxPackets: Double
    public var txPackets: Double

    public init(rxBytes: Double, txBytes: Double, rxPackets: Double, txPackets: Double) {
        self.rxBytes = rxBytes
        self.txBytes = txBytes
        self.rxPackets = rxPackets
        self.txPackets = txPackets
    }
}

/// Rates from successive `stats64` samples. A counter that went backwards (the device was
/// re-created, a driver reset it, the index was reused) gives no rate for that interval,
/// never a negative or absurd one; the new value becomes the baseline.
public struct RateTracker: Hashable, Sendable {
    private struct Sample: Hashable, Sendable {
        var time: Double
        var stats: LinkStats
    }

    private var samples: [InterfaceIndex: Sample] = [:]
    public private(set) var rates: [InterfaceIndex: LinkRates] = [:]
    /// How many samples were recorded (0: no live counters, e.g. a capture).
    public private(set) var sampleCount = 0

    public init() {}

    /// Records the counters read at `time` (seconds on a monotonic clock). Links missing from
    /// `stats` are forgotten.
    public mutating func record(_ stats: [InterfaceIndex: LinkStats], at time: Double) {
        var next: [InterfaceIndex: Sample] = [:]
        var nextRates: [InterfaceIndex: LinkRates] = [:]
        for (index, current) in stats {
            next[index] = Sample(time: time, stats: current)
            guard let previous = samples[index] else { continue }
            let elapsed = time - previous.time
            guard elapsed > 0 else {
                // The same instant twice: keep the earlier baseline and rate.
                next[index] = previous
                if let rate = rates[index] { nextRates[index] = rate }
                continue
            }
            let old = previous.stats
            guard current.rxBytes >= old.rxBytes, current.txBytes >= old.txBytes,
                  current.rxPackets >= old.rxPackets, current.txPackets >= old.txPackets else { continue }
            nextRates[index] = LinkRates(
                rxBytes: Double(current.rxBytes - old.rxBytes) / elapsed,
                txBytes: Double(current.txBytes - old.txBytes) / elapsed,
                rxPackets: Double(current.rxPackets - old.rxPackets) / elapsed,
                txPackets: Double(current.txPackets - old.txPackets) / elapsed)
        }
        samples = next
        rates = nextRates
        sampleCount += 1
    }

    public func rates(for index: InterfaceIndex) -> LinkRates? { rates[index] }

    /// The latest counters of a link.
    public func stats(for index: InterfaceIndex) -> LinkStats? { samples[index]?.stats }
}
