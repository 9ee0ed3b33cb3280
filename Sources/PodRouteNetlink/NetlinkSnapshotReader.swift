import PodRouteCore

/// Reads a whole snapshot of the current or a named network namespace over rtnetlink.
/// (Placeholder until the decoders land.)
public enum NetlinkSnapshotReader {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "reading the live kernel state is not available in this build" }
    }

    public static func snapshot(namespace: String?, names: IPNames, host: String) throws -> NetworkSnapshot {
        throw Unavailable()
    }
}
