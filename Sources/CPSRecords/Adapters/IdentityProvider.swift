/// The identity (password) adapter: where passwords live (R-PWD-2, R-PWD-3). CPSKit checks a new
/// password against the policy and hands it over; it never stores a password itself.
///
/// A real implementation talks to the host's identity system (an IdP, a user directory). Rules:
/// store only a salted, slow hash; `setPassword` replaces any earlier password; throw
/// ``IdentityError`` when the system cannot be reached, so CPSKit keeps the token usable.
public protocol IdentityProvider: Sendable {
    /// Sets (or replaces) the password of `userID`, whose login is `email`.
    func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError)

    /// Whether `password` is the password of `userID`.
    func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool
}

/// The identity system could not do what was asked (R-PWD-2).
public struct IdentityError: LocalizedFailure, Equatable {
    /// What went wrong, for logs.
    public let detail: String

    /// Creates an error.
    public init(_ detail: String) { self.detail = detail }

    public var code: String { "identity.unavailable" }
    public var textKey: TextKey { "password.error.identityUnavailable" }
    public var textArguments: [String: String] { ["detail": detail] }
}
