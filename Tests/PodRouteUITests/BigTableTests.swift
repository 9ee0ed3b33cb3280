import PodRouteCore
import Testing
@testable import PodRouteUI

/// A million routes: moving and drawing must never touch more than the visible rows.
@Suite struct BigTableTests {
    static let count = 1_000_000

    /// One node with a million /32 routes via a gateway on ens192 (the shape of a big FIB).
    static let model: SnapshotModel = {
        let base = Fixtures.node()
        var store = RouteStore()
        for route in base.routes { store.append(route) }
        let gateway = Fixtures.ip("10.20.1.1")
        var address: UInt32 = 100 << 24 | 64 << 16
        while store.count < count {
            store.append(Route(family: .inet, destination: IPPrefix(host: .v4(IPv4Address(address))), proto: .static,
                               gateway: gateway, device: InterfaceIndex(2)))
            address += 1
        }
        return SnapshotModel(snapshot: base.replacing(routes: store))
    }()

    static func state(size: Size = Size(width: 100, height: 30)) -> AppState {
        var state = AppState(model: model, size: size, now: Fixtures.clock)
        _ = reduce(&state, .key(.char("2")))
        return state
    }

    @Test func endAndPageDownMoveWithoutBuildingRows() {
        var state = Self.state()
        #expect(state.routeRows.count == Self.count)
        for key in [Key.end, .pageUp, .pageDown, .home, .char("G"), .up] {
            let effects = reduce(&state, .key(key))
            #expect(effects.isEmpty, "\(key) started a job")
            #expect(state.routeRows.isIdentity, "\(key) materialised the row list")
        }
        #expect(state.routeCursor.selected == Self.count - 2)
        let (buffer, stats) = renderFrame(state, size: state.size)
        let visible = Layout(state: state).tableRows
        #expect(stats.rowsFormatted <= visible)
        #expect(stats.rowsFormatted == visible)
        #expect(buffer.text().contains("100.79.66.37"))  // the second-to-last route
        #expect(buffer.rows[1].text.contains("2 Routes 1,000,000"))
        #expect(buffer.text().contains("999,999/1,000,000"))
        // At the minimum width the long tab labels stay inside the frame.
        let narrow = render(state, size: Layout.minimum)
        #expect(narrow.rows[1].text.hasSuffix("│"))
        #expect(narrow.rows[1].text.hasPrefix("│ 1 Interfaces 16   2 Routes 1,000,000"))
    }

    /// The same node with 60,000 routes and a low limit for inline work: the job path, quickly.
    @Test func filteringABigTableRunsOffTheLoop() {
        let base = Fixtures.node()
        var store = RouteStore()
        for route in base.routes { store.append(route) }
        for offset in 0..<60_000 as Range<UInt32> {
            store.append(Route(family: .inet, destination: IPPrefix(host: .v4(IPv4Address(100 << 24 | 64 << 16 + offset))),
                               proto: .static, gateway: Fixtures.ip("10.20.1.1"), device: InterfaceIndex(2)))
        }
        var state = AppState(snapshot: base.replacing(routes: store), configuration: AppConfiguration(inlineRouteLimit: 10_000))
        Fixtures.press(&state, .char("2"), .end, .char("/"))
        var jobs: [Job] = []
        for character in "100.64.2." {
            for effect in reduce(&state, .key(.char(character))) {
                if case .run(let job) = effect { jobs.append(job) }
            }
        }
        #expect(jobs.count == "100.64.2.".count)
        #expect(state.routeJobPending)
        #expect(state.routeRows.count == 60_025)  // the old rows stay until the result lands
        // An abandoned job (the loop cancelled it for a newer one) stops early and yields nothing.
        var asked = 0
        #expect(jobs[0].run(shouldContinue: { asked += 1; return asked < 3 }) == nil)
        #expect(asked == 3)
        _ = reduce(&state, .jobFinished(jobs.last!.run()))
        #expect(!state.routeJobPending)
        #expect(state.routeRows.count == 256)
        #expect(!state.routeRows.isIdentity)
        let (_, stats) = renderFrame(state, size: state.size)
        #expect(stats.rowsFormatted <= Layout(state: state).tableRows)
        // Sorting is a job too, and a reverse of ip's order needs no comparison at all.
        Fixtures.press(&state, .escape)
        #expect(state.routeRows.isIdentity)
        guard case .run(let sortJob)? = reduce(&state, .key(.char("S"))).first else {
            Issue.record("reversing did not start a job")
            return
        }
        _ = reduce(&state, .jobFinished(sortJob.run()))
        #expect(state.routeRows[0] == 60_024)
    }
}
