import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Migrating from the old CPS (R-MIG-1…3)")
struct MigrationServiceTests {
    typealias Support = ProductTestSupport
    static let oldEmail = "anna.lind@old-cps.example"

    static func legacy(_ products: [LegacyProduct], number: String = "CPS-1234567") throws -> LegacyCPSAccount {
        LegacyCPSAccount(membershipNumber: number, email: try EmailAddress(oldEmail.uppercased()), products: products)
    }

    static func full(_ model: String, _ serial: String) -> LegacyProduct {
        LegacyProduct(model: model, serialNumber: serial, purchaseDate: "2019-05-14", countryOfPurchase: "se", dealer: "Foto Kungsgatan")
    }

    @Test("R-MIG-1: not available without an old CPS e-mail; the two ways on are offered")
    func noOldEmail() async throws {
        let env = TestEnvironment()
        let erik = try await env.activeAccount(Support.otherForm)
        let availability = try await env.migration.availability(of: erik.account.id, as: erik.principal)
        #expect(!availability.isAvailable)
        #expect(availability.reason == .noOldEmailGiven)
        #expect(availability.waysOn == [.registerProductsAgain, .contactPrioritySupport])
        #expect(availability.explanation(in: .swedish) == [
            "MIGRERA PRODUKTER är inte tillgängligt: din gamla e-postadress angavs inte när du ansökte om företagskontot.",
            "Registrera dina produkter igen under ”Mina produkter”.",
            "Eller kontakta CPS Priority Support.",
        ])
        let error = await #expect(throws: MigrationError.self) { try await env.migration.migrate(erik.account.id, as: erik.principal) }
        #expect(error?.reason == .noOldEmailGiven)
    }

    @Test("R-MIG-1: available iff the directory holds an account for the old e-mail (any case)")
    func availability() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let missing = try await env.migration.availability(of: anna.account.id, as: anna.principal)
        #expect(missing.reason == .noLegacyAccountFound)
        #expect(missing.explanation(in: .english).first
                == "MIGRATE PRODUCTS is not available: no old CPS account was found for anna.lind@old-cps.example.")
        env.legacyDirectory.add(try Self.legacy([Self.full("EOS R5", "R5-0001")]))
        let found = try await env.migration.availability(of: anna.account.id, as: anna.principal)
        #expect(found.isAvailable)
        #expect(found.waysOn.isEmpty)
        #expect(found.legacyMembershipNumber == "CPS-1234567")
        #expect(found.explanation(in: .english) == ["MIGRATE PRODUCTS: 1 product of your old CPS account CPS-1234567 can be migrated."])
        let erik = try await env.activeAccount(Support.otherForm)
        await #expect(throws: AuthorizationError.self) { try await env.migration.availability(of: anna.account.id, as: erik.principal) }
    }

    @Test("R-MIG-2: complete, incomplete, not in catalog, conflict and invalid products; fixing the incomplete one allocates")
    func mixedMigration() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let erik = try await env.activeAccount(Support.otherForm)
        _ = try await env.products.register(Support.complete("EOS R3", "TAKEN001"), on: erik.account.id, as: erik.principal)
        env.legacyDirectory.add(try Self.legacy([
            Self.full("EOS R5", "r5-0001"),
            LegacyProduct(model: "RF 24-70mm F2.8 L IS USM", serialNumber: "LENS 0001", purchaseDate: "2020", countryOfPurchase: "SE"),
            Self.full("EOS R3", "TAKEN-001"),
            Self.full("EOS 5D Mark IV", "5D000001"),
            Self.full("EOS R8", "#"),
        ]))
        let report = try await env.migration.migrate(anna.account.id, as: anna.principal)
        #expect(report.items.map(\.outcome) == [.migrated, .migrated, .serialConflict, .migrated, .invalid])
        #expect(report.migratedCount == 3)
        #expect(report.completeCount == 2)
        #expect(report.incompleteCount == 1)
        #expect(report.notInCatalogCount == 1)
        #expect(report.conflictCount == 1)
        #expect(report.pointsAllocated == 300)
        #expect(report.items[1].missingFields == [.dealer])
        #expect(report.items[2].waysOn == [.contactPrioritySupport])
        #expect(report.items[3].isComplete && !report.items[3].inCatalog && report.items[3].points == 0)
        #expect(report.explanation(in: .english) == [
            "From the old CPS account CPS-1234567: 3 products migrated, 2 complete, 1 incomplete, 300 points allocated.",
            "RF 24-70mm F2.8 L IS USM (LENS0001): no green tick yet — missing: Dealer. Click \"View product\" to fill it in.",
            "EOS R3 (TAKEN001): not migrated, it is registered by another account. Contact CPS Priority Support.",
            "EOS 5D Mark IV (5D000001): migrated without points, the model is not in the catalog.",
            "EOS R8 (#): not migrated, the model or serial number cannot be read. Register it again under \"My products\".",
        ])
        // Erik's product is untouched.
        #expect(try await Support.balance(env, erik.account.id).points == 400)
        #expect(try await Support.balance(env, anna.account.id).points == 300)
        // Fixing the incomplete one allocates its points then.
        let lensID = try #require(report.items[1].productID)
        let lens = try await env.products.complete(lensID, on: anna.account.id, with: ProductUpdate(dealer: "Foto Kungsgatan"),
                                                   as: anna.principal)
        #expect(lens.isComplete)
        #expect(lens.points == 200)
        #expect(lens.registration.source == .migrated)
        #expect(lens.registration.legacyMembershipNumber == "CPS-1234567")
        #expect(try await Support.balance(env, anna.account.id).points == 500)
        #expect(try await env.mails("invitation").count == 1)
    }

    @Test("R-MIG-2: a second run adds nothing")
    func idempotent() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        env.legacyDirectory.add(try Self.legacy([Self.full("EOS R5", "R5-0001"), Self.full("EOS R8", "R8-0001"),
                                                 LegacyProduct(model: "EOS R8", serialNumber: "R8-0002")]))
        let first = try await env.migration.migrate(anna.account.id, as: anna.principal)
        #expect(first.migratedCount == 3)
        let records = try await env.store.fetchAll(ProductRegistration.self).count
        let ledger = try await env.store.fetchAll(LedgerEntry.self).count
        let second = try await env.migration.migrate(anna.account.id, as: anna.principal)
        #expect(second.addedNothing)
        #expect(second.items.map(\.outcome) == [.alreadyMigrated, .alreadyMigrated, .alreadyMigrated])
        #expect(second.pointsAllocated == 0)
        #expect(try await env.store.fetchAll(ProductRegistration.self).count == records)
        #expect(try await env.store.fetchAll(LedgerEntry.self).count == ledger)
        #expect(try await Support.balance(env, anna.account.id).points == 400)
    }

    @Test("R-MIG-2: a legacy account claimed by a second business account is refused")
    func secondAccountRefused() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        var form = Support.otherForm
        form.oldCPSEmail = Self.oldEmail
        let erik = try await env.activeAccount(form)
        env.legacyDirectory.add(try Self.legacy([Self.full("EOS R5", "R5-0001")]))
        _ = try await env.migration.migrate(anna.account.id, as: anna.principal)
        #expect(try await env.migration.availability(of: erik.account.id, as: erik.principal).isAvailable)
        let error = await #expect(throws: MigrationError.self) { try await env.migration.migrate(erik.account.id, as: erik.principal) }
        #expect(error?.reason == .claimedByAnotherAccount)
        #expect(error?.waysOn == [.contactPrioritySupport])
        #expect(error?.message(in: .swedish)
                == "Det gamla CPS-kontot CPS-1234567 har redan migrerats till ett annat företagskonto. Kontakta CPS Priority Support.")
        #expect(try await env.store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(erik.account.id)).isEmpty)
        #expect(try await env.store.previousMembershipNumbers(of: erik.account.id).isEmpty)
    }

    @Test("R-MIG-2: two business accounts racing for one legacy account: exactly one migrates", arguments: 0..<3)
    func claimRace(_ round: Int) async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        var form = Support.otherForm
        form.oldCPSEmail = Self.oldEmail
        let erik = try await env.activeAccount(form)
        env.legacyDirectory.add(try Self.legacy([Self.full("EOS R5", "R5-0001"), Self.full("EOS R8", "R8-0001")]))
        let migration = env.migration
        let contenders = [(anna.account.id, anna.principal), (erik.account.id, erik.principal)]
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for (account, principal) in round.isMultiple(of: 2) ? contenders : contenders.reversed() {
                group.addTask { (try? await migration.migrate(account, as: principal)) != nil }
            }
            var all: [Bool] = []
            for await ok in group { all.append(ok) }
            return all
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await env.store.fetchAll(ProductRegistration.self).count == 2)
        #expect(try await env.store.fetchAll(LegacyMembership.self).count == 1)
    }

    @Test("R-MIG-3: the old membership number is kept on record and readable as a previous number")
    func membershipNumberKept() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        env.legacyDirectory.add(try Self.legacy([Self.full("EOS R5", "R5-0001")], number: "CPS 000 000 123 4"))
        let report = try await env.migration.migrate(anna.account.id, as: anna.principal)
        #expect(report.legacyMembershipNumber == "CPS 000 000 123 4")
        #expect(try await env.store.previousMembershipNumbers(of: anna.account.id) == ["CPS 000 000 123 4"])
        let record = try #require(try await env.store.fetch(LegacyMembership.self, holding: "legacy:CPS0000001234"))
        #expect(record.record.accountID == anna.account.id)
        #expect(record.record.lastMigratedAt == env.clock.now)
        #expect(try await env.store.auditTrail(of: anna.account.id).map(\.action).suffix(3)
                == ["migration.claimed", "product.migrated", "migration.run"])
    }

    @Test("R-MIG-2: a large legacy account migrates in chunks; an interrupted run is resumed without duplicates")
    func largeAndInterrupted() async throws {
        let failing = FailingStore(failOnCommit: 8)
        var policy = CPSPolicy.canonEurope
        policy.products.migrationChunkSize = 250
        let env = TestEnvironment(store: failing, policy: policy)
        let anna = try await env.activeAccount()
        // CPS_BULK=100000 runs the full-size case (linear: about 4 s for 25,000 and 17 s for 100,000 in a debug build).
        let count = Int(ProcessInfo.processInfo.environment["CPS_BULK"] ?? "") ?? 5_000
        let models = ["EOS R5", "EOS R8", "RF 50mm F1.8 STM", "LP-E6NH", "EOS 1D X"]
        env.legacyDirectory.add(try Self.legacy((0..<count).map { n in
            n.isMultiple(of: 7) ? LegacyProduct(model: models[n % models.count], serialNumber: "BULK\(100_000 + n)")
                : Self.full(models[n % models.count], "BULK\(100_000 + n)")
        }))
        failing.arm()
        await #expect(throws: StorageError.self) { try await env.migration.migrate(anna.account.id, as: anna.principal) }
        let partial = try await env.store.fetchAll(ProductRegistration.self).count
        #expect(partial > 0 && partial < count)
        let resumed = try await env.migration.migrate(anna.account.id, as: anna.principal)
        #expect(resumed.migratedCount == count - partial)
        #expect(resumed.items(.alreadyMigrated).count == partial)
        #expect(try await env.store.fetchAll(ProductRegistration.self).count == count)
        let balance = try await Support.balance(env, anna.account.id)
        let facts = try await Support.ledgerFacts(env, anna.account.id)
        #expect(facts.points == balance.points)
        #expect(facts.entries == balance.entryCount)
        #expect(facts.complete == balance.completeRegistrations)
        #expect(balance.completeRegistrations == (0..<count).filter { !$0.isMultiple(of: 7) }.count)
        #expect(try await env.mails("invitation").count == 1)
        #expect(try await env.migration.migrate(anna.account.id, as: anna.principal).addedNothing)
    }
}

/// A store that fails the `n`-th commit after ``arm()`` with `unavailable` (a crash mid-migration).
private final class FailingStore: RecordStore {
    private let base = InMemoryRecordStore()
    private let state = Locked<(armed: Bool, commits: Int)>((false, 0))
    private let failOnCommit: Int

    init(failOnCommit: Int) { self.failOnCommit = failOnCommit }

    func arm() { state.withLock { $0 = (true, 0) } }

    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? { try await base.record(kind: kind, id: id) }

    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try await base.records(kind: kind, indexKey: indexKey)
    }

    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? { try await base.record(holding: uniqueKey) }

    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        let fail = state.withLock { state -> Bool in
            guard state.armed else { return false }
            state.commits += 1
            if state.commits == failOnCommit { state.armed = false; return true }
            return false
        }
        if fail { throw StorageError(.unavailable, detail: "simulated crash") }
        return try await base.commit(batch)
    }
}
