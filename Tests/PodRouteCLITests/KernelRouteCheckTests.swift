import PodRouteCore
import PodRouteNetlink
import Testing
@testable import podroute

/// The comparison of the snapshot's decision with the kernel's answers, and how a disagreement
/// is shown: the live tests can only produce agreement on a kernel that does not change.
@Suite struct KernelRouteCheckTests {
    private let snapshot = NetworkSnapshot(host: "t", source: .demo,
                                           links: [Link(index: InterfaceIndex(2), name: "eth0"), Link(index: InterfaceIndex(3), name: "eth1")],
                                           routes: RouteStore([]))
    private func route(_ prefix: String, via gateway: String, device: Int32) -> Route {
        Route(family: .inet, destination: IPPrefix(captureText: Substring(prefix))!, gateway: IPAddress(gateway),
              device: InterfaceIndex(device))
    }
    private func refusal(_ errno: Errno) -> Result<Route, NetlinkError> {
        .failure(NetlinkError(.query(.getRoute), .kernel(errno, ExtendedAck())))
    }

    @Test func agreementAndEachKindOfDisagreement() {
        let text = RouteText(snapshot: snapshot)
        let ours = route("10.21.0.0/16", via: "10.0.0.1", device: 2)
        let taken = Route(family: .inet, destination: IPPrefix(host: IPAddress("10.21.0.5")!), gateway: IPAddress("10.0.0.1"),
                          device: InterfaceIndex(2))
        #expect(KernelRouteCheck.compare(.route(ours), taken: .success(taken), matched: .success(ours), text: text).isEmpty)
        // Another FIB entry matched.
        let other = route("10.21.0.0/24", via: "10.0.0.2", device: 3)
        let differs = KernelRouteCheck.compare(.route(ours), taken: .success(taken), matched: .success(other), text: text)
        #expect(differs.count == 1 && differs[0].contains("the kernel matches 10.21.0.0/24 via 10.0.0.2 dev eth1"))
        // The kernel's hop is none of the route's.
        let elsewhere = Route(family: .inet, destination: IPPrefix(host: IPAddress("10.21.0.5")!), gateway: IPAddress("10.0.0.9"),
                              device: InterfaceIndex(3))
        #expect(KernelRouteCheck.compare(.route(ours), taken: .success(elsewhere), matched: .success(ours), text: text).count == 1)
        // The snapshot expects a refusal the kernel does not make, and the reverse.
        #expect(KernelRouteCheck.compare(.refusal(.EINVAL, because: "blackhole route"), taken: refusal(.EINVAL),
                                         matched: refusal(.EINVAL), text: text).isEmpty)
        #expect(KernelRouteCheck.compare(.refusal(.EINVAL, because: "blackhole route"), taken: .success(taken),
                                         matched: .success(ours), text: text).count == 1)
        #expect(KernelRouteCheck.compare(.route(ours), taken: refusal(.ENETUNREACH), matched: refusal(.ENETUNREACH),
                                         text: text).count == 1)
    }
}
