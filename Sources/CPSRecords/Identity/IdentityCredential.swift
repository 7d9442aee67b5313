import Foundation

/// A password as `RecordStoreIdentityProvider` keeps it (R-ID-1): the PHC string of a salted
/// PBKDF2-HMAC-SHA256 hash, never the password, and the credential version (R-ID-2).
public struct IdentityCredential: StoredRecord, Equatable {
    public static let kind = "identity.credential"

    /// The user's ID.
    public let id: String
    /// `$pbkdf2-sha256$i=…$<salt>$<hash>` (``PasswordHash/phcString``).
    public var hash: String
    /// 1 for the first password, one more after every reset; a rehash keeps it.
    public var credentialVersion: Int

    /// Creates a credential.
    public init(id: String, hash: String, credentialVersion: Int) {
        self.id = id
        self.hash = hash
        self.credentialVersion = credentialVersion
    }
}
