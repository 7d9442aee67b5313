import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Points ledger and invitation (R-PTS-1, R-INV-1)")
struct PointsInvitationTests {
    typealias Support = ProductTestSupport

    @Test("R-INV-1: 499 points → no invitation; 500 → exactly one")
    func threshold() async throws {
        let env = TestEnvironment(policy: Support.thresholdPolicy)
        let anna = try await env.activeAccount()
        _ = try await env.products.register(Support.complete("EOS R5", "INV00001"), on: anna.account.id, as: anna.principal)
        _ = try await env.products.register(Support.complete("RF 24-70mm F2.8 L IS USM", "INV00002"), on: anna.account.id, as: anna.principal)
        #expect(try await Support.balance(env, anna.account.id).points == 499)
        #expect(try await env.mails("invitation").isEmpty)
        #expect(try await Support.balance(env, anna.account.id).invitedAt == nil)

        _ = try await env.products.register(Support.complete("RF 50mm F1.8 STM", "INV00003"), on: anna.account.id, as: anna.principal)
        let balance = try await Support.balance(env, anna.account.id)
        #expect(balance.points == 500)
        #expect(balance.invitedAt == env.clock.now)
        let mails = try await env.mails("invitation")
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.to.map(\.email.address) == ["anna@ljusbild.example"])
        #expect(mail.language == .swedish)
        #expect(mail.subject == "Du är inbjuden att gå med i CPS")
        #expect(mail.body.contains("Så snart du har minst 500 poäng på ditt konto får du en inbjudan att gå med i CPS"))
        #expect(mail.body.contains("Då kan du se alla tillgängliga medlemsnivåer"))
        #expect(balance.invitationMailID != nil)
        #expect(try await env.store.auditTrail(of: anna.account.id).map(\.action).contains("points.invited"))
    }

    @Test("R-INV-1: the English invitation in the seed's words")
    func english() async throws {
        let catalog = TextCatalog.standard
        let body = catalog.render("email.invitation.body", ["company": "Foo", "points": "500", "threshold": "500"], in: .english)
        #expect(body.contains("As soon as you have at least 500 points on your account you get an invitation to join CPS"))
        #expect(body.contains("You can now see all available membership levels"))
    }

    @Test("R-INV-1: dropping below 500 and rising again sends no second invitation")
    func once() async throws {
        let env = TestEnvironment(policy: Support.thresholdPolicy)
        let anna = try await env.activeAccount()
        let r1 = try await env.products.register(Support.complete("EOS R1", "ONCE0001"), on: anna.account.id, as: anna.principal)
        #expect(try await env.mails("invitation").count == 1)
        _ = try await env.products.remove(r1.registration.id, from: anna.account.id, reason: .sold, as: anna.principal)
        #expect(try await Support.balance(env, anna.account.id).points == 0)
        _ = try await env.products.register(Support.complete("EOS R1", "ONCE0002"), on: anna.account.id, as: anna.principal)
        _ = try await env.products.register(Support.complete("EOS R3", "ONCE0003"), on: anna.account.id, as: anna.principal)
        #expect(try await Support.balance(env, anna.account.id).points == 900)
        #expect(try await env.mails("invitation").count == 1)
    }

    @Test("R-INV-1, R-PTS-1: many products completing concurrently: none lost, one invitation", arguments: [8, 12])
    func concurrentCompletions(_ count: Int) async throws {
        // R-UOW-1: 2 × count runners each commit exactly once. An attempt that loses lost to a commit
        // made after its read, so each loss is a different runner's one commit: 2 × count attempts
        // cannot run out, however slow the machine (the default 10 did, once, under TSan).
        var policy = Support.thresholdPolicy
        policy.retries.attempts = 2 * count
        let env = TestEnvironment(policy: policy)
        let anna = try await env.activeAccount()
        var ids: [ProductRegistration.ID] = []
        for n in 0..<count {
            ids.append(try await env.products.register(ProductForm(model: "EOS R8", serialNumber: "CONC\(1000 + n)"),
                                                       on: anna.account.id, as: anna.principal).registration.id)
        }
        #expect(try await env.mails("invitation").isEmpty)
        let products = env.products
        let account = anna.account.id, principal = anna.principal
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Every product completes twice, concurrently: the same event processed twice.
            for id in ids + ids {
                group.addTask {
                    _ = try await products.complete(id, on: account, with: ProductUpdate(purchaseDate: "2025-01", countryOfPurchase: "SE",
                                                                                         dealer: "Foto AB"), as: principal)
                }
            }
            try await group.waitForAll()
        }
        let balance = try await Support.balance(env, account)
        #expect(balance.points == count * 100)
        #expect(balance.completeRegistrations == count)
        #expect(balance.entryCount == count)
        #expect(try await env.mails("invitation").count == 1)
        let facts = try await Support.ledgerFacts(env, account)
        #expect(facts.points == balance.points)
        #expect(facts.entries == balance.entryCount)
    }

    @Test("R-PTS-1: after any sequence of changes the balance equals the sum of the ledger")
    func balanceIsTheSum() async throws {
        let env = TestEnvironment(policy: Support.thresholdPolicy)
        let anna = try await env.activeAccount()
        let models = ["EOS R5", "EOS R8", "RF 50mm F1.8 STM", "LP-E6NH", "RF 24-70mm F2.8 L IS USM"]
        var generator = SeededRandomNumberGenerator(seed: 7)
        var active: [ProductRegistration.ID] = []
        for step in 0..<60 {
            let roll = Int.random(in: 0..<10, using: &generator)
            if roll < 5 || active.isEmpty {
                let complete = Bool.random(using: &generator)
                let model = models[Int.random(in: 0..<models.count, using: &generator)]
                let form = complete ? Support.complete(model, "SEQ\(1000 + step)") : ProductForm(model: model, serialNumber: "SEQ\(1000 + step)")
                active.append(try await env.products.register(form, on: anna.account.id, as: anna.principal).registration.id)
            } else if roll < 8 {
                let id = active[Int.random(in: 0..<active.count, using: &generator)]
                _ = try await env.products.complete(id, on: anna.account.id,
                                                    with: ProductUpdate(purchaseDate: "2024", countryOfPurchase: "FI", dealer: "D"),
                                                    as: anna.principal)
            } else if roll < 9 {
                let id = active.remove(at: Int.random(in: 0..<active.count, using: &generator))
                _ = try await env.products.remove(id, from: anna.account.id, reason: .lost, as: anna.principal)
            } else {
                _ = try await env.products.revalue(model: models[step % 2], to: step, reason: "end of service life",
                                                   as: TestEnvironment.reviewer)
            }
            let balance = try await Support.balance(env, anna.account.id)
            let facts = try await Support.ledgerFacts(env, anna.account.id)
            #expect(facts.points == balance.points, "step \(step)")
            #expect(facts.entries == balance.entryCount, "step \(step)")
            #expect(facts.complete == balance.completeRegistrations, "step \(step)")
        }
        #expect(try await env.mails("invitation").count <= 1)
    }
}
