import PodRouteCore
import Testing
@testable import PodRouteUI

/// The bundled demo node (`podroute --demo`): what an operator sees first. The fixture node
/// (ScreenTests) adds live rates, more workloads and an unknown pod; this is the real file.
@Suite struct DemoCaptureTests {
    @Test(arguments: [Size(width: 100, height: 30), Size(width: 80, height: 24)])
    func demoScreens(size: Size) throws {
        let snapshot = try #require(Fixtures.demoCapture())
        var state = AppState(snapshot: snapshot, size: size, now: Fixtures.clock)
        Fixtures.press(&state, .down, .down, .down, .down, .down)
        Golden.assertScreen(render(state), named: "interfaces-\(size)")
        Fixtures.press(&state, .char("2"), .down, .down, .down)
        Golden.assertScreen(render(state), named: "routes-\(size)")
    }

    @Test(arguments: [Size(width: 100, height: 30), Size(width: 80, height: 24)], [Glyphs.unicode, .ascii])
    func demoRendersEveryView(size: Size, glyphs: Glyphs) throws {
        let snapshot = try #require(Fixtures.demoCapture())
        var state = AppState(snapshot: snapshot, configuration: AppConfiguration(glyphs: glyphs), size: size,
                             now: Fixtures.clock)
        for key in [Key.char("1"), .char("2"), .char("3"), .char("4"), .char("?")] {
            _ = reduce(&state, .key(key))
            let text = render(state).text()
            #expect(!text.contains("enlarge"))
            #expect(text.contains("demo (static)"))
        }
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.char("1")))
        let interfaces = render(state).text()
        #expect(interfaces.contains("tunl0"))
        #expect(interfaces.contains("workloads ("))
        #expect(!interfaces.contains("calico-workload"), "every demo workload should resolve to its pod")
        _ = reduce(&state, .key(.char("2")))
        #expect(render(state).text().contains("blackhole"))
    }
}
