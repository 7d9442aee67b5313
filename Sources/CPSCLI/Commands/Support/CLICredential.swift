import CPSKit

/// A password as the `cps` tool's identity adapter keeps it (R-PWD-2): a random salt and an iterated,
/// salted SHA-256, never the password.
struct CLICredential: StoredRecord, Equatable {
    static let kind = "cli.credential"
    /// The user's ID.
    let id: String
    /// The salt, hex.
    var salt: String
    /// The stretched hash, hex.
    var hash: String
}
