import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Every job and every money path, two runners at every read (R-UOW-1, R-UOW-2): the interleaving
/// kit runs each schedule on a copy of a prepared store.
@Suite("Races: every schedule of two runners over every job and money path (R-UOW-1, R-UOW-2)")
struct JobRaceTests {
    /// Under ThreadSanitizer the exhaustive explorations are replaced by 50 seeded random schedules.
    static let sampled = ProcessInfo.processInfo.environment["CPS_RACE_SAMPLE"] != nil

    private func explore<Output: Sendable>(
        _ fixture: RaceFixture, runners: Int = 2, policy: CPSPolicy = .canonEurope,
        run: @escaping @Sendable (RaceFixture.World, Int) async throws -> Output,
        verify: @escaping (RaceFixture.World, [Result<Output, any Error>]) async throws -> Void
    ) async throws -> ExplorationReport {
        if Self.sampled {
            return try await Interleaving.random(runners: runners, schedules: 50, seed: 13,
                                                 setUp: { fixture.world($0, policy: policy) }, run: run, verify: verify)
        }
        return try await Interleaving.exhaustive(runners: runners, limit: 200_000, setUp: { fixture.world($0, policy: policy) },
                                                 run: run, verify: verify)
    }

    @Test("R-BIL-3, R-UOW-1: two card-charge jobs over one due invoice, every schedule → exactly one charge, one invoice.paid")
    func twoChargeJobs() async throws {
        let fixture = try await RaceFixture.dueCardInvoices(1)
        let report = try await explore(fixture) { world, runner in
            try await world.env.cardCharges.chargeDueInvoices(as: .system("charges-\(runner)"))
        } verify: { world, results in
            _ = try Interleaving.requireSuccess(results)
            try await world.expectEachInvoicePaidOnce(fixture.invoices)
            #expect(try await world.store.fetchAll(ChargeAttempt.self).count == 1)
        }
        #expect(report.schedules > 1)
        print("two charge jobs: \(report)")
    }

    @Test("R-BIL-3, R-UOW-1: the old double charge — runner 1 reads the invoice open, runner 0 charges it, then runner 1 goes on — charges once")
    func theReportedDoubleCharge() async throws {
        let fixture = try await RaceFixture.dueCardInvoices(1)
        // Runner 1 holds at its claim until runner 0 has recorded the payment (its second commit).
        let plan = InterleavingPlan.sequential.holding(1, at: .commit, until: 0, passes: .commit)
        try await Interleaving.run(plan, runners: 2, setUp: { fixture.world($0) }) { world, runner in
            try await world.env.cardCharges.chargeDueInvoices(as: .system("charges-\(runner)"))
        } verify: { world, results in
            let reports = try Interleaving.requireSuccess(results)
            try await world.expectEachInvoicePaidOnce(fixture.invoices)
            #expect(reports.map(\.charged.count).reduce(0, +) == 1)
        }
    }

    @Test("R-BIL-2, R-UOW-1: two invoicing jobs over one purchase, every schedule → one invoice, number 1, one mail")
    func twoInvoicingJobs() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, for: active.account.id)
        try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion),
                                          as: active.principal)
        let fixture = RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore), now: env.clock.now.addingTimeInterval(3_600),
                                  active: active, invoices: [])
        _ = try await explore(fixture) { world, runner in
            try await world.env.invoicing.issueDueInvoices(as: .system("invoicing-\(runner)"))
        } verify: { world, results in
            let reports = try Interleaving.requireSuccess(results)
            let invoices = try await world.store.fetchAll(Invoice.self).map(\.record)
            #expect(invoices.map(\.number).count == 1)
            #expect(invoices.first?.number.hasSuffix("000001") == true || invoices.first?.number.hasSuffix("1") == true)
            #expect(reports.map(\.issued.count).reduce(0, +) == 1)
            #expect(try await world.env.mails("invoiceIssuedBankTransfer").count == 1)
        }
    }

    @Test("R-TIER-1, R-UOW-1: a purchase racing a product removal never sells a level that is not open at commit")
    func purchaseRacingRemoval() async throws {
        // Two complete EOS R5 registrations (300 points each): Silver (500) is open; removing one closes it.
        let fixture = try await RaceFixture.productsWorth(2)
        let silver = CPSPolicy.canonEurope.levels.individualLevels.first { $0.level == .silver }?.minimumPoints ?? 0
        let balance = try #require(try await fixture.prepared.fetch(PointsBalance.self, id: fixture.active.account.id)).record
        try #require(balance.points >= silver && balance.points - 300 < silver, "\(balance.points) points vs Silver's \(silver)")
        let product = try #require(try await fixture.prepared.fetchAll(ProductRegistration.self).first).record
        let report = try await explore(fixture) { world, runner -> String in
            if runner == 0 {
                _ = try await world.env.membership.purchase(
                    PurchaseRequest(accountID: fixture.active.account.id, level: .silver, paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion),
                    as: fixture.active.principal)
                return "bought"
            }
            _ = try await world.env.products.remove(product.id, from: fixture.active.account.id, reason: .sold,
                                                    as: fixture.active.principal)
            return "removed"
        } verify: { world, results in
            #expect((try? results[1].get()) == "removed")
            let order = try await world.store.fetchAll(AuditEntry.self).map(\.record.action)
            switch results[0] {
            case .success:
                // Sold only if the sale committed before the removal.
                let sold = try #require(order.firstIndex { $0.hasPrefix("membership.") })
                let removed = try #require(order.firstIndex(of: "product.removed"))
                #expect(sold < removed, "a level was sold after the points fell: \(order)")
            case .failure(let error):
                #expect((error as? MembershipError)?.reason == .levelNotOpen, "\(error)")
                #expect(try await world.store.fetchAll(Membership.self).isEmpty)
            }
        }
        #expect(report.schedules > 1)
        print("purchase vs removal: \(report)")
    }

    @Test("R-INV-1, R-UOW-1: two registrations crossing 500 points at once → one invitation, every schedule")
    func oneInvitation() async throws {
        let fixture = try await RaceFixture.productsWorth(1)
        _ = try await explore(fixture) { world, runner in
            try await world.env.products.register(
                ProductForm(model: "EOS R5", serialNumber: "INV\(runner)000", purchaseDate: "2025-06", countryOfPurchase: "SE",
                            dealer: "Foto AB"),
                on: fixture.active.account.id, as: fixture.active.principal)
        } verify: { world, results in
            _ = try Interleaving.requireSuccess(results)
            let balance = try #require(try await world.store.fetch(PointsBalance.self, id: fixture.active.account.id)).record
            #expect(balance.completeRegistrations == 3)
            #expect(try await world.env.mails("invitation").count <= 1)
            #expect(try await world.audits("points.invited").count <= 1)
        }
    }

    @Test("R-VAL-1, R-UOW-1: two reviewers approving at once → one account, one password mail, every schedule")
    func oneAccountPerApproval() async throws {
        let env = TestEnvironment()
        let applicant = Principal.applicant(try EmailAddress(Fixtures.swedishForm.contactEmail))
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: applicant)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document.id,
                                                 of: application.id, as: TestEnvironment.reviewer)
        let dummy = try await RaceFixture.productsWorth(0)
        let fixture = RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore), now: env.clock.now,
                                  active: dummy.active, invoices: [])
        _ = try await explore(fixture) { world, runner in
            try await world.env.review.approve(application.id, as: runner == 0 ? TestEnvironment.reviewer : TestEnvironment.secondReviewer)
        } verify: { (world: RaceFixture.World, results: [Result<ApprovalResult, any Error>]) async throws in
            let approved = results.filter { if case .success = $0 { true } else { false } }
            #expect(approved.count == 1)
            let refusals = results.compactMap { result -> String? in
                guard case .failure(let error) = result else { return nil }
                return (error as? ApplicationError)?.code ?? "\(error)"
            }
            #expect(refusals == ["application.wrongStatus"])
            #expect(try await world.store.fetchAll(BusinessAccount.self).count == 1)
            #expect(try await world.env.mails("accountReady").count == 1)
        }
    }

    @Test("R-BIL-4, R-UOW-1: a bank payment racing the follow-up job → the payment applies once, no reminder for a paid invoice")
    func paymentRacingFollowUp() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, for: active.account.id)
        try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion),
                                          as: active.principal)
        env.clock.advance(by: 3_600)
        let invoice = try #require(try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.first)
        let reminderDay = try #require(invoice.schedule(policy: env.context.policy.billing).reminderDays.first)
        let fixture = RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore),
                                  now: reminderDay.start(in: env.context.policy.timeZone).addingTimeInterval(10 * 3_600),
                                  active: active, invoices: [invoice])
        _ = try await explore(fixture) { world, runner -> Int in
            if runner == 0 {
                _ = try await world.env.bankPayments.recordIncomingPayment(
                    amount: invoice.total, reference: invoice.creditorReference.printed, receivedOn: reminderDay,
                    as: .system("bank"))
                return 0
            }
            return try await world.env.paymentFollowUp.run(as: .system("follow-up")).reminded.count
        } verify: { world, results in
            let outputs = try Interleaving.requireSuccess(results)
            let stored = try #require(try await world.store.fetch(Invoice.self, id: invoice.id)).record
            #expect(stored.status == .paid)
            #expect(stored.amountPaid == invoice.total)
            #expect(try await world.audits("invoice.paid").count == 1)
            #expect(try await world.env.mails("paymentReminder").count == outputs[1])
        }
    }

    @Test("R-ADP-2, R-UOW-2: two mail dispatchers at once → every mail delivered, one Message-ID each, every schedule")
    func twoDispatchers() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount() // delivers what it queued, to read the link
        _ = try await env.accounts.addUser(to: active.account.id, name: "Erik", email: "erik@ljusbild.example",
                                           as: active.principal)
        _ = try await env.passwords.requestPasswordReset(email: active.superuser.email.address)
        _ = try await env.services.passwordResets.runOnce(as: .system("test"))
        let pending = try await env.store.fetchAll(OutboxMail.self).filter { $0.record.status == .pending }
        #expect(pending.count == 2) // the invitation and the reset, each with a password link
        let fixture = RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore), now: env.clock.now,
                                  active: try await RaceFixture.productsWorth(0).active, invoices: [])
        _ = try await explore(fixture) { world, _ in
            try await world.env.mailDispatcher.dispatchPending()
        } verify: { world, results in
            _ = try Interleaving.requireSuccess(results)
            let outbox = try await world.store.fetchAll(OutboxMail.self).map(\.record)
            #expect(outbox.allSatisfy { $0.status == .delivered })
            let received = world.env.mailbox.messages
            #expect(Set(received.map(\.messageID)) == Set(pending.map(\.record.message.messageID)))
            #expect(received.allSatisfy { $0.facts["link"]?.contains("token=") == true }) // rendered at delivery (R-ID-3)
        }
    }

    @Test("R-BIL-3, R-UOW-2: eight card-charge runners over many invoices, seeded random schedules → one charge per invoice")
    func eightRunners() async throws {
        let fixture = try await RaceFixture.dueCardInvoices(6)
        let report = try await Interleaving.random(runners: 8, schedules: Self.sampled ? 5 : 20, seed: 8,
                                                   setUp: { fixture.world($0) }) { world, runner in
            try await world.env.cardCharges.chargeDueInvoices(as: .system("charges-\(runner)"))
        } verify: { world, results in
            _ = try Interleaving.requireSuccess(results)
            try await world.expectEachInvoicePaidOnce(fixture.invoices)
        }
        #expect(report.schedules == (Self.sampled ? 5 : 20))
    }

    @Test("R-BIL-3, R-UOW-1: real concurrency — 10 rounds of two charge jobs over 12 invoices → 12 charges each round")
    func realConcurrency() async throws {
        let fixture = try await RaceFixture.dueCardInvoices(12)
        for _ in 0..<10 {
            let world = fixture.plainWorld()
            try await withThrowingTaskGroup(of: ChargeRunReport.self) { group in
                for runner in 0..<2 {
                    group.addTask { try await world.env.cardCharges.chargeDueInvoices(as: .system("charges-\(runner)")) }
                }
                try await group.waitForAll()
            }
            try await world.expectEachInvoicePaidOnce(fixture.invoices)
        }
    }
}
