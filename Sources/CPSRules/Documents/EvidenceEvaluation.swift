/// The state of every evidence requirement of an application (R-DOC-6): satisfied, missing, awaiting
/// examination, or unmet with reasons — what a portal shows as-is, like a verification API's
/// `currently_due` and `errors`.
public struct EvidenceEvaluation: Hashable, Codable, Sendable {
    /// The state of one requirement.
    public struct RequirementState: Hashable, Codable, Sendable {
        /// Whether and how the requirement is met.
        public enum Status: String, Hashable, Codable, Sendable {
            /// A document satisfies it.
            case satisfied
            /// No document of an accepted kind was provided.
            case missing
            /// A document of an accepted kind waits to be examined.
            case awaitingExamination
            /// Documents were provided but none satisfies it; see ``problems``.
            case unmet
        }

        /// The requirement's code (`vatRegistration`, `companyIdentity`).
        public let code: String
        /// The state.
        public let status: Status
        /// The document that satisfies it, when satisfied.
        public let satisfiedBy: EvidenceDocument.ID?
        /// The kinds of document that can satisfy it.
        public let acceptedKinds: [EvidenceKind]
        /// The fields that must be visible and match.
        public let requiredFields: [VisibleField]
        /// Why the provided documents fall short.
        public let problems: [EvidenceProblem]
    }

    /// Every requirement, in policy order.
    public let requirements: [RequirementState]

    /// Whether every requirement is satisfied: approval is possible (R-VAL-1).
    public var isSatisfied: Bool { requirements.allSatisfy { $0.status == .satisfied } }

    /// The codes of the requirements not yet satisfied.
    public var currentlyDue: [String] { requirements.filter { $0.status != .satisfied }.map(\.code) }

    /// Every problem found, across requirements.
    public var errors: [EvidenceProblem] { requirements.flatMap(\.problems) }
}
