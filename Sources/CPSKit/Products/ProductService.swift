import Foundation

/// "My products" (R-PRD-1…5, R-PTS-1, R-INV-1): register, complete, remove and view an account's
/// products, read its points, and revalue a model at the end of its service life.
///
/// Any active user of the account may register, complete and remove its products; nobody touches
/// another account's products (R-ACC-5). Every change of points is a ``LedgerEntry`` written in the
/// same batch as the registration and the account's ``PointsBalance``; a batch that loses a race on
/// the balance is redone from a fresh read, a bounded number of times (``ProductPolicy/conflictRetries``),
/// so no registration is lost and the invitation (R-INV-1) is written once.
///
/// ```swift
/// let products = ProductService(context)
/// let detail = try await products.register(
///     ProductForm(model: "EOS R5", serialNumber: "ab-12 34", purchaseDate: "2025-03",
///                 countryOfPurchase: "SE", dealer: "Foto Stockholm"),
///     on: accountID, as: principal)
/// ```
public struct ProductService: Sendable {
    let context: CPSContext
    private var access: AccessControl { AccessControl(store: context.store) }
    private var ledger: PointsLedger { PointsLedger(context: context) }
    private var policy: ProductPolicy { context.policy.products }

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    // MARK: - Register, complete, remove

    /// Registers a product on `accountID` (R-PRD-2). The model must be in the catalog (R-PRD-1). If the
    /// registration is complete it gets the green tick and the catalog's points of this moment
    /// (R-PRD-3); otherwise the detail lists what is missing. A model + serial number registered by
    /// another account is refused with ``ProductError/Reason/serialTaken`` (R-PRD-4).
    public func register(_ form: ProductForm, on accountID: String, as principal: Principal) async throws -> ProductDetail {
        _ = try await access.requireUser(principal, of: accountID)
        let now = context.time.now()
        let model = try ProductModel(form.model)
        guard let entry = policy.entry(for: model.name) else {
            throw ProductError(.unknownModel, facts: ["model": model.name])
        }
        let fields = try ProductFields(serialNumber: form.serialNumber, purchaseDate: form.purchaseDate,
                                       countryOfPurchase: form.countryOfPurchase, dealer: form.dealer,
                                       policy: policy, today: today(now))
        let id = context.ids.next("product")
        let registration = try await withConflictRetry(policy.conflictRetries) {
            var registration = ProductRegistration(
                id: id, accountID: accountID, model: entry.model, modelKey: entry.modelKey, serial: fields.serial,
                purchaseDate: fields.purchaseDate, countryOfPurchase: fields.countryOfPurchase, dealer: fields.dealer,
                registeredAt: now)
            if let serial = fields.serial { try await requireSerialFree(model: entry.modelKey, serial: serial, for: registration) }
            var batch = WriteBatch()
            let entries = try allocateIfComplete(&registration, at: now, actor: principal, reason: "registration.completed")
            try batch.insert(registration)
            try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "product.registered",
                                        actor: principal, at: now,
                                        details: ["product": id, "model": entry.modelKey,
                                                  "complete": String(registration.isComplete)]))
            try await ledger.post(entries, accountID: accountID, actor: principal, at: now, into: &batch)
            try await commit(batch, claiming: registration)
            return registration
        }
        return try await detail(of: registration)
    }

    /// Fills in or corrects the fields of a registration ("View product", R-PRD-3). When it becomes
    /// complete its points are allocated now, at the catalog's points of this moment; an already
    /// complete registration keeps its points.
    public func complete(_ productID: String, on accountID: String, with update: ProductUpdate,
                         as principal: Principal) async throws -> ProductDetail {
        _ = try await access.requireUser(principal, of: accountID)
        let now = context.time.now()
        let fields = try ProductFields(serialNumber: update.serialNumber, purchaseDate: update.purchaseDate,
                                       countryOfPurchase: update.countryOfPurchase, dealer: update.dealer,
                                       policy: policy, today: today(now))
        let registration = try await withConflictRetry(policy.conflictRetries) {
            var stored = try await activeRegistration(productID, of: accountID)
            if let serial = fields.serial, serial != stored.record.serial {
                try await requireSerialFree(model: stored.record.modelKey, serial: serial, for: stored.record)
                stored.record.serial = serial
            }
            if let date = fields.purchaseDate { stored.record.purchaseDate = date }
            if let country = fields.countryOfPurchase { stored.record.countryOfPurchase = country }
            if let dealer = fields.dealer { stored.record.dealer = dealer }
            let entries = try allocateIfComplete(&stored.record, at: now, actor: principal, reason: "registration.completed")
            var batch = WriteBatch()
            try batch.update(stored)
            try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "product.updated",
                                        actor: principal, at: now,
                                        details: ["product": productID, "complete": String(stored.record.isComplete)]))
            try await ledger.post(entries, accountID: accountID, actor: principal, at: now, into: &batch)
            try await commit(batch, claiming: stored.record)
            return stored.record
        }
        return try await detail(of: registration)
    }

    /// Removes a product (sold, lost, R-PRD-5): its points leave the balance through a `removed` ledger
    /// entry, the serial number is free again, and the registration stays for the history.
    public func remove(_ productID: String, from accountID: String, reason: ProductRemovalReason,
                       as principal: Principal) async throws -> ProductDetail {
        _ = try await access.requireUser(principal, of: accountID)
        let now = context.time.now()
        let registration = try await withConflictRetry(policy.conflictRetries) {
            var stored = try await activeRegistration(productID, of: accountID)
            var entries: [LedgerEntry] = []
            if stored.record.isAllocated {
                entries.append(LedgerEntry(id: context.ids.next("ledger"), accountID: accountID, registrationID: productID,
                                           kind: .removed, points: -(stored.record.allocatedPoints ?? 0),
                                           completeRegistrationsDelta: -1, at: now, reason: reason.rawValue, actor: principal))
                stored.record.allocatedPoints = 0
            }
            stored.record.status = .removed
            stored.record.removedAt = now
            stored.record.removalReason = reason
            var batch = WriteBatch()
            try batch.update(stored)
            try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "product.removed",
                                        actor: principal, at: now, reason: reason.rawValue, details: ["product": productID]))
            try await ledger.post(entries, accountID: accountID, actor: principal, at: now, into: &batch)
            try await context.store.commit(batch)
            return stored.record
        }
        return try await detail(of: registration)
    }

    // MARK: - Reading

    /// The account's registrations in the order they were made ("My products"), removed ones only when
    /// `includingRemoved` (R-PRD-3, R-PRD-5).
    public func list(of accountID: String, includingRemoved: Bool = false,
                     as principal: Principal) async throws -> [ProductRegistration] {
        _ = try await access.requireUser(principal, of: accountID)
        return try await context.store.fetchAll(ProductRegistration.self, indexKey: "account:\(accountID)")
            .map(\.record).filter { includingRemoved || $0.status == .active }
    }

    /// "View product" (R-PRD-3): the registration, its green tick or its missing fields, its points and
    /// history.
    public func product(_ productID: String, of accountID: String, as principal: Principal) async throws -> ProductDetail {
        _ = try await access.requireUser(principal, of: accountID)
        guard let stored = try await context.store.fetch(ProductRegistration.self, id: productID),
              stored.record.accountID == accountID else {
            throw ProductError(.notFound, facts: ["product": productID])
        }
        return try await detail(of: stored.record)
    }

    /// The account's points and complete registrations, in one read (R-PTS-1).
    public func points(of accountID: String, as principal: Principal) async throws -> PointsBalance {
        _ = try await access.requireUser(principal, of: accountID)
        return try await context.store.fetch(PointsBalance.self, id: accountID)?.record ?? PointsBalance(accountID: accountID)
    }

    /// The account's ledger, oldest first (R-PTS-1).
    public func ledger(of accountID: String, as principal: Principal) async throws -> [LedgerEntry] {
        _ = try await access.requireUser(principal, of: accountID)
        return try await context.store.fetchAll(LedgerEntry.self, indexKey: "account:\(accountID)").map(\.record)
    }

    // MARK: - End-of-service-life revaluation

    /// Revalues every allocated registration of `model`, on every account, to `points` (R-PRD-1): the
    /// one exception to "points are fixed at completion". Each affected registration gets its own
    /// `revalued` ledger entry with the difference; balances follow in the same batch. Reviewers and
    /// the host's jobs only.
    public func revalue(model: String, to points: Int, reason: String, as principal: Principal) async throws -> RevaluationResult {
        switch principal {
        case .reviewer, .system: break
        default: throw AuthorizationError(.reviewerOnly, principal: principal)
        }
        guard points >= 0 else { throw InputError(.outOfRange, field: "points", value: String(points), limit: "0") }
        let reason = try TextFieldRules.validate(reason, field: "reason", maxLength: 500)
        let modelKey = try ProductModel(model).key
        let now = context.time.now()
        var written: [LedgerEntry] = []
        for candidate in try await context.store.fetchAll(ProductRegistration.self, indexKey: "model:\(modelKey)")
        where candidate.record.isAllocated && candidate.record.modelKey == modelKey {
            let entry: LedgerEntry? = try await withConflictRetry(policy.conflictRetries) {
                guard var stored = try await context.store.fetch(ProductRegistration.self, id: candidate.record.id),
                      stored.record.isAllocated, let old = stored.record.allocatedPoints, old != points else { return nil }
                let entry = LedgerEntry(id: context.ids.next("ledger"), accountID: stored.record.accountID,
                                        registrationID: stored.record.id, kind: .revalued, points: points - old,
                                        completeRegistrationsDelta: 0, at: now, reason: reason, actor: principal)
                stored.record.allocatedPoints = points
                var batch = WriteBatch()
                try batch.update(stored)
                try await ledger.post([entry], accountID: stored.record.accountID, actor: principal, at: now, into: &batch)
                try await context.store.commit(batch)
                return entry
            }
            if let entry { written.append(entry) }
        }
        return RevaluationResult(modelKey: modelKey, points: points, entries: written)
    }

    // MARK: - Helpers

    private func today(_ now: Date) -> CalendarDay { CalendarDay(now, in: context.policy.timeZone) }

    /// Allocates `registration`'s points if it is complete and not yet allocated: the catalog's points
    /// of this moment (0 for a model not in the catalog), fixed on the registration and its entry.
    func allocateIfComplete(_ registration: inout ProductRegistration, at now: Date, actor: Principal,
                                    reason: String) throws -> [LedgerEntry] {
        guard registration.status == .active, registration.isComplete, registration.completedAt == nil else { return [] }
        let points = registration.inCatalog ? policy.catalog.first { $0.modelKey == registration.modelKey }?.points ?? 0 : 0
        registration.completedAt = now
        registration.allocatedPoints = points
        return [LedgerEntry(id: context.ids.next("ledger"), accountID: registration.accountID, registrationID: registration.id,
                            kind: .allocated, points: points, completeRegistrationsDelta: 1, at: now, reason: reason,
                            actor: actor)]
    }

    /// The active registration `productID` of `accountID`, or a not-found / removed error.
    private func activeRegistration(_ productID: String, of accountID: String) async throws -> Stored<ProductRegistration> {
        guard let stored = try await context.store.fetch(ProductRegistration.self, id: productID),
              stored.record.accountID == accountID else {
            throw ProductError(.notFound, facts: ["product": productID])
        }
        guard stored.record.status == .active else { throw ProductError(.removed, facts: ["product": productID]) }
        return stored
    }

    /// Throws the one-owner error if another registration holds `model` + `serial` (R-PRD-4).
    private func requireSerialFree(model: String, serial: SerialNumber, for registration: ProductRegistration) async throws {
        let key = ProductRegistration.serialKey(model: model, serial: serial)
        guard let holder = try await context.store.record(holding: key), holder.id != registration.id else { return }
        throw try await serialError(key: key, holder: holder, registration: registration)
    }

    /// Commits `batch`; a lost race for the serial key becomes the one-owner error (R-PRD-4).
    private func commit(_ batch: WriteBatch, claiming registration: ProductRegistration) async throws {
        do {
            try await context.store.commit(batch)
        } catch where error.reason == .uniqueKeyTaken {
            guard let key = error.subject, registration.uniqueKeys.contains(key),
                  let holder = try await context.store.record(holding: key) else { throw error }
            throw try await serialError(key: key, holder: holder, registration: registration)
        }
    }

    private func serialError(key: String, holder: RecordEnvelope, registration: ProductRegistration) async throws -> ProductError {
        let facts = ["model": registration.model, "serial": registration.serial?.value ?? ""]
        if holder.kind == ProductRegistration.kind,
           let other = try? RecordCoder.decode(ProductRegistration.self, from: holder),
           other.record.accountID == registration.accountID {
            return ProductError(.alreadyRegistered, facts: facts)
        }
        return ProductError(.serialTaken, facts: facts)
    }

    /// The detail of `registration` with today's catalog entry and its ledger history.
    func detail(of registration: ProductRegistration) async throws -> ProductDetail {
        ProductDetail(registration: registration,
                      catalogEntry: policy.catalog.first { $0.modelKey == registration.modelKey },
                      history: try await context.store.fetchAll(LedgerEntry.self, indexKey: "registration:\(registration.id)")
                        .map(\.record))
    }
}
