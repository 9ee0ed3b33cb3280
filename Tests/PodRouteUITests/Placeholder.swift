import Testing
@testable import PodRouteUI
@Test func placeholder() {}
