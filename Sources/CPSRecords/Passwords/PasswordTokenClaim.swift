import Foundation

/// A `setPassword` under way with a token (R-PWD-1, claim → call → record): written before the
/// identity adapter is called, removed when the token is recorded as used (or the call failed).
///
/// While it is held, another use of the token is refused (`tokenBusy`), so two callers never both
/// hand a password to the identity adapter; after a crash it simply expires and the link works
/// again. The token itself stays active until the record step, so no crash can burn the link
/// without the password being set.
public struct PasswordTokenClaim: StoredRecord, Equatable {
    public static let kind = "password-token.claim"

    /// The token's record ID.
    public let id: String
    /// This claim's own ID: the record step checks it is still the claim it made.
    public let claimID: String
    /// Until when the claim holds.
    public let heldUntil: Date

    /// Creates a claim.
    public init(id: String, claimID: String, heldUntil: Date) {
        self.id = id
        self.claimID = claimID
        self.heldUntil = heldUntil
    }
}
