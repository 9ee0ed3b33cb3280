import PodRouteCore
import PodRouteTesting
import Testing

struct JSONSupersetTests {
    private func differences(_ expected: String, _ actual: String, tolerance: JSONSuperset.Tolerance = .none,
                             checkingOrder: Bool = false) throws -> [String] {
        JSONSuperset.differences(expected: try JSONValue.parse(expected), actual: try JSONValue.parse(actual),
                                 tolerance: tolerance, checkingOrder: checkingOrder)
    }

    @Test func extraMembersAreAllowed() throws {
        #expect(try differences(#"[{"dst":"default","flags":[]}]"#,
                                #"[{"dst":"default","flags":[],"family":"inet","role":"uplink"}]"#).isEmpty)
    }

    @Test func missingMembersAndDifferentValuesAreReported() throws {
        let found = try differences(#"[{"dst":"10.0.0.0/24","metric":100,"nexthops":[{"dev":"eth0"}]}]"#,
                                    #"[{"dst":"10.0.0.0/25","nexthops":[{"dev":"eth1"}]}]"#)
        #expect(found.count == 3)
        #expect(found.contains { $0.hasPrefix("$[0].dst: expected \"10.0.0.0/24\"") })
        #expect(found.contains { $0.hasPrefix("$[0].metric: missing") })
        #expect(found.contains { $0.hasPrefix("$[0].nexthops[0].dev:") })
    }

    @Test func typesMatterNumbersCompareByValue() throws {
        #expect(try differences(#"{"table":"100"}"#, #"{"table":100}"#).count == 1)
        #expect(try differences(#"{"not":null}"#, #"{"not":false}"#).count == 1)
        #expect(try differences(#"{"t":12}"#, #"{"t":12.0}"#).isEmpty)
        #expect(try differences(#"{"t":18446744073709551615}"#, #"{"t":18446744073709551615}"#).isEmpty)
    }

    @Test func arraysMustMatchInLengthAndOrder() throws {
        #expect(try differences(#"{"flags":["UP"]}"#, #"{"flags":["UP","M-DOWN"]}"#).count == 1)
        #expect(try differences(#"{"flags":["A","B"]}"#, #"{"flags":["B","A"]}"#).count == 2)
    }

    @Test func memberOrderIsCheckedOnlyWhenAsked() throws {
        let expected = #"{"prefsrc":"10.0.0.1","metric":5,"flags":[]}"#
        let reordered = #"{"metric":5,"prefsrc":"10.0.0.1","flags":[],"family":"inet"}"#
        #expect(try differences(expected, reordered).isEmpty)
        #expect(try differences(expected, reordered, checkingOrder: true).count == 1)
        let extraInside = #"{"prefsrc":"10.0.0.1","x":1,"metric":5,"flags":[]}"#
        #expect(try differences(expected, extraInside, checkingOrder: true).isEmpty)
    }

    @Test func tickingTimersGetTolerance() throws {
        let expected = #"{"info_data":{"gc_timer":297.99,"hello_time":200},"valid_life_time":2999}"#
        let later = #"{"info_data":{"gc_timer":296.50,"hello_time":200},"valid_life_time":2997}"#
        #expect(try differences(expected, later).count == 2)
        #expect(try differences(expected, later, tolerance: .tickingTimers).isEmpty)
        let changed = #"{"info_data":{"gc_timer":297.99,"hello_time":201},"valid_life_time":2999}"#
        #expect(try differences(expected, changed, tolerance: .tickingTimers).count == 1)
        let farOff = #"{"info_data":{"gc_timer":200.0,"hello_time":200},"valid_life_time":2999}"#
        #expect(try differences(expected, farOff, tolerance: .tickingTimers).count == 1)
    }
}
