/// A successful sign-in (R-ID-2, R-PWD-3): the user, their account, and the credential version a
/// host keeps in the session (a different version later means the password was reset: end the session).
public struct SignedIn: Sendable, Equatable {
    /// The active user.
    public let user: AccountUser
    /// The user's account.
    public let account: BusinessAccount
    /// The identity adapter's credential version of the user, if it keeps one.
    public let credentialVersion: Int?

    /// The user as a principal, for the calls that follow.
    public var principal: Principal { .accountUser(user.id.rawValue) }
}
