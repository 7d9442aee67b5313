import Foundation

/// "MIGRATE PRODUCTS" (R-MIG-1…3): whether an account may migrate from the old CPS, and the
/// migration itself.
///
/// The migration copies the legacy products in chunks of ``ProductPolicy/migrationChunkSize``: each
/// chunk is one atomic batch of registrations, their `allocated` ledger entries, the balance and — if
/// the chunk crosses the threshold — the invitation (R-INV-1). Each migrated registration has a
/// deterministic ID derived from the legacy membership number, model and serial, so a run that was
/// interrupted, or a second run, skips what is there and adds nothing twice. Work is linear in the
/// number of legacy products: two keyed look-ups per product and one balance read per chunk. Each
/// step is a unit of work (R-UOW-1); the directory, an outside system, is asked before them. Without
/// a ``CPSContext/legacyDirectory`` migration is unavailable with the reason
/// ``MigrationAvailability/Reason/noLegacyDirectory``.
///
/// ```swift
/// let migration = MigrationService(context)        // the context's legacyDirectory
/// if try await migration.availability(of: accountID, as: principal).isAvailable {
///     let report = try await migration.migrate(accountID, as: principal)
/// }
/// ```
public struct MigrationService: Sendable {
    let context: CPSContext
    private var policy: ProductPolicy { context.policy.products }

    /// Creates the service over the context's ``CPSContext/legacyDirectory``.
    public init(_ context: CPSContext) { self.context = context }

    /// Whether "MIGRATE PRODUCTS" is available to `accountID`, and if not why (R-MIG-1).
    public func availability(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> MigrationAvailability {
        try await lookUp(accountID, principal: principal).availability
    }

    /// Migrates the legacy account found for the application's old CPS e-mail into `accountID`
    /// (R-MIG-2): each product is evaluated as a registration (R-PRD-3); conflicts, products not in
    /// the catalog and incomplete products are reported and the rest goes on. A second run adds
    /// nothing; a legacy account already migrated into another business account is refused with
    /// ``MigrationError/Reason/claimedByAnotherAccount``. The old membership number is kept on record
    /// (R-MIG-3).
    public func migrate(_ accountID: BusinessAccount.ID, as principal: Principal) async throws -> MigrationReport {
        let found = try await lookUp(accountID, principal: principal)
        guard let legacy = found.legacy else {
            let reason: MigrationError.Reason = switch found.availability.reason {
            case .noOldEmailGiven: .noOldEmailGiven
            case .noLegacyDirectory: .noLegacyDirectory
            default: .noLegacyAccountFound
            }
            throw MigrationError(reason, facts: ["email": found.availability.oldCPSEmail?.address ?? ""])
        }
        try await claim(legacy, for: accountID, principal: principal)
        var items: [MigrationItem] = []
        items.reserveCapacity(legacy.products.count)
        let chunkSize = max(1, policy.migrationChunkSize)
        var start = 0
        while start < legacy.products.count {
            let chunk = legacy.products[start..<min(start + chunkSize, legacy.products.count)]
            items += try await migrateChunk(chunk, of: legacy, into: accountID, principal: principal)
            start += chunkSize
        }
        let report = MigrationReport(legacyMembershipNumber: legacy.membershipNumber, accountID: accountID, items: items)
        try await context.transact("migration.finish", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            guard var membership = try await unit.fetch(LegacyMembership.self, id: "legacy-" + legacy.membershipKey) else { return }
            membership.record.lastMigratedAt = unit.now
            try unit.update(membership)
            try unit.audit(accountID, "migration.run",
                           details: ["legacy": legacy.membershipNumber, "migrated": String(report.migratedCount),
                                     "conflicts": String(report.conflictCount), "points": String(report.pointsAllocated)])
        }
        return report
    }

    // MARK: - Steps

    private struct LookUp {
        let availability: MigrationAvailability
        let legacy: LegacyCPSAccount?
    }

    /// Authorises, reads the account, then asks the directory (an outside system, outside any unit).
    private func lookUp(_ accountID: BusinessAccount.ID, principal: Principal) async throws -> LookUp {
        let account = try await context.read("migration.availability", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            guard let account = try await unit.fetch(BusinessAccount.self, id: accountID) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            return account.record
        }
        let found = try await LegacyAccountFinder(context: context).find(for: account)
        return LookUp(availability: found.availability, legacy: found.legacy)
    }

    /// Records the legacy membership for `accountID` (R-MIG-3), or refuses when another business
    /// account holds it (R-MIG-2). Of two accounts racing, the unique key lets exactly one win; the
    /// loser, run again, finds the holder.
    private func claim(_ legacy: LegacyCPSAccount, for accountID: BusinessAccount.ID, principal: Principal) async throws {
        let key = LegacyMembership.uniqueKey(legacy.membershipKey)
        do {
            try await claimOnce(legacy, key: key, for: accountID, principal: principal)
        } catch let error as StorageError where error.reason == .uniqueKeyTaken && error.subject == key {
            try await claimOnce(legacy, key: key, for: accountID, principal: principal)
        }
    }

    private func claimOnce(_ legacy: LegacyCPSAccount, key: String, for accountID: BusinessAccount.ID, principal: Principal) async throws {
        try await context.transact("migration.claim", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            if let holder = try await unit.holder(of: key) {
                let owner = holder.kind == LegacyMembership.kind
                    ? try RecordCoder.decode(LegacyMembership.self, from: holder).record.accountID : ""
                if owner == accountID { return }
                throw MigrationError(.claimedByAnotherAccount, facts: ["number": legacy.membershipNumber])
            }
            try unit.insert(LegacyMembership(account: legacy, accountID: accountID, claimedAt: unit.now))
            try unit.audit(accountID, "migration.claimed", details: ["legacy": legacy.membershipNumber])
        }
    }

    /// Migrates one chunk as one unit of work; a serial taken meanwhile makes the chunk run again
    /// from fresh reads, where the product shows as a conflict.
    private func migrateChunk(_ chunk: ArraySlice<LegacyProduct>, of legacy: LegacyCPSAccount, into accountID: BusinessAccount.ID,
                              principal: Principal) async throws -> [MigrationItem] {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await context.transact("migration.chunk", as: principal) { unit in
                    try await migrateChunk(chunk, of: legacy, into: accountID, in: unit)
                }
            } catch let error as StorageError where error.reason == .uniqueKeyTaken && attempt < context.policy.retries.attempts {
                continue // a serial was registered meanwhile: the next attempt reads its holder
            }
        }
    }

    private func migrateChunk(_ chunk: ArraySlice<LegacyProduct>, of legacy: LegacyCPSAccount, into accountID: BusinessAccount.ID,
                              in unit: UnitOfWork) async throws -> [MigrationItem] {
        try await unit.authorize(.userOf(accountID: accountID))
        let today = unit.today
        let now = unit.now
        let ledger = PointsLedger(unit: unit)
        var items: [MigrationItem] = []
        var registrations: [ProductRegistration] = []
        var entries: [LedgerEntry] = []
        var seen: Set<ProductRegistration.ID> = []
        for product in chunk {
            let modelKey = ProductModel.key(of: product.model)
            let serial: SerialNumber
            switch parseSerial(product, modelKey: modelKey) {
            case .success(let value):
                serial = value
            case .failure(let error):
                items.append(MigrationItem(model: product.model, serial: product.serialNumber, outcome: .invalid,
                                           problem: error.code))
                continue
            }
            let id = ProductRegistration.ID("product-legacy-\(legacy.membershipKey)-\(modelKey)-\(serial.value)")
            if seen.contains(id) {
                items.append(MigrationItem(model: product.model, serial: serial.value, outcome: .alreadyMigrated, productID: id))
                continue
            }
            if let existing = try await unit.fetch(ProductRegistration.self, id: id) {
                items.append(MigrationItem(model: product.model, serial: serial.value, outcome: .alreadyMigrated, productID: id,
                                           inCatalog: existing.record.inCatalog, isComplete: existing.record.isComplete,
                                           missingFields: existing.record.missingFields))
                continue
            }
            if let holder = try await unit.holder(of: ProductRegistration.serialKey(model: modelKey, serial: serial)) {
                let mine = holder.kind == ProductRegistration.kind
                    && (try? RecordCoder.decode(ProductRegistration.self, from: holder))?.record.accountID == accountID
                items.append(MigrationItem(model: product.model, serial: serial.value,
                                           outcome: mine ? .alreadyRegistered : .serialConflict,
                                           productID: mine ? ProductRegistration.ID(holder.id) : nil))
                continue
            }
            seen.insert(id)
            let entry = policy.entry(for: product.model)
            let date = product.purchaseDate.flatMap { try? PurchaseDate(parsing: $0) }.flatMap { $0.isInFuture(relativeTo: today) ? nil : $0 }
            let dealer = product.dealer.flatMap {
                try? TextFieldRules.optional($0, field: "dealer", maxLength: policy.dealerMaximumLength)
            }
            var registration = ProductRegistration(
                id: id, accountID: accountID, model: entry?.model ?? String(product.model.trimmingCharacters(in: .whitespaces).prefix(100)),
                modelKey: modelKey, serial: serial, purchaseDate: date,
                countryOfPurchase: product.countryOfPurchase.flatMap { CountryCode($0) }, dealer: dealer,
                source: .migrated, legacyMembershipNumber: legacy.membershipNumber, inCatalog: entry != nil, registeredAt: now)
            let allocated = ledger.allocateIfComplete(&registration,
                                                      reason: entry == nil ? "migration.notInCatalog" : "migration.completed")
            entries += allocated
            registrations.append(registration)
            items.append(MigrationItem(model: product.model, serial: serial.value, outcome: .migrated, productID: id,
                                       inCatalog: entry != nil, isComplete: registration.isComplete,
                                       missingFields: registration.missingFields,
                                       points: allocated.reduce(0) { $0 + $1.points }))
        }
        guard !registrations.isEmpty else { return items }
        for registration in registrations { try unit.insert(registration) }
        try unit.audit(accountID, "product.migrated",
                       details: ["legacy": legacy.membershipNumber, "count": String(registrations.count)])
        try await ledger.post(entries, accountID: accountID)
        return items
    }

    /// The legacy product's serial number, or why it is unusable (R-PRD-2).
    private func parseSerial(_ product: LegacyProduct, modelKey: String) -> Result<SerialNumber, ProductError> {
        guard !modelKey.isEmpty else { return .failure(ProductError(.unknownModel, facts: ["model": product.model])) }
        do {
            return .success(try SerialNumber(product.serialNumber, policy: policy))
        } catch {
            return .failure(error)
        }
    }

    /// The old CPS membership numbers kept for `accountID` (R-MIG-3, R-MEM-2), for a user of the
    /// account or the host (R-ID-4).
    public func previousMembershipNumbers(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [String] {
        try await context.read("migration.previousNumbers", as: principal) { unit in
            try await unit.authorize(.anyOf([.userOf(accountID: accountID), .system]))
            return try await context.store.previousMembershipNumbers(of: accountID)
        }
    }
}
