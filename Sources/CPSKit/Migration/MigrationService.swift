import Foundation

/// "MIGRATE PRODUCTS" (R-MIG-1…3): whether an account may migrate from the old CPS, and the
/// migration itself.
///
/// The migration copies the legacy products in chunks of ``ProductPolicy/migrationChunkSize``: each
/// chunk is one atomic batch of registrations, their `allocated` ledger entries, the balance and — if
/// the chunk crosses the threshold — the invitation (R-INV-1). Each migrated registration has a
/// deterministic ID derived from the legacy membership number, model and serial, so a run that was
/// interrupted, or a second run, skips what is there and adds nothing twice. Work is linear in the
/// number of legacy products: two keyed look-ups per product and one balance read per chunk.
///
/// ```swift
/// let migration = MigrationService(context, directory: legacyDirectory)
/// if try await migration.availability(of: accountID, as: principal).isAvailable {
///     let report = try await migration.migrate(accountID, as: principal)
/// }
/// ```
public struct MigrationService: Sendable {
    let context: CPSContext
    let directory: any LegacyCPSDirectory
    private var access: AccessControl { AccessControl(store: context.store) }
    private var policy: ProductPolicy { context.policy.products }

    /// Creates the service over the legacy directory adapter.
    public init(_ context: CPSContext, directory: any LegacyCPSDirectory) {
        self.context = context
        self.directory = directory
    }

    /// Whether "MIGRATE PRODUCTS" is available to `accountID`, and if not why (R-MIG-1).
    public func availability(of accountID: String, as principal: Principal) async throws -> MigrationAvailability {
        _ = try await access.requireUser(principal, of: accountID)
        return try await lookUp(accountID, principal: principal).availability
    }

    /// Migrates the legacy account found for the application's old CPS e-mail into `accountID`
    /// (R-MIG-2): each product is evaluated as a registration (R-PRD-3); conflicts, products not in
    /// the catalog and incomplete products are reported and the rest goes on. A second run adds
    /// nothing; a legacy account already migrated into another business account is refused with
    /// ``MigrationError/Reason/claimedByAnotherAccount``. The old membership number is kept on record
    /// (R-MIG-3).
    public func migrate(_ accountID: String, as principal: Principal) async throws -> MigrationReport {
        _ = try await access.requireUser(principal, of: accountID)
        let found = try await lookUp(accountID, principal: principal)
        guard let legacy = found.legacy else {
            let reason: MigrationError.Reason = found.availability.reason == .noOldEmailGiven ? .noOldEmailGiven : .noLegacyAccountFound
            throw MigrationError(reason, facts: ["email": found.availability.oldCPSEmail?.address ?? ""])
        }
        let now = context.time.now()
        try await claim(legacy, for: accountID, principal: principal, at: now)
        let products = ProductService(context)
        var items: [MigrationItem] = []
        items.reserveCapacity(legacy.products.count)
        let chunkSize = max(1, policy.migrationChunkSize)
        var start = 0
        while start < legacy.products.count {
            let chunk = legacy.products[start..<min(start + chunkSize, legacy.products.count)]
            items += try await withConflictRetry(policy.conflictRetries) {
                try await migrateChunk(chunk, of: legacy, into: accountID, products: products, principal: principal, at: now)
            }
            start += chunkSize
        }
        let report = MigrationReport(legacyMembershipNumber: legacy.membershipNumber, accountID: accountID, items: items)
        try await withConflictRetry(policy.conflictRetries) {
            guard var membership = try await context.store.fetch(LegacyMembership.self, id: "legacy-" + legacy.membershipKey) else { return }
            membership.record.lastMigratedAt = now
            var batch = WriteBatch()
            try batch.update(membership)
            try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "migration.run",
                                        actor: principal, at: now,
                                        details: ["legacy": legacy.membershipNumber, "migrated": String(report.migratedCount),
                                                  "conflicts": String(report.conflictCount),
                                                  "points": String(report.pointsAllocated)]))
            try await context.store.commit(batch)
        }
        return report
    }

    // MARK: - Steps

    private struct LookUp {
        let availability: MigrationAvailability
        let legacy: LegacyCPSAccount?
    }

    private func lookUp(_ accountID: String, principal: Principal) async throws -> LookUp {
        guard let account = try await context.store.fetch(BusinessAccount.self, id: accountID) else {
            throw AuthorizationError(.otherAccount, principal: principal)
        }
        guard let email = account.record.oldCPSEmail else {
            return LookUp(availability: .unavailable(.noOldEmailGiven, email: nil), legacy: nil)
        }
        guard let legacy = try await directory.account(forEmail: email) else {
            return LookUp(availability: .unavailable(.noLegacyAccountFound, email: email), legacy: nil)
        }
        return LookUp(availability: .available(email: email, account: legacy), legacy: legacy)
    }

    /// Records the legacy membership for `accountID` (R-MIG-3), or refuses when another business
    /// account holds it (R-MIG-2). Of two accounts racing, the unique key lets exactly one win.
    private func claim(_ legacy: LegacyCPSAccount, for accountID: String, principal: Principal, at now: Date) async throws {
        let key = LegacyMembership.uniqueKey(legacy.membershipKey)
        if let owner = try await owner(of: key) {
            if owner == accountID { return }
            throw MigrationError(.claimedByAnotherAccount, facts: ["number": legacy.membershipNumber])
        }
        var batch = WriteBatch()
        try batch.insert(LegacyMembership(account: legacy, accountID: accountID, claimedAt: now))
        try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "migration.claimed",
                                    actor: principal, at: now, details: ["legacy": legacy.membershipNumber]))
        var lostRace = false
        do {
            try await context.store.commit(batch)
        } catch {
            guard error.reason == .uniqueKeyTaken || error.reason == .conflict else { throw error }
            lostRace = true
        }
        if lostRace, try await owner(of: key) != accountID {
            throw MigrationError(.claimedByAnotherAccount, facts: ["number": legacy.membershipNumber])
        }
    }

    /// The account holding the legacy key `key` ("" when a record of another kind holds it).
    private func owner(of key: String) async throws -> String? {
        guard let holder = try await context.store.record(holding: key) else { return nil }
        guard holder.kind == LegacyMembership.kind else { return "" }
        return try RecordCoder.decode(LegacyMembership.self, from: holder).record.accountID
    }

    /// Migrates one chunk in one batch; a lost race (a balance version, a serial taken meanwhile)
    /// surfaces as a conflict so that ``withConflictRetry(_:_:)`` re-evaluates the whole chunk.
    private func migrateChunk(_ chunk: ArraySlice<LegacyProduct>, of legacy: LegacyCPSAccount, into accountID: String,
                              products: ProductService, principal: Principal, at now: Date) async throws -> [MigrationItem] {
        let today = CalendarDay(now, in: context.policy.timeZone)
        var items: [MigrationItem] = []
        var registrations: [ProductRegistration] = []
        var entries: [LedgerEntry] = []
        var seen: Set<String> = []
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
            let id = "product-legacy-\(legacy.membershipKey)-\(modelKey)-\(serial.value)"
            if seen.contains(id) {
                items.append(MigrationItem(model: product.model, serial: serial.value, outcome: .alreadyMigrated, productID: id))
                continue
            }
            if let existing = try await context.store.fetch(ProductRegistration.self, id: id) {
                items.append(MigrationItem(model: product.model, serial: serial.value, outcome: .alreadyMigrated, productID: id,
                                           inCatalog: existing.record.inCatalog, isComplete: existing.record.isComplete,
                                           missingFields: existing.record.missingFields))
                continue
            }
            if let holder = try await context.store.record(holding: ProductRegistration.serialKey(model: modelKey, serial: serial)) {
                let mine = holder.kind == ProductRegistration.kind
                    && (try? RecordCoder.decode(ProductRegistration.self, from: holder))?.record.accountID == accountID
                items.append(MigrationItem(model: product.model, serial: serial.value,
                                           outcome: mine ? .alreadyRegistered : .serialConflict,
                                           productID: mine ? holder.id : nil))
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
            let allocated = try products.allocateIfComplete(&registration, at: now, actor: principal,
                                                            reason: entry == nil ? "migration.notInCatalog" : "migration.completed")
            entries += allocated
            registrations.append(registration)
            items.append(MigrationItem(model: product.model, serial: serial.value, outcome: .migrated, productID: id,
                                       inCatalog: entry != nil, isComplete: registration.isComplete,
                                       missingFields: registration.missingFields,
                                       points: allocated.reduce(0) { $0 + $1.points }))
        }
        guard !registrations.isEmpty else { return items }
        var batch = WriteBatch()
        for registration in registrations { try batch.insert(registration) }
        try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "product.migrated",
                                    actor: principal, at: now,
                                    details: ["legacy": legacy.membershipNumber, "count": String(registrations.count)]))
        try await PointsLedger(context: context).post(entries, accountID: accountID, actor: principal, at: now, into: &batch)
        try await commitChunk(batch)
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

    /// Commits a chunk; a serial taken meanwhile becomes a conflict, so the chunk is re-evaluated.
    private func commitChunk(_ batch: WriteBatch) async throws {
        var taken: StorageError?
        do {
            try await context.store.commit(batch)
        } catch {
            guard error.reason == .uniqueKeyTaken else { throw error }
            taken = error
        }
        if let taken { throw StorageError(.conflict, kind: taken.kind, subject: taken.subject, detail: taken.detail) }
    }
}
