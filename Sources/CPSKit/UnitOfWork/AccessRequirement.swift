/// What a service operation requires of its principal (R-ACC-5, R-ID-4): the cases of the one
/// authorisation entry point, ``UnitOfWork/authorize(_:)``.
enum AccessRequirement: Sendable {
    /// The applicant whose e-mail is the application's contact e-mail.
    case applicantOf(BusinessAccountApplication)
    /// An active user of the account.
    case userOf(accountID: BusinessAccount.ID)
    /// An active superuser of the account.
    case superuserOf(accountID: BusinessAccount.ID)
    /// A reviewer of the directory (``CPSContext/reviewers``).
    case reviewer
    /// A reviewer of the directory who is not a party to the application: not its applicant or
    /// contact, nor a user of its account (R-VAL-1).
    case reviewerOf(BusinessAccountApplication)
    /// A job or import of the host.
    case system
    /// Any one of the requirements; the error is the first requirement's.
    indirect case anyOf([AccessRequirement])
}
