import Foundation

/// "My products" (R-PRD-1…5, R-PTS-1, R-INV-1): register, complete, remove and view an account's
/// products, read its points, and revalue a model at the end of its service life.
///
/// Any active user of the account may register, complete and remove its products; nobody touches
/// another account's products (R-ACC-5). Every change is one unit of work (R-UOW-1): every change of
/// points is a ``LedgerEntry`` written in the same batch as the registration and the account's
/// ``PointsBalance``; a unit that loses a race on the balance runs again from fresh reads (the
/// policy's ``CPSPolicy/retries``), so no registration is lost and the invitation (R-INV-1) is
/// written once.
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
    private var policy: ProductPolicy { context.policy.products }

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    // MARK: - Register, complete, remove

    /// Registers a product on `accountID` (R-PRD-2). The model must be in the catalog (R-PRD-1). If the
    /// registration is complete it gets the green tick and the catalog's points of this moment
    /// (R-PRD-3); otherwise the detail lists what is missing. A model + serial number registered by
    /// another account is refused with ``ProductError/Reason/serialTaken`` (R-PRD-4).
    ///
    /// With an `idempotencyKey` (R-UOW-1), a repeat of the same request with the same key returns the
    /// first answer and registers nothing; the same key with another form is ``IdempotencyError``.
    public func register(_ form: ProductForm, on accountID: BusinessAccount.ID, idempotencyKey: String? = nil,
                         as principal: Principal) async throws -> ProductDetail {
        let model = try ProductModel(form.model)
        guard let entry = policy.entry(for: model.name) else {
            throw ProductError(.unknownModel, facts: ["model": model.name])
        }
        let today = CalendarDay(context.time.now(), in: context.policy.timeZone)
        let fields = try ProductFields(serialNumber: form.serialNumber, purchaseDate: form.purchaseDate,
                                       countryOfPurchase: form.countryOfPurchase, dealer: form.dealer,
                                       policy: policy, today: today)
        return try await claimingSerial(accountID, as: principal) {
            try await context.transact("product.register", as: principal) { unit in
                try await unit.authorize(.userOf(accountID: accountID))
                let replayed = try await unit.replay(idempotencyKey, operation: "product.register", scope: accountID.rawValue,
                                                     request: form, as: ProductDetail.self)
                if let answer = replayed.answer { return answer }
                let id: ProductRegistration.ID = context.ids.next("product")
                var registration = ProductRegistration(
                    id: id, accountID: accountID, model: entry.model, modelKey: entry.modelKey, serial: fields.serial,
                    purchaseDate: fields.purchaseDate, countryOfPurchase: fields.countryOfPurchase, dealer: fields.dealer,
                    registeredAt: unit.now)
                if let serial = fields.serial {
                    try await requireSerialFree(model: entry.modelKey, serial: serial, for: registration, in: unit)
                }
                let ledger = PointsLedger(unit: unit)
                let entries = ledger.allocateIfComplete(&registration, reason: "registration.completed")
                try unit.insert(registration)
                try unit.audit(accountID, "product.registered",
                               details: ["product": id.rawValue, "model": entry.modelKey, "complete": String(registration.isComplete)])
                try await ledger.post(entries, accountID: accountID)
                let detail = ProductDetail(registration: registration, catalogEntry: entry, history: entries)
                try unit.remember(detail, for: replayed.claim)
                return detail
            }
        }
    }

    /// Fills in or corrects the fields of a registration ("View product", R-PRD-3). When it becomes
    /// complete its points are allocated now, at the catalog's points of this moment; an already
    /// complete registration keeps its points.
    public func complete(_ productID: ProductRegistration.ID, on accountID: BusinessAccount.ID, with update: ProductUpdate,
                         as principal: Principal) async throws -> ProductDetail {
        let today = CalendarDay(context.time.now(), in: context.policy.timeZone)
        let fields = try ProductFields(serialNumber: update.serialNumber, purchaseDate: update.purchaseDate,
                                       countryOfPurchase: update.countryOfPurchase, dealer: update.dealer,
                                       policy: policy, today: today)
        return try await claimingSerial(accountID, as: principal) {
            try await context.transact("product.complete", as: principal) { unit in
                try await unit.authorize(.userOf(accountID: accountID))
                var stored = try await activeRegistration(productID, of: accountID, in: unit)
                if let serial = fields.serial, serial != stored.record.serial {
                    try await requireSerialFree(model: stored.record.modelKey, serial: serial, for: stored.record, in: unit)
                    stored.record.serial = serial
                }
                if let date = fields.purchaseDate { stored.record.purchaseDate = date }
                if let country = fields.countryOfPurchase { stored.record.countryOfPurchase = country }
                if let dealer = fields.dealer { stored.record.dealer = dealer }
                let ledger = PointsLedger(unit: unit)
                let entries = ledger.allocateIfComplete(&stored.record, reason: "registration.completed")
                try unit.update(stored)
                try unit.audit(accountID, "product.updated",
                               details: ["product": productID.rawValue, "complete": String(stored.record.isComplete)])
                try await ledger.post(entries, accountID: accountID)
                return try await detail(of: stored.record, in: unit, adding: entries)
            }
        }
    }

    /// Removes a product (sold, lost, R-PRD-5): its points leave the balance through a `removed` ledger
    /// entry, the serial number is free again, and the registration stays for the history.
    public func remove(_ productID: ProductRegistration.ID, from accountID: BusinessAccount.ID, reason: ProductRemovalReason,
                       as principal: Principal) async throws -> ProductDetail {
        try await context.transact("product.remove", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            var stored = try await activeRegistration(productID, of: accountID, in: unit)
            var entries: [LedgerEntry] = []
            if stored.record.isAllocated {
                entries.append(LedgerEntry(id: context.ids.next("ledger"), accountID: accountID, registrationID: productID,
                                           kind: .removed, points: -(stored.record.allocatedPoints ?? 0),
                                           completeRegistrationsDelta: -1, at: unit.now, reason: reason.rawValue,
                                           actor: principal))
                stored.record.allocatedPoints = 0
            }
            stored.record.status = .removed
            stored.record.removedAt = unit.now
            stored.record.removalReason = reason
            try unit.update(stored)
            try unit.audit(accountID, "product.removed", reason: reason.rawValue, details: ["product": productID.rawValue])
            try await PointsLedger(unit: unit).post(entries, accountID: accountID)
            return try await detail(of: stored.record, in: unit, adding: entries)
        }
    }

    // MARK: - Reading

    /// The account's registrations in the order they were made ("My products"), removed ones only when
    /// `includingRemoved` (R-PRD-3, R-PRD-5).
    public func list(of accountID: BusinessAccount.ID, includingRemoved: Bool = false,
                     as principal: Principal) async throws -> [ProductRegistration] {
        try await context.read("product.list", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(accountID))
                .map(\.record).filter { includingRemoved || $0.status == .active }
        }
    }

    /// "View product" (R-PRD-3): the registration, its green tick or its missing fields, its points and
    /// history.
    public func product(_ productID: ProductRegistration.ID, of accountID: BusinessAccount.ID, as principal: Principal) async throws -> ProductDetail {
        try await context.read("product.view", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            guard let stored = try await unit.fetch(ProductRegistration.self, id: productID),
                  stored.record.accountID == accountID else {
                throw ProductError(.notFound, facts: ["product": productID.rawValue])
            }
            return try await detail(of: stored.record, in: unit)
        }
    }

    /// The account's points and complete registrations, in one read (R-PTS-1).
    public func points(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> PointsBalance {
        try await context.read("product.points", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await unit.fetch(PointsBalance.self, id: accountID)?.record ?? PointsBalance(accountID: accountID)
        }
    }

    /// The account's ledger, oldest first (R-PTS-1).
    public func ledger(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [LedgerEntry] {
        try await context.read("product.ledger", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(LedgerEntry.self, indexKey: LedgerEntry.byAccount(accountID)).map(\.record)
        }
    }

    // MARK: - End-of-service-life revaluation

    /// Revalues every allocated registration of `model`, on every account, to `points` (R-PRD-1): the
    /// one exception to "points are fixed at completion". Each affected registration gets its own
    /// `revalued` ledger entry with the difference, in its own unit with the account's balance.
    /// Reviewers and the host's jobs only.
    public func revalue(model: String, to points: Int, reason: String, as principal: Principal) async throws -> RevaluationResult {
        try await context.read("product.revalue", as: principal) { unit in
            try await unit.authorize(.anyOf([.reviewer, .system]))
        }
        guard points >= 0 else { throw InputError(.outOfRange, field: "points", value: String(points), limit: "0") }
        let reason = try TextFieldRules.validate(reason, field: "reason", maxLength: 500)
        let modelKey = try ProductModel(model).key
        var written: [LedgerEntry] = []
        for candidate in try await context.store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byModel(modelKey))
        where candidate.record.isAllocated && candidate.record.modelKey == modelKey {
            let entry: LedgerEntry? = try await context.transact("product.revalue", as: principal) { unit in
                guard var stored = try await unit.fetch(ProductRegistration.self, id: candidate.record.id),
                      stored.record.isAllocated, let old = stored.record.allocatedPoints, old != points else { return nil }
                let entry = LedgerEntry(id: context.ids.next("ledger"), accountID: stored.record.accountID,
                                        registrationID: stored.record.id, kind: .revalued, points: points - old,
                                        completeRegistrationsDelta: 0, at: unit.now, reason: reason, actor: principal)
                stored.record.allocatedPoints = points
                try unit.update(stored)
                try await PointsLedger(unit: unit).post([entry], accountID: stored.record.accountID)
                return entry
            }
            if let entry { written.append(entry) }
        }
        return RevaluationResult(modelKey: modelKey, points: points, entries: written)
    }

    // MARK: - Helpers

    /// The active registration `productID` of `accountID`, or a not-found / removed error.
    private func activeRegistration(_ productID: ProductRegistration.ID, of accountID: BusinessAccount.ID,
                                    in unit: UnitOfWork) async throws -> Stored<ProductRegistration> {
        guard let stored = try await unit.fetch(ProductRegistration.self, id: productID),
              stored.record.accountID == accountID else {
            throw ProductError(.notFound, facts: ["product": productID.rawValue])
        }
        guard stored.record.status == .active else { throw ProductError(.removed, facts: ["product": productID.rawValue]) }
        return stored
    }

    /// Throws the one-owner error if another registration holds `model` + `serial` (R-PRD-4). The
    /// absence of a holder is guarded by the unique key the insert claims.
    private func requireSerialFree(model: String, serial: SerialNumber, for registration: ProductRegistration,
                                   in unit: UnitOfWork) async throws {
        let key = ProductRegistration.serialKey(model: model, serial: serial)
        guard let holder = try await unit.holder(of: key), holder.id != registration.id.rawValue else { return }
        throw Self.serialError(heldBy: holder, accountID: registration.accountID, model: registration.model,
                               serial: registration.serial?.value ?? "")
    }

    /// Runs `body`; a serial key lost to a concurrent registration becomes the one-owner error (R-PRD-4).
    private func claimingSerial<T>(_ accountID: BusinessAccount.ID, as principal: Principal,
                                   _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError where error.reason == .uniqueKeyTaken {
            guard let key = error.subject, key.hasPrefix("serial:"),
                  let holder = try await context.store.record(holding: key) else { throw error }
            throw Self.serialError(heldBy: holder, accountID: accountID)
        }
    }

    /// The one-owner error for a serial key held by `holder` (R-PRD-4): already registered by
    /// `accountID` (with the existing registration's ID), or taken by another account. The facts name
    /// `model` and `serial`, or the holder's.
    private static func serialError(heldBy holder: RecordEnvelope, accountID: BusinessAccount.ID, model: String? = nil,
                                    serial: String? = nil) -> ProductError {
        let other = holder.kind == ProductRegistration.kind
            ? (try? RecordCoder.decode(ProductRegistration.self, from: holder))?.record : nil
        let facts = ["model": model ?? other?.model ?? "", "serial": serial ?? other?.serial?.value ?? ""]
        guard let other, other.accountID == accountID else { return ProductError(.serialTaken, facts: facts) }
        return ProductError(.alreadyRegistered, facts: facts, existingID: other.id.rawValue)
    }

    /// The detail of `registration` with today's catalog entry and its ledger history (plus `entries`
    /// this unit writes).
    private func detail(of registration: ProductRegistration, in unit: UnitOfWork,
                        adding entries: [LedgerEntry] = []) async throws -> ProductDetail {
        let history = try await context.store.fetchAll(LedgerEntry.self, indexKey: LedgerEntry.byRegistration(registration.id))
            .map(\.record)
        return ProductDetail(registration: registration, catalogEntry: policy.catalog.first { $0.modelKey == registration.modelKey },
                             history: history + entries)
    }
}
