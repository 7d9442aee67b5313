/// A host's policy could not be loaded: which field, and what is wrong with it (SPEC §1).
public struct PolicyError: LocalizedFailure, Equatable {
    /// The dotted path of the field, e.g. `validation.slaWorkingDays` (empty for the whole document).
    public let field: String
    /// What is wrong.
    public let problem: String

    /// Creates an error.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var code: String { "policy.invalid" }
    public var textKey: TextKey { "policy.error.invalid" }
    public var textArguments: [String: String] { ["field": field.isEmpty ? "(document)" : field, "problem": problem] }
}
