import Foundation

/// A single-use password-set token (R-PWD-2), stored only as the SHA-256 digest of the secret that
/// was mailed.
public struct PasswordToken: StoredRecord, Equatable {
    /// What the token is for.
    public enum Purpose: String, Codable, Sendable, Hashable {
        /// The first password, mailed on approval (R-VAL-3) or when a superuser adds a user.
        case firstPassword
        /// A reset the user asked for.
        case reset
    }

    /// Whether the token can still be used.
    public enum State: String, Codable, Sendable, Hashable {
        /// Usable until it expires.
        case active
        /// Used once; never again.
        case used
        /// Replaced by a newer token for the same user.
        case voided
    }

    public static let kind = "password-token"

    /// The record's ID (not the secret).
    public let id: String
    /// The user whose password it sets.
    public let userID: String
    /// The user's account.
    public let accountID: String
    /// SHA-256 of the secret, lower-case hex.
    public let digest: String
    /// Why it was issued.
    public let purpose: Purpose
    /// When it was issued.
    public let issuedAt: Date
    /// When it stops working.
    public let expiresAt: Date
    /// Its state.
    public var state: State
    /// When it was used.
    public var usedAt: Date?

    /// Creates a token record.
    package init(id: String, userID: String, accountID: String, digest: String, purpose: Purpose,
                issuedAt: Date, expiresAt: Date) {
        self.id = id
        self.userID = userID
        self.accountID = accountID
        self.digest = digest
        self.purpose = purpose
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.state = .active
    }

    /// The unique key by which a presented secret's digest finds its token.
    public static func digestKey(_ digest: String) -> String { "password-token:\(digest)" }

    public var uniqueKeys: [String] { [Self.digestKey(digest)] }
    public var indexKeys: [String] { [Self.userIndex(userID), "token:\(state.rawValue)"] }

    /// The index key of the tokens of `userID`.
    public static func userIndex(_ userID: String) -> String { "user:\(userID)" }
}
