/// A change to the reviewer directory was refused (R-VAL-1, R-ID-4). Nothing was changed.
public struct ReviewerError: LocalizedFailure, Equatable {
    /// What was refused.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case emailInUse, notFound
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``ReviewerError/code``.
        public var description: String { representation.rawValue }

        /// An active reviewer has this e-mail already.
        public static let emailInUse = Reason(.emailInUse)
        /// No active reviewer has this e-mail.
        public static let notFound = Reason(.notFound)
    }

    /// What was refused.
    public let reason: Reason
    /// Facts for the message (the e-mail).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, facts: [String: String] = [:]) {
        self.reason = reason
        self.facts = facts
    }

    public var code: String { "reviewer.\(reason)" }
    public var textKey: TextKey { TextKey("reviewer.error.\(reason)") }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// The facts of the message (the e-mail), as text.
    public var messageArguments: [String: MessageArgument] { facts.mapValues(MessageArgument.text) }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [ReviewerError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .emailInUse: ReviewerError(.emailInUse, facts: ["email": "rita@canon-europe.example"])
            case .notFound: ReviewerError(.notFound, facts: ["email": "rita@canon-europe.example"])
            }
        }
    }
}
