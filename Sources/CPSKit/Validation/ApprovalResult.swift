/// What an approval created (R-VAL-3): the business account and its superuser, who has been mailed
/// the password-set link.
public struct ApprovalResult: Sendable, Equatable {
    /// The approved application.
    public let application: BusinessAccountApplication
    /// The new account (awaiting its first password).
    public let account: BusinessAccount
    /// The superuser: the application's contact person.
    public let superuser: AccountUser
}
