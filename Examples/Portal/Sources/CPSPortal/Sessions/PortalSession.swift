import CPSKit
import Foundation

/// A signed-in browser session (R-HOST-2), kept in the host's record store so that it survives a
/// restart and is shared by every portal process on one PostgreSQL database.
///
/// The cookie holds a random 256-bit token; the record's ID is the token's SHA-256 digest, so nothing
/// read from the store (a backup, a leaked dump) signs anyone in. A new session is made at every
/// sign-in (rotation), and sign-out deletes the record.
public struct PortalSession: StoredRecord, Hashable {
    /// The record kind.
    public static let kind = "portal.session"

    /// Who is signed in.
    public enum Subject: Hashable, Codable, Sendable {
        /// A user of a business account.
        case user(AccountUser.ID, account: BusinessAccount.ID)
        /// A reviewer of the back office.
        case reviewer(Reviewer.ID)
        /// Someone who applied from this browser and follows their application.
        case applicant(BusinessAccountApplication.ID, email: EmailAddress)
    }

    /// The hex SHA-256 digest of the cookie's token.
    public let id: String
    /// Who is signed in.
    public let subject: Subject
    /// When the session began.
    public let createdAt: Date
    /// When it ends however active it is.
    public let expiresAt: Date

    /// Creates a session record.
    public init(id: String, subject: Subject, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.subject = subject
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// The principal the services authorise.
    public var principal: Principal {
        switch subject {
        case .user(let user, _): .accountUser(user)
        case .reviewer(let reviewer): .reviewer(reviewer)
        case .applicant(_, let email): .applicant(email)
        }
    }

    /// The account of a user's session.
    public var accountID: BusinessAccount.ID? {
        if case .user(_, let account) = subject { return account }
        return nil
    }
}
