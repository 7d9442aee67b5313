/// Why a change to an account's users was refused (R-ACC-5). Nothing was changed.
public struct AccountError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case emailInUse, userNotFound, lastSuperuser
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``AccountError/code``.
        public var description: String { representation.rawValue }

        /// The e-mail already belongs to a user or an open application (R-ACC-4).
        public static let emailInUse = Reason(.emailInUse)
        /// No such user on the account.
        public static let userNotFound = Reason(.userNotFound)
        /// A superuser cannot remove themself, and an account keeps at least one superuser.
        public static let lastSuperuser = Reason(.lastSuperuser)
    }

    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message.
    public let facts: [String: String]
    /// For ``Reason/emailInUse``: the ID of the user of the same account who already has the e-mail
    /// (R-ACC-4); `nil` when the e-mail belongs to someone outside the account, who is never named.
    public let existingID: AccountUser.ID?

    /// Creates an error.
    public init(_ reason: Reason, facts: [String: String] = [:], existingID: AccountUser.ID? = nil) {
        self.reason = reason
        self.facts = facts
        self.existingID = existingID
    }

    public var code: String { "account.\(reason)" }
    public var textKey: TextKey { TextKey("account.error.\(reason)") }
    /// Always `FailureCategory.refusal`.
    public var category: FailureCategory { .refusal }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        MessageArgument.typed(facts)
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [AccountError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .emailInUse: AccountError(.emailInUse, facts: ["email": "anna@example.se"])
            case .userNotFound: AccountError(.userNotFound, facts: ["user": "user-2"])
            case .lastSuperuser: AccountError(.lastSuperuser)
            }
        }
    }
}
