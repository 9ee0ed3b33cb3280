import FoundationEssentials
import PodRouteCore
import PodRouteNetlink
import PodRouteSamples

/// A failure the operator reads as one sentence; the command exits non-zero.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension SourceOptions {
    /// Reads the snapshot the options name, with pods attached when given.
    func loadSnapshot() throws -> NetworkSnapshot {
        let names = IPNamesLoader.hostNames()
        var snapshot: NetworkSnapshot
        if demo {
            snapshot = try Self.loadDemo()
        } else if let from {
            let text = try FileAccess.readText(from)
            do {
                snapshot = try CaptureReader.load(text: text, path: from)
            } catch {
                throw CLIFailure(error.description)
            }
        } else {
            do {
                snapshot = try NetlinkSnapshotReader.snapshot(namespace: netns, names: names, host: netns ?? HostInfo.name())
            } catch {
                throw CLIFailure(String(describing: error))
            }
        }
        if let pods {
            let text = try FileAccess.readText(pods)
            do {
                let list = try PodListParser.parse(text)
                snapshot = snapshot.replacing(pods: snapshot.pods + list)
            } catch {
                throw CLIFailure("\(pods): \(error.description)")
            }
        }
        return snapshot
    }

    private static func loadDemo() throws -> NetworkSnapshot {
        guard let node = BundledSamples.demoNode else {
            throw CLIFailure("the bundled demo node is missing from this build")
        }
        let text = try FileAccess.readText(node.path)
        var snapshot = try CaptureReader.load(text: text, path: node.path, source: .demo)
        if let podsURL = BundledSamples.demoPods, let podText = try? FileAccess.readText(podsURL.path),
           let pods = try? PodListParser.parse(podText) {
            snapshot = snapshot.replacing(pods: pods)
        }
        return snapshot
    }
}
