/// Finds the old CPS account of a business account (R-MIG-1): a shared step of the migration and
/// guidance services, so neither builds the other. Asks the context's ``CPSContext/legacyDirectory``,
/// an outside system, so it is never called inside a unit of work.
struct LegacyAccountFinder {
    let context: CPSContext

    /// Whether "MIGRATE PRODUCTS" is available to `account`, and the legacy account when it is.
    func find(for account: BusinessAccount) async throws -> (availability: MigrationAvailability, legacy: LegacyCPSAccount?) {
        guard let email = account.oldCPSEmail else { return (.unavailable(.noOldEmailGiven, email: nil), nil) }
        guard let directory = context.legacyDirectory else { return (.unavailable(.noLegacyDirectory, email: email), nil) }
        guard let legacy = try await directory.account(forEmail: email) else {
            return (.unavailable(.noLegacyAccountFound, email: email), nil)
        }
        return (.available(email: email, account: legacy), legacy)
    }
}
