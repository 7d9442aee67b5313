import Foundation

/// A person who uses a business account (R-ACC-5): its superuser (the applicant) or a user the
/// superuser added.
public struct AccountUser: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<AccountUser>

    /// What the user may do.
    public enum Role: String, Codable, Sendable, Hashable, CaseIterable {
        /// Adds and removes users, buys membership, and everything a user does.
        case superuser
        /// Registers products and reads the account.
        case user
    }

    /// Whether the user can act.
    public enum Status: String, Codable, Sendable, Hashable {
        /// Created; no password yet.
        case invited
        /// Has set a password.
        case active
        /// Removed by a superuser; kept for the history, holds no e-mail.
        case removed
    }

    public static let kind = "user"

    /// The user's ID.
    public let id: ID
    /// The account.
    public let accountID: BusinessAccount.ID
    /// The user's name.
    public var name: String
    /// The user's e-mail (login).
    public var email: EmailAddress
    /// The user's language for mails and texts.
    public var language: Language
    /// The role.
    public var role: Role
    /// The status.
    public var status: Status
    /// When the user was added.
    public let createdAt: Date

    /// Creates a user.
    package init(id: ID, accountID: BusinessAccount.ID, name: String, email: EmailAddress, language: Language, role: Role,
                status: Status = .invited, createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.email = email
        self.language = language
        self.role = role
        self.status = status
        self.createdAt = createdAt
    }

    /// A user that is not removed holds its e-mail: one person, one login (R-ACC-4).
    public var uniqueKeys: [String] {
        status == .removed ? [] : [BusinessAccountApplication.emailKey(email)]
    }

    /// The account's index and the address's (also of a removed user, so an erasure finds it, R-GDPR-2).
    public var indexKeys: [String] { [Self.byAccount(accountID).rawValue, Self.byEmail(email).rawValue] }

    /// The index key of the users, removed or not, with `email` (R-GDPR-2).
    public static func byEmail(_ email: EmailAddress) -> IndexKey<AccountUser> { IndexKey("user-email:\(email.key)") }

    /// The index key of the users of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<AccountUser> { IndexKey("account:\(accountID)") }
}

/// Named in the reader's language (R-MSG-1, R-ACC-5).
extension AccountUser.Role: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.userRole.\(rawValue)") }
}

/// Named in the reader's language (R-MSG-1, R-ACC-5).
extension AccountUser.Status: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.userStatus.\(rawValue)") }
}
