/// The first rule a store broke in ``StorageConformance`` (R-ADP-1): which rule, and what happened.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The rule checked, e.g. `"a stale write fails with a conflict and changes nothing"`.
    public let rule: String
    /// What the store did instead.
    public let detail: String

    /// Creates a failure.
    public init(rule: String, detail: String) {
        self.rule = rule
        self.detail = detail
    }

    /// A readable summary (R-ADP-1).
    public var description: String { "storage conformance: \(rule): \(detail)" }
}
