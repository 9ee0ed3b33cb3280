import PodRouteCore
import Testing

@Suite("Route operations")
struct RouteOperationTests {
    let pods = Route(family: .inet, destination: try! IPPrefix.parse("10.21.0.0/16"),
                     gateway: IPAddress("10.20.1.22"), device: InterfaceIndex(2))
    let other = Route(family: .inet, destination: try! IPPrefix.parse("10.21.0.0/16"),
                      gateway: IPAddress("10.20.1.24"), device: InterfaceIndex(2))

    @Test func addIsUndoneByDeletingTheSameRoute() {
        let inverse = RouteOperation(.add, pods).inverse
        #expect(inverse.action == .delete)
        #expect(inverse.route == pods)
        #expect(inverse.inverse.action == .add)
    }

    @Test func replaceIsUndoneByRestoringWhatItReplaced() {
        let inverse = RouteOperation(.replace, pods, previous: other).inverse
        #expect(inverse == RouteOperation(.replace, other, previous: pods))
        #expect(inverse.inverse == RouteOperation(.replace, pods, previous: other))
    }

    @Test func replaceOfNothingIsUndoneByDeleting() {
        #expect(RouteOperation(.replace, pods).inverse.action == .delete)
    }

    @Test func deleteIsUndoneByAddingThePreviousRoute() {
        let inverse = RouteOperation(.delete, pods, previous: other).inverse
        #expect(inverse.action == .add)
        #expect(inverse.route == other)
    }
}
