/// What an end-of-service-life revaluation of a model did (R-PRD-1): one `revalued` ledger entry
/// per affected registration.
public struct RevaluationResult: Equatable, Sendable {
    /// The model's normalised key.
    public let modelKey: String
    /// The points each registration of the model holds now.
    public let points: Int
    /// The `revalued` entries written, one per registration whose points changed.
    public let entries: [LedgerEntry]

    /// Creates a result.
    public init(modelKey: String, points: Int, entries: [LedgerEntry]) {
        self.modelKey = modelKey
        self.points = points
        self.entries = entries
    }
}
