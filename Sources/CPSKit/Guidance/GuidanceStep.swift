/// One next step for a user (R-GUIDE-1): a stable ``code`` for programs, the account's own ``facts``
/// as data, and the ``text`` in the user's language with those facts filled in ("validation can take up
/// to 2 working days — expected by Monday 30 November 2026").
///
/// Facts are machine values (ISO dates `2026-11-30`, integers without grouping, amounts as
/// `200.00 EUR`, codes); the text shows them as people read them in the language.
public struct GuidanceStep: Hashable, Codable, Sendable {
    /// What kind of step this is (R-GUIDE-1).
    public let code: GuidanceCode
    /// The account's own facts behind the step, as data (R-GUIDE-1).
    public let facts: [String: String]
    /// The step in the user's language (R-GUIDE-1).
    public let text: String
    /// Further lines under the text: what is unmet, which products, the ways on (R-GUIDE-1, R-DOC-6).
    public let details: [String]

    /// Creates a step (R-GUIDE-1); ``NextSteps`` is the usual way.
    public init(code: GuidanceCode, facts: [String: String], text: String, details: [String] = []) {
        self.code = code
        self.facts = facts
        self.text = text
        self.details = details
    }
}
