import PodRouteCore

/// Checks that podroute's JSON is a superset of iproute2's: every member of every expected
/// object exists in the actual object with an equal value, extra members allowed.
///
/// This is the contract scripts rely on ("a jq filter written against `ip -j` keeps working on
/// podroute's output"), so differences are reported as jq-style paths with both values.
/// Arrays are compared element by element, in order, and must have the same length (an extra
/// flag in `flags` is a difference). Numbers compare by value (`12`, `12.0` and an unsigned
/// `12` are equal); a string never equals a number (`"table":"100"` is not `100`).
public enum JSONSuperset {
    /// Members whose numbers may move between two reads of a live system.
    public struct Tolerance: Sendable {
        /// Exact member names that may differ.
        public var keys: Set<String>
        /// Name endings that may differ (`_timer` covers every bridge timer).
        public var keySuffixes: [String]
        /// The largest difference accepted for those members.
        public var maximumDifference: Double
        /// Timers that count down and restart (the bridge's `gc_timer`, 300 s) compare modulo
        /// their period, so a restart between two reads is no difference.
        public var periods: [String: Double]

        public init(keys: Set<String> = [], keySuffixes: [String] = [], maximumDifference: Double = 0,
                    periods: [String: Double] = [:]) {
            self.keys = keys
            self.keySuffixes = keySuffixes
            self.maximumDifference = maximumDifference
            self.periods = periods
        }

        /// Values must be equal.
        public static let none = Tolerance()

        /// Bridge and bridge-port timers (`hold_timer`, `gc_timer`, ...), route `expires` and
        /// address lifetimes tick between two reads; accept a few seconds of drift.
        public static let tickingTimers = Tolerance(
            keys: ["expires", "valid_life_time", "preferred_life_time", "ageing_timer"],
            keySuffixes: ["_timer"], maximumDifference: 5, periods: ["gc_timer": 300])

        func applies(to key: String) -> Bool {
            keys.contains(key) || keySuffixes.contains { key.hasSuffix($0) }
        }
    }

    /// Every way `actual` fails to contain `expected`, one line each; empty when it does.
    /// With `checkingOrder`, the members both objects share must also come in the same order
    /// (extra members may sit anywhere), which is what "prints like iproute2" means to a
    /// reader of the raw text.
    public static func differences(expected: JSONValue, actual: JSONValue, path: String = "$",
                                   tolerance: Tolerance = .none, checkingOrder: Bool = false) -> [String] {
        var found: [String] = []
        compare(expected, actual, path: path, key: nil,
                context: Context(tolerance: tolerance, checkingOrder: checkingOrder), into: &found)
        return found
    }

    private struct Context {
        var tolerance: Tolerance
        var checkingOrder: Bool
    }

    private static func compare(_ expected: JSONValue, _ actual: JSONValue, path: String, key: String?,
                                context: Context, into found: inout [String]) {
        let tolerance = context.tolerance
        switch (expected, actual) {
        case (.object(let want), .object(let have)):
            for (name, value) in want {
                let memberPath = path + "." + quotedIfNeeded(name)
                guard let other = have[name] else {
                    found.append("\(memberPath): missing (expected \(render(value)))")
                    continue
                }
                compare(value, other, path: memberPath, key: name, context: context, into: &found)
            }
            if context.checkingOrder {
                let wanted = want.keys
                let shared = have.keys.filter { want[$0] != nil }
                if shared != wanted.filter({ have[$0] != nil }) {
                    found.append("\(path): members in another order: expected \(wanted), found \(have.keys)")
                }
            }
        case (.array(let want), .array(let have)):
            if want.count != have.count {
                found.append("\(path): \(want.count) elements expected, \(have.count) found "
                             + "(expected \(render(expected)), found \(render(actual)))")
            }
            for (position, (left, right)) in zip(want, have).enumerated() {
                compare(left, right, path: "\(path)[\(position)]", key: nil, context: context, into: &found)
            }
        default:
            if let left = number(expected), let right = number(actual) {
                if !numbersEqual(left, right, key: key, tolerance: tolerance) {
                    found.append("\(path): expected \(render(expected)), found \(render(actual))")
                }
            } else if expected != actual {
                found.append("\(path): expected \(render(expected)), found \(render(actual))")
            }
        }
    }

    private enum Number {
        case integer(Int64)
        case unsigned(UInt64)
        case decimal(Double)

        var asDouble: Double {
            switch self {
            case .integer(let value): Double(value)
            case .unsigned(let value): Double(value)
            case .decimal(let value): value
            }
        }
    }

    private static func number(_ value: JSONValue) -> Number? {
        switch value {
        case .int(let number): .integer(number)
        case .uint(let number): .unsigned(number)
        case .double(let number): .decimal(number)
        default: nil
        }
    }

    private static func numbersEqual(_ left: Number, _ right: Number, key: String?, tolerance: Tolerance) -> Bool {
        switch (left, right) {
        case (.integer(let a), .integer(let b)) where a == b: return true
        case (.unsigned(let a), .unsigned(let b)) where a == b: return true
        case (.integer(let a), .unsigned(let b)), (.unsigned(let b), .integer(let a)):
            if a >= 0, UInt64(a) == b { return true }
        default:
            if left.asDouble == right.asDouble { return true }
        }
        if let key, tolerance.applies(to: key) {
            var difference = abs(left.asDouble - right.asDouble)
            if let period = tolerance.periods[key], difference <= period { difference = min(difference, period - difference) }
            return difference <= tolerance.maximumDifference
        }
        return false
    }

    private static func quotedIfNeeded(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z")
            || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        return plain && !name.isEmpty ? name : "\"\(Sanitizer.printable(name))\""
    }

    /// Compact JSON of a value, cut short for messages.
    static func render(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 128)
        writer.value(value)
        let text = writer.text
        return text.count > 160 ? String(text.prefix(160)) + "..." : text
    }
}
