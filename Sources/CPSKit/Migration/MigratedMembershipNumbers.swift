/// The old CPS membership numbers the migration kept on record (R-MIG-3), for the membership
/// service, so that a new membership never reuses one (R-MEM-2). The default of
/// ``MembershipService/init(_:previousNumbers:)``.
public struct MigratedMembershipNumbers: PreviousMembershipNumbers {
    /// The store holding the ``LegacyMembership`` records.
    public let store: any RecordStore

    /// Reads from `store`.
    public init(store: any RecordStore) { self.store = store }

    /// The old CPS numbers kept for `accountID` (R-MEM-2, R-MIG-3).
    public func previousNumbers(of accountID: BusinessAccount.ID) async throws -> [String] {
        try await store.previousMembershipNumbers(of: accountID)
    }
}
