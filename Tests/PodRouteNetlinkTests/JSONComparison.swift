import Foundation
import PodRouteCore

/// Whether a decoded JSON value equals what `ip -j` printed (parsed by JSONSerialization):
/// numbers compare by value (iproute2's `0.00` timers parse as doubles), objects key by key.
func jsonMatches(_ ours: JSONValue, _ theirs: Any) -> Bool {
    switch ours {
    case .null: return theirs is NSNull
    case .bool(let value): return (theirs as? NSNumber)?.boolValue == value && !(theirs is String)
    case .int, .uint, .double:
        guard let number = theirs as? NSNumber, let value = ours.doubleValue else { return false }
        return abs(number.doubleValue - value) < 1e-9
    case .string(let value): return (theirs as? String) == value
    case .array(let values):
        guard let array = theirs as? [Any], array.count == values.count else { return false }
        return zip(values, array).allSatisfy { jsonMatches($0, $1) }
    case .object(let object):
        guard let dictionary = theirs as? [String: Any], dictionary.count == object.count else { return false }
        return object.allSatisfy { member in dictionary[member.key].map { jsonMatches(member.value, $0) } ?? false }
    }
}

/// The keys of `theirs` missing or different in `ours`, and the keys `ours` has that `theirs`
/// lacks, ignoring keys for which `ignore` is true. Empty when they agree.
func jsonDifferences(_ ours: JSONObject, _ theirs: [String: Any], ignore: (String) -> Bool = { _ in false }) -> [String] {
    var differences: [String] = []
    for (key, value) in theirs.sorted(by: { $0.key < $1.key }) where !ignore(key) {
        guard let mine = ours[key] else { differences.append("missing \(key)=\(value)"); continue }
        if !jsonMatches(mine, value) { differences.append("\(key): ours \(mine), ip \(value)") }
    }
    for key in ours.keys where theirs[key] == nil && !ignore(key) {
        differences.append("extra \(key)=\(ours[key].map { "\($0)" } ?? "")")
    }
    return differences
}
