import PodRouteCore
import Testing
@testable import PodRouteUI

/// Golden screens: the views of the fixture node at 100x30 and 80x24, UTF-8 and ASCII glyphs,
/// each with its colour and monochrome style maps.
@Suite struct ScreenTests {
    static let sizes = [Size(width: 100, height: 30), Size(width: 80, height: 24)]

    @Test(arguments: sizes)
    func interfacesUTF8(size: Size) {
        var state = Fixtures.state(size: size)
        Fixtures.press(&state, .down, .down, .down, .down, .down, .down, .down, .down)  // a workload with its pod
        Golden.assertScreen(render(state), named: "\(size)")
    }

    @Test(arguments: sizes)
    func interfacesASCII(size: Size) {
        var state = Fixtures.state(size: size, glyphs: .ascii)
        Fixtures.press(&state, .down, .down, .down)  // docker0: NO-CARRIER
        let buffer = render(state)
        #expect(buffer.rows.allSatisfy { $0.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) } })
        Golden.assertScreen(buffer, named: "\(size)")
    }

    @Test(arguments: sizes)
    func routesUTF8(size: Size) {
        var state = Fixtures.state(size: size)
        Fixtures.press(&state, .char("2"), .down, .down, .down)  // 10.21.69.192/26: a remote block via tunl0
        Golden.assertScreen(render(state), named: "\(size)")
    }

    @Test(arguments: sizes)
    func routesASCII(size: Size) {
        var state = Fixtures.state(size: size, glyphs: .ascii)
        Fixtures.press(&state, .char("2"), .down, .down, .down, .down, .down)  // the blackhole block
        let buffer = render(state)
        #expect(buffer.rows.allSatisfy { $0.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) } })
        Golden.assertScreen(buffer, named: "\(size)")
    }

    @Test func routeDetailFocused() {
        var state = Fixtures.state(size: Size(width: 100, height: 30))
        Fixtures.press(&state, .char("2"), .down, .down, .down, .enter)
        Golden.assertScreen(render(state), named: "remote-block")
    }

    @Test func staticCapture() {
        let state = Fixtures.state(size: Size(width: 80, height: 24), source: .capture(path: "/tmp/captures/node-1.txt"))
        Golden.assertScreen(render(state), named: "capture")
    }

    @Test func filteredAndPaused() {
        var state = Fixtures.state(size: Size(width: 100, height: 30))
        Fixtures.press(&state, .char("/"))
        Fixtures.type(&state, "kube-system")
        Fixtures.press(&state, .enter, .char("p"))
        Golden.assertScreen(render(state), named: "interfaces")
    }

    @Test func filterPromptOpen() {
        var state = Fixtures.state(size: Size(width: 80, height: 24))
        Fixtures.press(&state, .char("2"), .char("/"))
        Fixtures.type(&state, "^10\\.21\\.230")
        Golden.assertScreen(render(state), named: "routes")
    }

    @Test func commandCompletion() {
        var state = Fixtures.state(size: Size(width: 80, height: 24))
        Fixtures.press(&state, .char(":"), .char("p"), .tab)
        Golden.assertScreen(render(state), named: "candidates")
    }

    @Test(arguments: [Glyphs.unicode, Glyphs.ascii])
    func help(glyphs: Glyphs) {
        var state = Fixtures.state(size: Size(width: 100, height: 30), glyphs: glyphs)
        Fixtures.press(&state, .char("?"), .down, .down)
        Golden.assertScreen(render(state), named: glyphs.isUnicode ? "utf8" : "ascii")
    }

    /// A single node: the candidates are its own blocks (the blackhole) and the blocks it routes to.
    @Test func planOnANode() {
        var state = Fixtures.state(size: Size(width: 80, height: 24))
        Fixtures.press(&state, .char("4"), .char(" "))
        Golden.assertScreen(render(state), named: "Plan")
    }

    @Test(arguments: [Size(width: 59, height: 24), Size(width: 80, height: 14), Size(width: 20, height: 5)])
    func tooSmall(size: Size) {
        let state = Fixtures.state(size: size)
        let buffer = render(state)
        #expect(buffer.text().contains("enlarge the window (needs 60x15)") || size.width < 33)
        Golden.assertScreen(buffer, named: "\(size)")
    }

    @Test func minimumSizeStillWorks() {
        var state = Fixtures.state(size: Layout.minimum)
        Fixtures.press(&state, .char("2"))
        let text = render(state).text()
        #expect(!text.contains("enlarge"))
        #expect(text.contains("10.20.1.254"))
        Golden.assertScreen(render(state), named: "routes")
    }
}
