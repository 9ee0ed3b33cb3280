import Foundation
import Testing
import PodRouteCore
@testable import PodRouteUI

@Test func scratchPrint() {
    var out = ""
    var state = Fixtures.state()
    out += render(state).text() + "\n"
    state = Fixtures.state(size: Size(width: 80, height: 24))
    out += render(state).text() + "\n"
    _ = reduce(&state, .key(.char("2")))
    out += render(state).text() + "\n"
    state = Fixtures.state(size: Size(width: 100, height: 30))
    _ = reduce(&state, .key(.char("2")))
    out += render(state).text() + "\n"
    if let demo = Fixtures.demoCapture() {
        out += ("demo: \(demo.links.count) links \(demo.routes.count) routes\n")
        let s = AppState(snapshot: demo, size: Size(width: 100, height: 30))
        out += render(s).text()
    } else { out += ("demo capture did not load") }
    try? out.write(toFile: "/tmp/screens.txt", atomically: true, encoding: .utf8)
}
