import Foundation
import PodRouteCore
import PodRouteTesting
import SnapshotTesting
import Testing

/// One golden document per format: every scenario's apply and rollback script, or its refusal.
/// Each was reviewed line by line against gateway-route-syntax.md before it was accepted.
@Suite("Gateway script goldens")
struct GatewayScriptGoldenTests {
    static var record: SnapshotTestingConfiguration.Record {
        SnapshotTestingConfiguration.Record(rawValue: GoldenRecording.mode(environment: ProcessInfo.processInfo.environment)) ?? .missing
    }

    @Test(arguments: GatewayFormat.allCases)
    func golden(format: GatewayFormat) {
        assertSnapshot(of: VendorScenarios.document(format), as: .lines, named: format.rawValue, record: Self.record)
    }
}
