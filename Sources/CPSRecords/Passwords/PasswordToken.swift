import Foundation

/// A single-use password-set token (R-PWD-2, R-ID-3). The record holds no secret and nothing from
/// which the token can be derived without the host's key: a 128-bit random ``nonce`` and the ``keyID``
/// of the key that signs it. The token mailed is `HMAC-SHA256(key, id ‖ nonce)`, computed by the mail
/// dispatcher at delivery and by the password service when the link is used.
///
/// A record written before issue 16 (a SHA-256 digest, no nonce) decodes with `nonce` and `keyID`
/// absent and never verifies: its user asks for a new link.
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
    public let userID: AccountUser.ID
    /// The user's account.
    public let accountID: BusinessAccount.ID
    /// 16 random bytes, base64url; `nil` on a record written before issue 16 (never verifies).
    public let nonce: String?
    /// The ID of the ``TokenKeys`` key that signs the token; `nil` on a record written before issue 16.
    public let keyID: String?
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
    package init(id: String, userID: AccountUser.ID, accountID: BusinessAccount.ID, nonce: String, keyID: String, purpose: Purpose,
                issuedAt: Date, expiresAt: Date) {
        self.id = id
        self.userID = userID
        self.accountID = accountID
        self.nonce = nonce
        self.keyID = keyID
        self.purpose = purpose
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.state = .active
    }

    public var indexKeys: [String] { [Self.byUser(userID).rawValue, Self.byState(state).rawValue] }

    /// The index key of the tokens of `userID`.
    public static func byUser(_ userID: AccountUser.ID) -> IndexKey<PasswordToken> { IndexKey("user:\(userID)") }
    /// The index key of the tokens in `state`.
    public static func byState(_ state: State) -> IndexKey<PasswordToken> { IndexKey("token:\(state.rawValue)") }
}
