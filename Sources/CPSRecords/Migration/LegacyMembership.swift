import Foundation

/// The old CPS membership number of a business account, kept on record (R-MIG-3), the record of
/// kind `"legacy-membership"`. Written when the account first migrates from that legacy account; it
/// holds the global unique key `legacy:<NUMBER>` so one legacy account migrates into one business
/// account only (R-MIG-2).
///
/// Billing reads the account's previous numbers with `RecordStore.previousMembershipNumbers(of:)` (package);
/// hosts through `MigrationService.previousMembershipNumbers(of:as:)`, with a principal (R-ID-4)
/// (R-MEM-2: the new number must differ from them).
public struct LegacyMembership: StoredRecord, Equatable {
    public static let kind = "legacy-membership"

    /// `legacy-` and the normalised membership number.
    public let id: String
    /// The old CPS membership number as the legacy directory gave it.
    public let membershipNumber: String
    /// The business account it migrated into.
    public let accountID: BusinessAccount.ID
    /// The old CPS account's e-mail.
    public let legacyEmail: EmailAddress
    /// When the account claimed it (the first migration run).
    public let claimedAt: Date
    /// When a migration run last finished.
    public var lastMigratedAt: Date?

    /// Creates a record for `account` claimed by `accountID`.
    package init(account: LegacyCPSAccount, accountID: BusinessAccount.ID, claimedAt: Date) {
        id = "legacy-" + account.membershipKey
        membershipNumber = account.membershipNumber
        self.accountID = accountID
        legacyEmail = account.email
        self.claimedAt = claimedAt
        lastMigratedAt = nil
    }

    /// The one-business-account key of a legacy membership number (R-MIG-2), e.g. `legacy:CPS1234567`.
    public static func uniqueKey(_ membershipKey: String) -> String { "legacy:\(membershipKey)" }

    public var uniqueKeys: [String] { [Self.uniqueKey(ProductModel.key(of: membershipNumber))] }

    public var indexKeys: [String] { [Self.byAccount(accountID).rawValue] }

    /// The index key of the legacy memberships migrated into `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<LegacyMembership> { IndexKey("account:\(accountID)") }
}

extension RecordStore {
    /// The old CPS membership numbers of `accountID`, in the order they were migrated (R-MIG-3) — the
    /// "previous numbers" a new membership number must differ from (R-MEM-2).
    package func previousMembershipNumbers(of accountID: BusinessAccount.ID) async throws(StorageError) -> [String] {
        try await fetchAll(LegacyMembership.self, indexKey: LegacyMembership.byAccount(accountID)).map(\.record.membershipNumber)
    }
}
