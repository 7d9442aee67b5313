/// A policy value that validates but does not suit production (R-UOW-3): reported through the event
/// sink when a ``CPSContext`` is made with the policy.
public struct PolicyWarning: Hashable, Sendable {
    /// The dotted field, e.g. `retries.attempts`.
    public let field: String
    /// Why it is unsuitable.
    public let problem: String

    /// Creates a warning.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
}
