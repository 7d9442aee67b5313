/// Brings the stored keys of every record kind the library writes up to date (R-ADP-1): what
/// `cps store reindex` runs after an upgrade that changed how keys are derived (issue 17 item 4 did,
/// for invoices, memberships and decided applications). See ``RecordStore/reindex(_:)``.
public enum StoreReindexing {
    /// Every record kind CPSKit's services store.
    public static let libraryKinds: [any StoredRecord.Type] = [
        BusinessAccountApplication.self, EvidenceFile.self, BusinessAccount.self, AccountUser.self, PasswordToken.self,
        PasswordTokenClaim.self, PasswordResetRequest.self, SignInThrottleBucket.self, IdentityCredential.self,
        Reviewer.self, AuditEntry.self, AuditChainHead.self, OutboxMail.self, PointsBalance.self, ProductRegistration.self,
        LedgerEntry.self, LegacyMembership.self, Membership.self, MembershipNumberCounter.self, MembershipPurchase.self,
        Invoice.self, InvoiceSeriesCounter.self, ChargeAttempt.self, IncomingPayment.self, AccountCredit.self,
        CreditNote.self, IdempotencyRecord.self, LegalHold.self,
    ]

    /// Reindexes every kind of ``libraryKinds`` in `store`: the records rewritten, by kind (kinds
    /// with none left out). Safe while the services work, twice, and from two processes at once.
    public static func reindexAll(_ store: any RecordStore) async throws(StorageError) -> [String: Int] {
        var rewritten: [String: Int] = [:]
        for kind in libraryKinds {
            let count = try await reindex(kind, in: store)
            if count > 0 { rewritten[kind.kind] = count }
        }
        return rewritten
    }

    private static func reindex<R: StoredRecord>(_ type: R.Type, in store: any RecordStore) async throws(StorageError) -> Int {
        try await store.reindex(R.self)
    }
}
