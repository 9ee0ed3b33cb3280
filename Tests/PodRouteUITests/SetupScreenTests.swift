import Foundation
import PodRouteCore
import Testing
@testable import PodRouteUI

/// Golden screens of the guided setup on the lab-like site's gateway: every step at 120x36, the
/// first two at 80x24 too, and the countdown banner with the probe's evidence.
@Suite struct SetupScreenTests {
    @Test(arguments: SetupStep.allCases)
    func step(_ step: SetupStep) {
        var state = SetupWizardTests.opened()
        _ = SetupWizardTests.go(&state, to: step)
        if step == .apply {
            _ = reduce(&state, .probeFinished(VerificationProbe(target: SetupWizardTests.pod, namespace: "gw"), .before, .noRoute))
        }
        Golden.assertScreen(render(state), named: "\(step.rawValue)-\(step.shortTitle.replacing(" ", with: "-"))")
    }

    @Test(arguments: [SetupStep.whereAmI, .unreachable])
    func smallTerminal(_ step: SetupStep) {
        var state = SetupWizardTests.opened(size: Size(width: 80, height: 24))
        _ = SetupWizardTests.go(&state, to: step)
        Golden.assertScreen(render(state), named: "\(step.rawValue)-\(step.shortTitle.replacing(" ", with: "-"))")
    }

    @Test func bannerWithTheProbe() {
        var state = SetupWizardTests.opened()
        _ = SetupWizardTests.go(&state, to: .apply)
        let probe = VerificationProbe(target: SetupWizardTests.pod, namespace: "gw")
        _ = reduce(&state, .probeFinished(probe, .before, .noRoute))
        Fixtures.press(&state, .enter, .tab, .enter)
        _ = reduce(&state, .changeUpdated(ChangeStatus(id: "c-7", state: "pending", deadline: Fixtures.clock.addingTimeInterval(107),
                                                       journal: "/var/lib/podroute")))
        _ = reduce(&state, .probeFinished(probe, .after, .answered(roundTrip: .microseconds(420))))
        Golden.assertScreen(render(state), named: "evidence")
    }
}
