import Testing

extension Trait where Self == ConditionTrait {
    /// Skips (with the reason printed) unless the test can create network namespaces: root and `ip`.
    public static var needsNetns: Self {
        .enabled(if: TestNamespace.unavailableReason == nil, Comment(rawValue: TestNamespace.unavailableReason ?? ""))
    }
}
