/// Where the membership service learns the numbers an account had **outside** CPSKit's own
/// ``Membership`` records — its old CPS number, kept by the migration (R-MEM-2, R-MIG-1).
///
/// The service always adds the numbers of the account's earlier ``Membership`` records itself; a new
/// number differs from all of them, and they stay on record. By default it asks
/// ``MigratedMembershipNumbers`` (the old CPS numbers the migration kept). A host with another source
/// conforms a small type:
///
/// ```swift
/// struct OldCPSNumbers: PreviousMembershipNumbers {
///     let store: any RecordStore
///     func previousNumbers(of accountID: BusinessAccount.ID) async throws -> [String] {
///         try await store.fetch(MigrationRecord.self, id: accountID).map { [$0.record.oldCPSNumber] } ?? []
///     }
/// }
/// let service = MembershipService(context, previousNumbers: OldCPSNumbers(store: context.store))
/// ```
public protocol PreviousMembershipNumbers: Sendable {
    /// The membership numbers `accountID` had before, in any spelling; empty when none (R-MEM-2).
    func previousNumbers(of accountID: BusinessAccount.ID) async throws -> [String]
}
