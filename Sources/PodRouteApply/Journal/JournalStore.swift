import FoundationEssentials
import Glibc
import PodRouteCore

/// The change journal: one JSON file per change (`<id>.json`, mode 0600) in a directory of
/// mode 0700 owned by the user. Every write goes to a temporary file that is fsynced, renamed over
/// the entry and followed by an fsync of the directory, so a crash leaves the old entry or the new
/// one, never a torn file. Beside each entry, `<id>.lock` serialises state changes (apply,
/// confirm, extend, rollback and the guardian) and `<id>.log` takes the guardian's output;
/// `apply.lock` serialises applies, so two never check drift and change routes interleaved.
public struct JournalStore: Sendable {
    public let directory: String

    /// The directory in use: `PODROUTE_STATE_DIR` when set (tests), `/var/lib/podroute` for root,
    /// otherwise `$XDG_STATE_HOME/podroute` (default `~/.local/state/podroute`).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["PODROUTE_STATE_DIR"], !override.isEmpty { return override }
        if geteuid() == 0 { return "/var/lib/podroute" }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/podroute" }
        return (environment["HOME"] ?? "/tmp") + "/.local/state/podroute"
    }

    public init(directory: String = JournalStore.defaultDirectory()) {
        self.directory = directory
    }

    // MARK: Entries

    /// Writes `record` atomically (temporary file, fsync, rename, fsync of the directory).
    func write(_ record: ChangeRecord) throws(JournalError) {
        try prepareDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do { data = try encoder.encode(record) } catch { throw .corrupt("cannot encode: \(error)") }
        let path = entryPath(record.id)
        let temporary = "\(directory)/.\(record.id).\(getpid()).tmp"
        let file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard file >= 0 else { throw .system("create \(temporary)", errno) }
        var failure: JournalError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(file, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue }; failure = .system("write \(temporary)", errno); return }
                offset += written
            }
        }
        if failure == nil, fchmod(file, 0o600) != 0 { failure = .system("chmod \(temporary)", errno) }
        if failure == nil, fsync(file) != 0 { failure = .system("fsync \(temporary)", errno) }
        close(file)
        if failure == nil, rename(temporary, path) != 0 { failure = .system("rename to \(path)", errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        try syncDirectory()
    }

    /// Reads one entry.
    public func read(_ id: String) throws(JournalError) -> ChangeRecord {
        try Self.validate(id)
        let path = entryPath(id)
        guard let data = FileManager.default.contents(atPath: path) else {
            if access(path, F_OK) != 0, errno == ENOENT { throw .unknownChange(id) }
            throw .system("read \(path)", errno)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(ChangeRecord.self, from: data) } catch {
            throw .corrupt("\(path): \(error)")
        }
    }

    /// Every entry, oldest first; unreadable ones are reported, not skipped silently.
    public func list() throws(JournalError) -> (records: [ChangeRecord], unreadable: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return ([], []) }
        var records: [ChangeRecord] = []
        var unreadable: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            do { records.append(try read(String(name.dropLast(5)))) } catch { unreadable.append("\(name): \(error)") }
        }
        return (records.sorted { $0.createdAt < $1.createdAt }, unreadable)
    }

    /// The newest entry in one of `states`: what `confirm` and `rollback` act on without an id.
    public func newest(in states: Set<ChangeState>) throws(JournalError) -> ChangeRecord? {
        try list().records.last { states.contains($0.state) }
    }

    // MARK: Locks and paths

    /// Holds `<id>.lock` while `body` reads, decides and rewrites the entry.
    func withEntryLock<T>(_ id: String, _ body: () throws(ApplyError) -> T) throws(ApplyError) -> T {
        do { try Self.validate(id); try prepareDirectory() } catch { throw .journal(error) }
        let lock: FileLock
        do { lock = try FileLock(path: "\(directory)/\(id).lock") } catch { throw .journal(error) }
        return try lock.holding(body)
    }

    /// Holds `apply.lock` (one apply at a time, across processes).
    func withApplyLock<T>(_ body: () throws(ApplyError) -> T) throws(ApplyError) -> T {
        do { try prepareDirectory() } catch { throw .journal(error) }
        let lock: FileLock
        do { lock = try FileLock(path: "\(directory)/apply.lock") } catch { throw .journal(error) }
        return try lock.holding(body)
    }

    func entryPath(_ id: String) -> String { "\(directory)/\(id).json" }

    /// Where the guardian of a change writes what it did.
    public func logPath(_ id: String) -> String { "\(directory)/\(id).log" }

    /// A fresh id: UTC time and 16 random bits (`20261127-081500-3f9a`), sortable and safe in paths.
    static func newID(at date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        let day = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
        let clock = "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
        let random = String(UInt16.random(in: .min ... .max), radix: 16)
        return "\(day)-\(clock)-\(String(repeating: "0", count: 4 - random.count))\(random)"
    }

    /// Ids are letters, digits and dashes: nothing a path could be made of.
    static func validate(_ id: String) throws(JournalError) {
        guard !id.isEmpty, id.count <= 64, id.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || $0 == 45 }) else {
            throw .invalidID(Sanitizer.printable(id))
        }
    }

    /// Creates the directory (and parents) with mode 0700 and refuses one that others can write
    /// or that belongs to someone else: the journal decides what gets reverted.
    func prepareDirectory() throws(JournalError) {
        for index in directory.indices.dropFirst() where directory[index] == "/" {
            mkdir(String(directory[..<index]), 0o755)
        }
        if mkdir(directory, 0o700) != 0, errno != EEXIST { throw .system("mkdir \(directory)", errno) }
        var info = stat()
        guard lstat(directory, &info) == 0 else { throw .system("stat \(directory)", errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .insecureDirectory("\(directory) is not a directory") }
        guard info.st_uid == geteuid() else { throw .insecureDirectory("\(directory) belongs to uid \(info.st_uid)") }
        if info.st_mode & 0o077 != 0, chmod(directory, 0o700) != 0 { throw .system("chmod 0700 \(directory)", errno) }
    }

    private func syncDirectory() throws(JournalError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("open \(directory)", errno) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw .system("fsync \(directory)", errno) }
    }
}
