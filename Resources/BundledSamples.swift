import Foundation

/// Sample captures shipped with podroute (`--demo` and the README's examples).
public enum BundledSamples {
    /// The demo node: a Calico IPIP node modelled on the seed article's node.
    public static var demoNode: URL? {
        Bundle.module.url(forResource: "demo-node", withExtension: "json", subdirectory: "samples")
    }
}
