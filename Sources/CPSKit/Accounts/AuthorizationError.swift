/// A principal tried something it may not do (R-ACC-5). Nothing was read or changed.
///
/// The message never reveals whether a record of another account exists.
public struct AuthorizationError: LocalizedFailure, Equatable {
    /// What was refused.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case reviewerOnly, applicantOnly, superuserOnly, otherAccount, inactiveUser, wrongPrincipal
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``AuthorizationError/code``.
        public var description: String { representation.rawValue }

        /// Only a reviewer may do this.
        public static let reviewerOnly = Reason(.reviewerOnly)
        /// Only the applicant of this application may do this.
        public static let applicantOnly = Reason(.applicantOnly)
        /// Only a superuser of the account may do this.
        public static let superuserOnly = Reason(.superuserOnly)
        /// The principal is not a user of this account (or the record does not exist).
        public static let otherAccount = Reason(.otherAccount)
        /// The user is removed or not yet active.
        public static let inactiveUser = Reason(.inactiveUser)
        /// The principal's kind cannot do this at all.
        public static let wrongPrincipal = Reason(.wrongPrincipal)
    }

    /// What was refused.
    public let reason: Reason
    /// Who tried.
    public let principal: String

    /// Creates an error.
    public init(_ reason: Reason, principal: Principal) {
        self.reason = reason
        self.principal = principal.description
    }

    public var code: String { "authorization.\(reason)" }
    public var textKey: TextKey { TextKey("authorization.error.\(reason)") }
    /// Always `FailureCategory.refusal`.
    public var category: FailureCategory { .refusal }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] { [:] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [AuthorizationError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .reviewerOnly: AuthorizationError(.reviewerOnly, principal: .reviewer("reviewer-1"))
            case .applicantOnly: AuthorizationError(.applicantOnly, principal: .reviewer("reviewer-1"))
            case .superuserOnly: AuthorizationError(.superuserOnly, principal: .reviewer("reviewer-1"))
            case .otherAccount: AuthorizationError(.otherAccount, principal: .reviewer("reviewer-1"))
            case .inactiveUser: AuthorizationError(.inactiveUser, principal: .reviewer("reviewer-1"))
            case .wrongPrincipal: AuthorizationError(.wrongPrincipal, principal: .reviewer("reviewer-1"))
            }
        }
    }
}
