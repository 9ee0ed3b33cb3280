import PodRouteCore

/// The snapshot a trace reads, how long reading it took, and whether the kernel it came from
/// can be asked too (this host or a named namespace; not a capture or the demo).
struct TraceSnapshot {
    enum Kernel {
        case host
        case namespace(String)

        var name: String? {
            if case .namespace(let name) = self { return name }
            return nil
        }
    }

    let snapshot: NetworkSnapshot
    let kernel: Kernel?
    /// Seconds spent reading (and, for captures, parsing) the snapshot.
    let readSeconds: Double

    static func load(_ options: SourceOptions) throws -> TraceSnapshot {
        let started = ContinuousClock.now
        let snapshot = try options.loadSnapshot()
        let kernel: Kernel? = options.demo || options.from != nil ? nil : options.netns.map(Kernel.namespace) ?? .host
        return TraceSnapshot(snapshot: snapshot, kernel: kernel, readSeconds: (ContinuousClock.now - started).seconds)
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
