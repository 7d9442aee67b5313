/// The identity (password) adapter: where passwords live (R-PWD-2, R-PWD-3, R-ID-1, R-ID-2).
/// CPSKit checks a new password against the policy and hands it over; it never stores a password
/// itself.
///
/// CPSKit ships two: `InMemoryIdentityProvider` (tests, examples; lost on restart) and
/// `RecordStoreIdentityProvider` (durable, in the same ``RecordStore`` as everything else). A host
/// may instead talk to its identity system (an IdP, a user directory). Rules, checked by
/// `CPSKitTesting`'s `IdentityProviderConformance`:
///
/// 1. store only a salted, slow hash; `setPassword` replaces any earlier password (one password per user);
/// 2. `verifyPassword` answers false for a wrong password and for a user without a password;
/// 3. `verifyUnknownUser` does the same work as `verifyPassword` does for a known user and answers
///    false, so that sign-in costs the same whether or not the e-mail has an account (R-ID-2);
/// 4. `credentialVersion` changes on every `setPassword`, so a host can end the sessions of a user
///    whose password was reset;
/// 5. throw ``IdentityError`` when the system cannot be reached, so CPSKit keeps the token usable.
public protocol IdentityProvider: Sendable {
    /// Sets (or replaces) the password of `userID`, whose login is `email`.
    func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError)

    /// Whether `password` is the password of `userID` (false when the user has none).
    func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool

    /// The work of ``verifyPassword(_:userID:)`` for a known user, for a sign-in whose e-mail has no
    /// active user (R-ID-2); always false.
    func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool

    /// The version of `userID`'s credential, nil without one: a different value after every
    /// ``setPassword(_:userID:email:)``, so a host keeps it in a session and ends the session when it
    /// changes.
    func credentialVersion(userID: String) async throws(IdentityError) -> Int?
}

/// The identity system could not do what was asked (R-PWD-2): a `FailureCategory.failure`; the
/// password link stays usable.
public struct IdentityError: LocalizedFailure, Equatable {
    /// The kind of failure.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case unavailable
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``IdentityError/code``.
        public var description: String { representation.rawValue }

        /// The identity system could not be reached or refused to work.
        public static let unavailable = Reason(.unavailable)
    }

    /// The kind of failure.
    public let reason: Reason
    /// What went wrong, for logs (never in the message).
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// Creates an ``Reason/unavailable`` error (the form of CPSKit 0.x).
    public init(_ detail: String) { self.init(.unavailable, detail: detail) }

    /// `identity.<reason>`.
    public var code: String { "identity.\(reason)" }
    /// Always `FailureCategory.failure`.
    public var category: FailureCategory { .failure }
    /// `password.error.identityUnavailable`.
    public var textKey: TextKey { "password.error.identityUnavailable" }
    /// None: the detail is for logs.
    public var messageArguments: [String: MessageArgument] { [:] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [IdentityError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .unavailable: IdentityError(.unavailable, detail: "connection refused")
            }
        }
    }
}
