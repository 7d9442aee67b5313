import Foundation

/// An account's points and complete registrations, kept up to date in the same batch as every ledger
/// entry, so reading them is one look-up (R-PTS-1) — the facts that decide the invitation (R-INV-1)
/// and the open CPS levels (R-TIER-1, R-TIER-2).
///
/// The ledger entries are the truth; this record is their running sum, never edited on its own.
public struct PointsBalance: StoredRecord, Equatable {
    public static let kind = "points-balance"

    /// The account's ID (one balance per account).
    public let id: BusinessAccount.ID
    /// The sum of the account's ledger entries.
    public var points: Int
    /// The number of complete registrations currently on the account (R-PRD-3).
    public var completeRegistrations: Int
    /// The number of ledger entries summed (for audits: it must equal the ledger's count).
    public var entryCount: Int
    /// When the account was invited to join CPS (R-INV-1), once.
    public var invitedAt: Date?
    /// The outbox ID of the invitation e-mail (R-INV-1), once sent.
    public var invitationMailID: String?

    /// A zero balance for `accountID`.
    package init(accountID: BusinessAccount.ID) {
        id = accountID
        points = 0
        completeRegistrations = 0
        entryCount = 0
        invitedAt = nil
        invitationMailID = nil
    }

    /// The account's ID.
    public var accountID: BusinessAccount.ID { id }
}
