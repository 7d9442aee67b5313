/// The first rule an adapter broke in a conformance suite — ``StorageConformance`` (R-ADP-1),
/// ``PaymentGatewayConformance`` (R-LIFE-5): which suite, which rule, and what happened.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The suite that found it, e.g. `"storage conformance"`.
    public let suite: String
    /// The rule checked, e.g. `"a stale write fails with a conflict and changes nothing"`.
    public let rule: String
    /// What the adapter did instead.
    public let detail: String

    /// Creates a failure of `suite` (storage conformance unless told).
    public init(rule: String, detail: String, suite: String = "storage conformance") {
        self.suite = suite
        self.rule = rule
        self.detail = detail
    }

    /// A readable summary.
    public var description: String { "\(suite): \(rule): \(detail)" }
}
