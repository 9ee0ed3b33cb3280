extension IPPrefix {
    /// The smallest set of prefixes covering exactly the same addresses: contained prefixes are
    /// dropped and sibling pairs (`10.21.0.0/26` + `10.21.0.64/26`) merge into their parent,
    /// repeatedly. Families are summarised separately; the result is sorted.
    public static func summarize(_ prefixes: [IPPrefix]) -> [IPPrefix] {
        var result: [IPPrefix] = []
        for family in AddressFamily.allCases {
            var stack: [IPPrefix] = []
            for prefix in prefixes.filter({ $0.family == family }).sorted() {
                if let top = stack.last, top.contains(prefix) { continue }
                stack.append(prefix)
                // Merge with the previous prefix while the two are the halves of one parent.
                while stack.count >= 2 {
                    let right = stack[stack.count - 1]
                    let left = stack[stack.count - 2]
                    guard left.length == right.length, left.length > 0 else { break }
                    let parent = left.widened(to: left.length - 1)
                    guard parent.address == left.address, parent.contains(right) else { break }
                    stack.removeLast(2)
                    stack.append(parent)
                }
            }
            result += stack
        }
        return result
    }
}
