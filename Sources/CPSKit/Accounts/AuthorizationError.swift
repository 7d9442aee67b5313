/// A principal tried something it may not do (R-ACC-5). Nothing was read or changed.
///
/// The message never reveals whether a record of another account exists.
public struct AuthorizationError: LocalizedFailure, Equatable {
    /// What was refused.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Only a reviewer may do this.
        public static let reviewerOnly = Reason("reviewerOnly")
        /// Only the applicant of this application may do this.
        public static let applicantOnly = Reason("applicantOnly")
        /// Only a superuser of the account may do this.
        public static let superuserOnly = Reason("superuserOnly")
        /// The principal is not a user of this account (or the record does not exist).
        public static let otherAccount = Reason("otherAccount")
        /// The user is removed or not yet active.
        public static let inactiveUser = Reason("inactiveUser")
        /// The reviewer is not in the reviewer directory, or was removed (R-ID-4).
        public static let unknownReviewer = Reason("unknownReviewer")
        /// The reviewer is the applicant, the contact or a user of the application's account (R-VAL-1);
        /// e-mail addresses are compared whole and case-insensitively.
        public static let reviewerIsParty = Reason("reviewerIsParty")
        /// The principal's kind cannot do this at all.
        public static let wrongPrincipal = Reason("wrongPrincipal")
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
    public var textArguments: [String: String] { ["principal": principal] }
}
