/// Who is acting in a service call (R-ACC-5). Every service call names one and is checked against it.
///
/// The host authenticates people (sign-in, reviewer single sign-on); CPSKit authorises what each may
/// do. An account user is named by user ID only: the user's account and role (superuser or user)
/// are read from the store, never trusted from the caller.
public enum Principal: Hashable, Codable, Sendable, CustomStringConvertible {
    /// A person applying for a business account, known by the contact e-mail of the application.
    case applicant(EmailAddress)
    /// A Canon reviewer who validates applications, known by the host's reviewer ID.
    case reviewer(String)
    /// A user of a business account, by user ID.
    case accountUser(String)
    /// A scheduled job of the host (mail dispatch, invoicing), by name.
    case system(String)

    public var description: String {
        switch self {
        case .applicant(let email): "applicant:\(email.key)"
        case .reviewer(let id): "reviewer:\(id)"
        case .accountUser(let id): "user:\(id)"
        case .system(let name): "system:\(name)"
        }
    }
}
