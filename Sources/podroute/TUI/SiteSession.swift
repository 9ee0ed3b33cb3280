import Dispatch
import PodRouteCore
import PodRouteUI

/// The TUI on a site (`podroute --site FILE`): every host read in parallel at start, and again
/// off the loop when the operator asks (`r`); the result reaches the reducer through the mailbox.
final class SiteSession: Sendable {
    let path: String
    private let hints: ClusterHints
    private let queue = DispatchQueue(label: "podroute.site")

    init(path: String, hints: ClusterHints) {
        self.path = path
        self.hints = hints
    }

    /// Reads the site now; fails in one sentence when the file is bad or no host can be read.
    func read() throws -> SiteContext {
        let (site, unread) = try readHosts()
        guard !site.hosts.isEmpty else {
            throw CLIFailure("no host of \(path) could be read: \(unread.joined(separator: "; "))")
        }
        return SiteContext(file: path, site: site, unread: unread)
    }

    /// Reads the site again off the loop and posts `.siteRead` (or the error).
    func reread(into mailbox: Mailbox) {
        queue.async { [self] in
            do {
                let (site, unread) = try readHosts()
                mailbox.post(.siteRead(site, unread: unread))
            } catch {
                mailbox.post(.siteRead(Site(hosts: []), unread: ["\(error)"]))
            }
        }
    }

    private func readHosts() throws -> (Site, [String]) {
        let file = try SiteFile.load(path)
        let read = SiteReader.read(file, names: IPNamesLoader.hostNames(), hints: hints)
        return (read.site, read.failures)
    }
}
