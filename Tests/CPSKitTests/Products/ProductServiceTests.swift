import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("My products (R-PRD-1…5, R-ACC-5)")
struct ProductServiceTests {
    typealias Support = ProductTestSupport

    @Test("R-PRD-3: a complete registration gets the green tick and its points")
    func complete() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let detail = try await env.products.register(Support.complete("eos r5", "ab-12 34"), on: anna.account.id, as: anna.principal)
        #expect(detail.isComplete)
        #expect(detail.registration.model == "EOS R5")
        #expect(detail.registration.serial?.value == "AB1234")
        #expect(detail.points == 300)
        #expect(detail.history.map(\.entryKind) == [.allocated])
        let balance = try await env.products.points(of: anna.account.id, as: anna.principal)
        #expect(balance.points == 300)
        #expect(balance.completeRegistrations == 1)
        #expect(detail.explanation(in: .swedish) == ["EOS R5: komplett – grön bock, 300 poäng tilldelade."])
    }

    @Test("R-PRD-3: an incomplete registration earns nothing and lists what is missing; completing it later allocates then")
    func incompleteThenComplete() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let first = try await env.products.register(ProductForm(model: "RF 24-70mm F2.8 L IS USM", serialNumber: "LENS0001",
                                                                purchaseDate: "2024"),
                                                    on: anna.account.id, as: anna.principal)
        #expect(!first.isComplete)
        #expect(first.missingFields == [.countryOfPurchase, .dealer])
        #expect(first.points == 0)
        #expect(first.explanation(in: .english) == [
            "RF 24-70mm F2.8 L IS USM: no green tick yet. Some mandatory product information is missing:",
            "The country of purchase is missing.",
            "The dealer is missing: the shop or company you bought the product from.",
            "Don't worry if you don't remember the exact information: just fill it in as accurately as you can.",
        ])
        #expect(try await env.products.points(of: anna.account.id, as: anna.principal).points == 0)
        env.clock.advance(days: 3)
        let completed = try await env.products.complete(first.registration.id, on: anna.account.id,
                                                        with: ProductUpdate(countryOfPurchase: "se", dealer: "Foto Malmö"),
                                                        as: anna.principal)
        #expect(completed.isComplete)
        #expect(completed.points == 200)
        #expect(completed.registration.completedAt == env.clock.now)
        // Completing again (the same event twice) allocates nothing more.
        _ = try await env.products.complete(first.registration.id, on: anna.account.id,
                                            with: ProductUpdate(dealer: "Foto Malmö AB"), as: anna.principal)
        let balance = try await env.products.points(of: anna.account.id, as: anna.principal)
        #expect(balance.points == 200)
        #expect(balance.entryCount == 1)
    }

    @Test("R-PRD-1: a model outside the catalog is refused; accessories register without points")
    func catalog() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let error = await #expect(throws: ProductError.self) {
            try await env.products.register(Support.complete("EOS 300D", "OLD12345"), on: anna.account.id, as: anna.principal)
        }
        #expect(error?.reason == .unknownModel)
        let battery = try await env.products.register(Support.complete("LP-E6NH", "BAT0001"), on: anna.account.id, as: anna.principal)
        #expect(battery.isComplete)
        #expect(battery.points == 0)
        #expect(try await env.products.points(of: anna.account.id, as: anna.principal).completeRegistrations == 1)
    }

    @Test("R-PRD-4: \"ab-12 34\" and \"AB1234\" are the same product; a second account gets a clear conflict")
    func oneOwner() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let erik = try await env.activeAccount(Support.otherForm)
        let first = try await env.products.register(Support.complete("EOS R5", "ab-12 34"), on: anna.account.id, as: anna.principal)
        let error = await #expect(throws: ProductError.self) {
            try await env.products.register(Support.complete("EOS-R5", "AB1234"), on: erik.account.id, as: erik.principal)
        }
        #expect(error?.reason == .serialTaken)
        #expect(error?.existingID == nil)   // another account's registration is never named
        #expect(error?.message(in: .english)
                == "EOS R5 with serial number AB1234 is already registered by another account. If it is yours, contact CPS Priority Support.")
        let same = await #expect(throws: ProductError.self) {
            try await env.products.register(Support.complete("EOS R5", "AB 1234"), on: anna.account.id, as: anna.principal)
        }
        #expect(same?.reason == .alreadyRegistered)
        #expect(same?.existingID == first.registration.id.rawValue)   // the conflict carries the existing registration
        let unchanged = try await env.products.product(first.registration.id, of: anna.account.id, as: anna.principal)
        #expect(unchanged == first)
        #expect(try await env.products.list(of: erik.account.id, as: erik.principal).isEmpty)
        // The same serial number on another model is another product.
        _ = try await env.products.register(Support.complete("EOS R8", "AB1234"), on: erik.account.id, as: erik.principal)
    }

    @Test("R-PRD-4: two accounts racing for one serial number: one success, one conflict", arguments: 0..<5)
    func race(_ round: Int) async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let erik = try await env.activeAccount(Support.otherForm)
        let contenders = [(anna.account.id, anna.principal), (erik.account.id, erik.principal)]
        let products = env.products
        let results = await withTaskGroup(of: Result<ProductDetail, any Error>.self) { group in
            for (accountID, principal) in round.isMultiple(of: 2) ? contenders : contenders.reversed() {
                group.addTask {
                    do { return .success(try await products.register(Support.complete("EOS R3", "RACE-\(round)-1"),
                                                                     on: accountID, as: principal)) } catch { return .failure(error) }
                }
            }
            var all: [Result<ProductDetail, any Error>] = []
            for await result in group { all.append(result) }
            return all
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        let failures = results.compactMap { result -> ProductError? in
            if case .failure(let error) = result { return error as? ProductError }
            return nil
        }
        #expect(failures.map(\.reason) == [.serialTaken])
        let winner = try #require(winners.first)
        let loser = winner.registration.accountID == anna.account.id ? erik.account.id : anna.account.id
        #expect(try await Support.balance(env, winner.registration.accountID).points == 400)
        #expect(try await Support.balance(env, loser).points == 0)
        #expect(try await env.store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(loser)).isEmpty)
    }

    @Test("R-ACC-5: a user of account A cannot touch account B's products")
    func otherAccount() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let erik = try await env.activeAccount(Support.otherForm)
        let product = try await env.products.register(Support.complete("EOS R5", "AB1234"), on: anna.account.id, as: anna.principal)
        let id = product.registration.id
        let attempts: [@Sendable () async throws -> Void] = [
            { _ = try await env.products.register(Support.complete("EOS R8", "XX0001"), on: anna.account.id, as: erik.principal) },
            { _ = try await env.products.list(of: anna.account.id, as: erik.principal) },
            { _ = try await env.products.product(id, of: anna.account.id, as: erik.principal) },
            { _ = try await env.products.remove(id, from: anna.account.id, reason: .sold, as: erik.principal) },
            { _ = try await env.products.complete(id, on: anna.account.id, with: ProductUpdate(dealer: "X"), as: erik.principal) },
            { _ = try await env.products.points(of: anna.account.id, as: erik.principal) },
        ]
        for attempt in attempts {
            let error = await #expect(throws: AuthorizationError.self) { try await attempt() }
            #expect(error?.reason == .otherAccount)
        }
        // Naming the product under one's own account finds nothing.
        let notFound = await #expect(throws: ProductError.self) {
            try await env.products.remove(id, from: erik.account.id, reason: .sold, as: erik.principal)
        }
        #expect(notFound?.reason == .notFound)
        #expect(try await env.products.product(id, of: anna.account.id, as: anna.principal) == product)
    }

    @Test("R-ACC-5: any active user of the account may register, not only the superuser")
    func plainUser() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let user = try await env.accounts.addUser(to: anna.account.id, name: "Bo Ek", email: "bo@ljusbild.example", as: anna.principal)
        let invited = await #expect(throws: AuthorizationError.self) {
            try await env.products.register(Support.complete("EOS R8", "USER0001"), on: anna.account.id, as: .accountUser(user.id))
        }
        #expect(invited?.reason == .inactiveUser)
        let token = try #require(try await env.latestToken("userInvited"))
        _ = try await env.passwords.setPassword(token: token, newPassword: "Bo-har-en-kamera-2026")
        let detail = try await env.products.register(Support.complete("EOS R8", "USER0001"), on: anna.account.id, as: .accountUser(user.id))
        #expect(detail.isComplete)
    }

    @Test("R-PRD-5: removing a product removes its points, keeps its history and frees the serial number")
    func removal() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let erik = try await env.activeAccount(Support.otherForm)
        let product = try await env.products.register(Support.complete("EOS R5", "SOLD0001"), on: anna.account.id, as: anna.principal)
        let removed = try await env.products.remove(product.registration.id, from: anna.account.id, reason: .sold, as: anna.principal)
        #expect(removed.registration.status == .removed)
        #expect(removed.registration.removalReason == .sold)
        #expect(removed.points == 0)
        #expect(removed.history.map(\.entryKind) == [.allocated, .removed])
        #expect(removed.history.map(\.points) == [300, -300])
        let balance = try await env.products.points(of: anna.account.id, as: anna.principal)
        #expect(balance.points == 0)
        #expect(balance.completeRegistrations == 0)
        #expect(try await env.products.list(of: anna.account.id, as: anna.principal).isEmpty)
        #expect(try await env.products.list(of: anna.account.id, includingRemoved: true, as: anna.principal).count == 1)
        let again = await #expect(throws: ProductError.self) {
            try await env.products.remove(product.registration.id, from: anna.account.id, reason: .lost, as: anna.principal)
        }
        #expect(again?.reason == .removed)
        // The buyer can register it now.
        let bought = try await env.products.register(Support.complete("EOS R5", "SOLD-0001"), on: erik.account.id, as: erik.principal)
        #expect(bought.points == 300)
    }

    @Test("R-PRD-1: a change of points applies only to registrations completed after it")
    func pointChange() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let before = try await env.products.register(Support.complete("EOS R5", "BEFORE01"), on: anna.account.id, as: anna.principal)
        let pending = try await env.products.register(ProductForm(model: "EOS R5", serialNumber: "PENDING1"),
                                                      on: anna.account.id, as: anna.principal)
        var policy = env.context.policy
        policy.products = policy.products.settingPoints(350, for: "EOS R5")
        let context = try env.context.with(policy: policy)
        let changed = ProductService(context)
        let after = try await changed.register(Support.complete("EOS R5", "AFTER001"), on: anna.account.id, as: anna.principal)
        let completedLater = try await changed.complete(pending.registration.id, on: anna.account.id,
                                                        with: ProductUpdate(purchaseDate: "2025", countryOfPurchase: "SE", dealer: "X"),
                                                        as: anna.principal)
        #expect(try await changed.product(before.registration.id, of: anna.account.id, as: anna.principal).points == 300)
        #expect(after.points == 350)
        #expect(completedLater.points == 350)
        #expect(try await changed.points(of: anna.account.id, as: anna.principal).points == 1000)
    }

    @Test("R-PRD-1: an end-of-service-life revaluation writes one revalued entry per registration")
    func revaluation() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let erik = try await env.activeAccount(Support.otherForm)
        let a = try await env.products.register(Support.complete("EOS R5", "EOL00001"), on: anna.account.id, as: anna.principal)
        _ = try await env.products.register(Support.complete("EOS R5", "EOL00002"), on: erik.account.id, as: erik.principal)
        _ = try await env.products.register(ProductForm(model: "EOS R5", serialNumber: "EOL00003"), on: erik.account.id, as: erik.principal)
        let removed = try await env.products.register(Support.complete("EOS R5", "EOL00004"), on: erik.account.id, as: erik.principal)
        _ = try await env.products.remove(removed.registration.id, from: erik.account.id, reason: .lost, as: erik.principal)
        _ = try await env.products.register(Support.complete("EOS R8", "EOL00005"), on: anna.account.id, as: anna.principal)

        let denied = await #expect(throws: AuthorizationError.self) {
            try await env.products.revalue(model: "EOS R5", to: 100, reason: "end of service life", as: anna.principal)
        }
        #expect(denied?.reason == .reviewerOnly)
        let result = try await env.products.revalue(model: "eos r5", to: 100, reason: "end of service life", as: TestEnvironment.reviewer)
        #expect(result.entries.count == 2)
        #expect(result.entries.allSatisfy { $0.entryKind == .revalued && $0.points == -200 && $0.completeRegistrationsDelta == 0 })
        #expect(try await Support.balance(env, anna.account.id).points == 200)
        #expect(try await Support.balance(env, erik.account.id).points == 100)
        #expect(try await env.products.product(a.registration.id, of: anna.account.id, as: anna.principal).history.map(\.entryKind)
                == [.allocated, .revalued])
        // Running it again changes nothing.
        #expect(try await env.products.revalue(model: "EOS R5", to: 100, reason: "again", as: .system("job")).entries.isEmpty)
        for account in [anna.account.id, erik.account.id] {
            let facts = try await Support.ledgerFacts(env, account)
            let balance = try await Support.balance(env, account)
            #expect(facts.points == balance.points)
            #expect(facts.entries == balance.entryCount)
        }
    }

    @Test("R-PRD-2: bad fields are refused and nothing is stored", arguments: [
        ProductForm(model: "EOS R5", serialNumber: "AB_12"),
        ProductForm(model: "EOS R5", serialNumber: "AB12", countryOfPurchase: "Sweden"),
        ProductForm(model: "EOS R5", serialNumber: "AB12", purchaseDate: "2026-02-30"),
        ProductForm(model: "EOS R5", serialNumber: "AB12", dealer: String(repeating: "x", count: 201)),
        ProductForm(model: "  ", serialNumber: "AB12"),
    ])
    func badInput(_ form: ProductForm) async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        await #expect(throws: (any Error).self) { try await env.products.register(form, on: anna.account.id, as: anna.principal) }
        #expect(try await env.store.fetchAll(ProductRegistration.self).isEmpty)
        #expect(try await env.store.fetchAll(LedgerEntry.self).isEmpty)
    }
}
