import Foundation
import PodRouteCore
import Testing
@testable import PodRouteUI

/// Golden screens of the Plan view on the lab-like site's gateway: the preview at 120x36 and
/// 80x24, the apply dialog (plain and risky), and the countdown banner over another view.
@Suite struct PlanScreenTests {
    @Test(arguments: [Size(width: 120, height: 36), Size(width: 80, height: 24)])
    func perNodePreview(size: Size) {
        var state = PlanReducerTests.state(namespace: true, size: size)
        Fixtures.press(&state, .char("4"), .char(" "))  // the pool, per node
        Golden.assertScreen(render(state), named: "\(size)")
    }

    @Test(arguments: [Size(width: 120, height: 36), Size(width: 80, height: 24)])
    func typedAggregateASCII(size: Size) {
        var state = PlanReducerTests.staged()
        _ = reduce(&state, .resize(size))
        state = PlanReducerTests.restyled(state, glyphs: .ascii)
        let buffer = render(state)
        #expect(buffer.rows.allSatisfy { $0.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) } })
        Golden.assertScreen(buffer, named: "\(size)")
    }

    @Test func applyDialog() {
        var state = PlanReducerTests.staged()
        Fixtures.press(&state, .char("a"))
        Golden.assertScreen(render(state), named: "cancel")
    }

    @Test func riskyApplyDialog() {
        var state = PlanReducerTests.state(namespace: true,
                                           session: SSHSession(client: IPAddress("10.21.7.9")!, variable: "SSH_CONNECTION"))
        Fixtures.press(&state, .char("4"))
        _ = PlanReducerTests.command(&state, "cidr 10.21.0.0/16")
        _ = PlanReducerTests.command(&state, "via 10.20.1.22")
        Fixtures.press(&state, .char("m"), .char("a"), .tab)
        Fixtures.type(&state, "for")
        Golden.assertScreen(render(state), named: "force")
    }

    @Test func bannerOverRoutes() {
        var state = PlanReducerTests.staged()
        PlanReducerTests.pending(&state)
        Fixtures.press(&state, .char("2"))
        Golden.assertScreen(render(state), named: "pending")
    }
}
