@testable import podroute
import Testing

/// `podroute probe` and `trace --probe` print loss and round trips the same way: mtr's loss,
/// ping's milliseconds.
@Suite("Probe figures")
struct ProbeFiguresTests {
    @Test func lossHasOneDecimalAsMtrPrintsIt() {
        #expect(ProbeFigures.percent(0) == "0.0%")
        #expect(ProbeFigures.percent(100.0 / 3) == "33.3%")
        #expect(ProbeFigures.percent(66.66) == "66.7%")
        #expect(ProbeFigures.percent(100) == "100.0%")
    }

    @Test func roundTripsHaveThreeDecimalsAsPingPrintsThem() {
        #expect(ProbeFigures.milliseconds(nil) == "-")
        #expect(ProbeFigures.milliseconds(.microseconds(412)) == "0.412")
        #expect(ProbeFigures.milliseconds(.microseconds(12_005)) == "12.005")
        #expect(ProbeFigures.milliseconds(.nanoseconds(1_999_600)) == "2.000")
    }
}
