import Foundation
import PodRouteApply
import PodRouteCore
import PodRouteTesting
import Testing

/// The journal on disk: private, whole, and written before the kernel is touched.
@Suite("Journal", .needsNetns, .needsLabTools, .serialized)
struct JournalTests {
    @Test func entriesArePrivateCompleteAndNamedSafely() throws {
        let fixture = try ApplyFixture(label: "journal")
        defer { fixture.remove() }
        let change = try fixture.control.apply(fixture.request([RouteOperation(.add, try fixture.podRoute())], confirmWithin: .seconds(60)))
        var info = stat()
        #expect(stat(fixture.stateDirectory, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        #expect(stat("\(fixture.stateDirectory)/\(change.id).json", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.stateDirectory)
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "no temporary file is left: \(files)")

        let text = try String(contentsOfFile: "\(fixture.stateDirectory)/\(change.id).json", encoding: .utf8)
        for key in ["\"preState\"", "\"operations\"", "\"inverses\"", "\"deadline\"", "\"namespace\"", "\"guardianPID\""] {
            #expect(text.contains(key), "journal entry has \(key)")
        }
        #expect(text.contains("10.21.0.0/16 via 10.20.1.22 dev eth1"))
        let record = try fixture.control.status(change.id)
        #expect(record.operationLines == ["add 10.21.0.0/16 via 10.20.1.22 dev eth1"])
        #expect(record.inverseLines == ["delete 10.21.0.0/16 via 10.20.1.22 dev eth1"])
        #expect(record.history.map(\.state) == [.pending, .pending])
        #expect(record.namespace == fixture.gw)

        for hostile in ["../../etc/passwd", "", "A B", String(repeating: "a", count: 100)] {
            #expect(throws: ApplyError.self) { try fixture.control.confirm(hostile) }
        }
        #expect(try fixture.control.confirm().id == change.id, "without an id, the newest pending change")
        #expect(try fixture.control.rollback().id == change.id)
    }

    @Test func aJournalDirectoryOthersCanWriteIsTightened() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-perm-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        chmod(parent, 0o777)
        let control = ChangeControl(store: JournalStore(directory: parent), executable: PodRouteBinary.path)
        #expect(try control.journalEntries().records.isEmpty)
        #expect(throws: ApplyError.self) { try control.confirm("20261127-000000-0000") }
        var info = stat()
        #expect(stat(parent, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
    }

    @Test func theDefaultDirectoryFollowsTheRules() {
        #expect(JournalStore.defaultDirectory(environment: ["PODROUTE_STATE_DIR": "/tmp/x"]) == "/tmp/x")
        if geteuid() == 0 {
            #expect(JournalStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/home/a/.state"]) == "/var/lib/podroute")
        } else {
            #expect(JournalStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/home/a/.state"]) == "/home/a/.state/podroute")
        }
    }
}
