import PodRouteCore
import Testing

@Suite("Route slots, operation states and drift")
struct RouteDriftTests {
    static let pods = try! IPPrefix.parse("10.21.0.0/16")
    let eth1 = InterfaceIndex(3)
    var requested: Route { Route(family: .inet, destination: Self.pods, gateway: IPAddress("10.20.1.22"), device: eth1) }
    /// What the kernel reports for `requested`: same fields plus its own flags and table.
    var kernel: Route {
        var route = requested
        route.flags = [.linkdown]
        route.table = .main
        return route
    }
    var other: Route { Route(family: .inet, destination: Self.pods, gateway: IPAddress("10.20.1.24"), device: eth1) }

    @Test func theKernelsCopySatisfiesTheRequestButAnotherGatewayDoesNot() {
        #expect(kernel.satisfies(requested))
        #expect(!other.satisfies(requested))
        var otherMetric = kernel
        otherMetric.metric = 100
        #expect(!otherMetric.satisfies(requested), "metric 100 is another slot")
        var otherProto = kernel
        otherProto.proto = .static
        #expect(!otherProto.satisfies(requested))
    }

    @Test func ipv6RoutesWithoutAMetricSitAt1024() {
        let prefix = try! IPPrefix.parse("fd00:21::/48")
        #expect(RouteSlot(Route(family: .inet6, destination: prefix)).metric == 1024)
        #expect(RouteSlot(Route(family: .inet6, destination: prefix, metric: 1024)) == RouteSlot(Route(family: .inet6, destination: prefix)))
        #expect(RouteSlot(Route(family: .inet, destination: Self.pods)).metric == 0)
    }

    @Test func anAddIsAppliedNotAppliedOrChanged() {
        let add = RouteOperation(.add, requested)
        #expect(add.state(in: []) == .notApplied)
        #expect(add.state(in: [kernel]) == .applied(live: kernel))
        #expect(add.state(in: [other]) == .changed(live: [other]))
        #expect(add.inverse(live: kernel) == RouteOperation(.delete, kernel, previous: requested))
    }

    @Test func aReplaceIsNotAppliedWhileThePreviousRouteIsThere() {
        let replace = RouteOperation(.replace, requested, previous: other)
        #expect(replace.state(in: [other]) == .notApplied)
        #expect(replace.state(in: [kernel]) == .applied(live: kernel))
        #expect(replace.state(in: []) == .changed(live: []))
        #expect(replace.inverse(live: kernel) == RouteOperation(.replace, other, previous: requested))
    }

    @Test func aDeleteIsAppliedWhenTheSlotIsEmpty() {
        let delete = RouteOperation(.delete, other, previous: other)
        #expect(delete.state(in: []) == .applied(live: nil))
        #expect(delete.state(in: [other]) == .notApplied)
        #expect(delete.state(in: [kernel]) == .changed(live: [kernel]))
        #expect(delete.inverse(live: nil) == RouteOperation(.add, other))
    }

    @Test func driftShowsBothSidesOfEachTouchedDestination() {
        let add = RouteOperation(.add, requested)
        #expect(RouteDrift(operations: [add], preState: [], live: []).isEmpty)
        let unrelated = Route(family: .inet, destination: try! IPPrefix.parse("10.0.0.0/8"), gateway: IPAddress("10.20.1.1"))
        #expect(RouteDrift(operations: [add], preState: [], live: [unrelated]).isEmpty, "other destinations are not drift")
        let drift = RouteDrift(operations: [add], preState: [], live: [other])
        #expect(drift.differences.count == 1)
        #expect(drift.differences.first?.expected == [])
        #expect(drift.differences.first?.live == [other])
        var lowerMetric = other
        lowerMetric.metric = 50
        #expect(!RouteDrift(operations: [add], preState: [], live: [lowerMetric]).isEmpty,
                "a route for the same prefix with another metric changes what the plan does")
        let replace = RouteOperation(.replace, requested, previous: other)
        #expect(RouteDrift(operations: [replace], preState: [other], live: [other]).isEmpty)
        #expect(!RouteDrift(operations: [replace], preState: [other], live: []).isEmpty)
        var flagged = other
        flagged.flags = [.linkdown]
        #expect(RouteDrift(operations: [replace], preState: [other], live: [flagged]).isEmpty, "the kernel's own flags are not drift")
    }
}
