import PodRouteCore
#if canImport(Glibc)
import Glibc
#endif

/// The host's iproute2 name files, read the way `ip` reads them, so names match `ip`'s output.
enum IPNamesLoader {
    static let directories = ["/usr/lib/iproute2", "/usr/share/iproute2", "/etc/iproute2"]

    static func hostNames() -> IPNames {
        var names = IPNames.iproute2Defaults
        for directory in directories {
            if let text = try? FileAccess.readText(directory + "/rt_protos") { names.mergeProtocols(file: text) }
            for text in dropIns(directory + "/rt_protos.d") { names.mergeProtocols(file: text) }
            if let text = try? FileAccess.readText(directory + "/rt_scopes") { names.mergeScopes(file: text) }
            if let text = try? FileAccess.readText(directory + "/rt_tables") { names.merge(file: text, into: \.tables) }
            for text in dropIns(directory + "/rt_tables.d") { names.merge(file: text, into: \.tables) }
            if let text = try? FileAccess.readText(directory + "/group") { names.merge(file: text, into: \.groups) }
        }
        return names
    }

    /// The `*.conf` files of a drop-in directory, in name order.
    private static func dropIns(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var files: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".conf") { files.append(name) }
        }
        return files.sorted().compactMap { try? FileAccess.readText(directory + "/" + $0) }
    }
}
