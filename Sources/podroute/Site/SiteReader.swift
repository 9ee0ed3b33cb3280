import Dispatch
import PodRouteCore
import PodRouteNetlink
import Synchronization

/// Reads every host of a site at once (ssh round trips and big dumps overlap), each from its
/// own source, with its pods attached; a host that cannot be read is reported, not fatal.
enum SiteReader {
    struct Outcome {
        let site: Site
        /// One sentence per host that could not be read.
        let failures: [String]
    }

    static func read(_ file: SiteFile, names: IPNames, hints: ClusterHints) -> Outcome {
        let results = Mutex<[Int: Result<NetworkSnapshot, CLIFailure>]>([:])
        DispatchQueue.concurrentPerform(iterations: file.hosts.count) { position in
            let entry = file.hosts[position]
            let result: Result<NetworkSnapshot, CLIFailure>
            do {
                result = .success(try snapshot(of: entry, names: names))
            } catch let failure as CLIFailure {
                result = .failure(failure)
            } catch {
                result = .failure(CLIFailure("\(entry.name): \(error)"))
            }
            results.withLock { $0[position] = result }
        }
        let collected = results.withLock { $0 }
        var hosts: [SiteHost] = []
        var failures: [String] = []
        let siteHints = ClusterHints(serviceCIDRs: file.serviceCIDRs ?? hints.serviceCIDRs, podCIDRs: hints.podCIDRs,
                                     calicoInterfacePrefix: hints.calicoInterfacePrefix)
        for (position, entry) in file.hosts.enumerated() {
            switch collected[position] {
            case .success(let snapshot)?:
                hosts.append(SiteHost(name: entry.name, snapshot: snapshot, role: entry.role, hints: siteHints,
                                      format: entry.format))
            case .failure(let failure)?:
                failures.append(failure.description)
            case nil:
                failures.append("\(entry.name): not read")
            }
        }
        return Outcome(site: Site(hosts: hosts), failures: failures)
    }

    private static func snapshot(of entry: SiteFile.Entry, names: IPNames) throws -> NetworkSnapshot {
        var snapshot: NetworkSnapshot
        switch entry.source {
        case .namespace, .local:
            let namespace: String? = if case .namespace(let name) = entry.source { name } else { nil }
            do {
                snapshot = try NetlinkSnapshotReader.snapshot(namespace: namespace, names: names, host: entry.name)
            } catch {
                throw CLIFailure("\(entry.name): \(error)")
            }
        case .capture(let path):
            do {
                snapshot = try CaptureReader.load(text: try FileAccess.readText(path), path: path)
            } catch let error as CaptureError {
                throw CLIFailure("\(entry.name): \(error)")
            }
        case .ssh(let target, let options):
            snapshot = try SSHSource.snapshot(of: target, options: options, name: entry.name)
        }
        if let pods = entry.pods {
            do {
                snapshot = snapshot.replacing(pods: snapshot.pods + (try PodListParser.parse(try FileAccess.readText(pods))))
            } catch let error as PodListParser.Failure {
                throw CLIFailure("\(entry.name): \(pods): \(error)")
            }
        }
        return snapshot
    }
}
