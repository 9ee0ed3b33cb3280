import Foundation

/// Sample captures shipped with podroute (`--demo` and the README's examples).
public enum BundledSamples {
    /// The demo node: a Calico IPIP node modelled on the seed article's node.
    public static var demoNode: URL? {
        Bundle.module.url(forResource: "demo-node", withExtension: "txt", subdirectory: "samples")
    }

    /// The pods running on the demo node (`namespace/pod ip` lines).
    public static var demoPods: URL? {
        Bundle.module.url(forResource: "demo-pods", withExtension: "txt", subdirectory: "samples")
    }
}
