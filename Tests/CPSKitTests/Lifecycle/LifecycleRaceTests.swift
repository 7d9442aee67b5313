import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The lifecycle jobs and operations, two runners at every read (R-LIFE-1, R-LIFE-3, R-UOW-1, R-UOW-2).
@Suite("Races: the renewals job and the cancellation, every schedule of two runners (R-LIFE-1, R-LIFE-3, R-UOW-1)")
struct LifecycleRaceTests {
    /// Under ThreadSanitizer the exhaustive explorations are replaced by seeded random schedules.
    static let sampled = ProcessInfo.processInfo.environment["CPS_RACE_SAMPLE"] != nil

    private func explore<Output: Sendable>(
        _ fixture: RaceFixture,
        run: @escaping @Sendable (RaceFixture.World, Int) async throws -> Output,
        verify: @escaping (RaceFixture.World, [Result<Output, any Error>]) async throws -> Void
    ) async throws -> ExplorationReport {
        if Self.sampled {
            return try await Interleaving.random(runners: 2, schedules: 50, seed: 17, setUp: { fixture.world($0) }, run: run,
                                                 verify: verify)
        }
        return try await Interleaving.exhaustive(runners: 2, limit: 200_000, setUp: { fixture.world($0) }, run: run,
                                                 verify: verify)
    }

    /// The store of `lifecycle` prepared at `now`.
    private func raceFixture(_ lifecycle: LifecycleFixture, at now: Date) throws -> RaceFixture {
        RaceFixture(prepared: try #require(lifecycle.env.store as? InMemoryRecordStore), now: now,
                    active: lifecycle.billing.active, invoices: [])
    }

    @Test("R-LIFE-1, R-UOW-2: two renewals jobs on the notice day, every schedule → one notice, one renewal term, one invoice")
    func twoRenewalJobs() async throws {
        let lifecycle = try await LifecycleFixture.make(method: .card)
        lifecycle.moveTo(lifecycle.noticeDay)
        let fixture = try raceFixture(lifecycle, at: lifecycle.env.clock.now)
        let first = lifecycle.first
        let report = try await explore(fixture) { world, runner in
            try await world.env.renewals.run(as: .system("renewals-\(runner)"))
        } verify: { world, results in
            let reports = try Interleaving.requireSuccess(results)
            #expect(reports.map(\.noticed.count).reduce(0, +) == 1)
            #expect(reports.map(\.renewalInvoices.count).reduce(0, +) == 1)
            #expect(try await world.env.mails("renewalNotice").count == 1)
            let memberships = try await world.store.fetchAll(Membership.self).map(\.record)
            #expect(memberships.filter { $0.renewalOf == first.id }.count == 1)
            #expect(try await world.store.fetchAll(Invoice.self).count == 2)
        }
        #expect(report.schedules > 1)
        print("two renewal jobs: \(report)")
    }

    @Test("R-LIFE-2, R-UOW-2: two renewals jobs at the end of a term with an unpaid bank renewal → one expiry, one void")
    func twoExpiryRuns() async throws {
        let lifecycle = try await LifecycleFixture.make(method: .bankTransfer)
        lifecycle.moveTo(lifecycle.noticeDay)
        let invoiceID = try #require(try await lifecycle.runRenewals().renewalInvoices.first)
        let fixture = try raceFixture(lifecycle, at: lifecycle.first.term.end)
        _ = try await explore(fixture) { world, runner in
            try await world.env.renewals.run(as: .system("renewals-\(runner)"))
        } verify: { world, results in
            let reports = try Interleaving.requireSuccess(results)
            #expect(reports.map(\.expired.count).reduce(0, +) == 1)
            #expect(reports.map(\.voided.count).reduce(0, +) == 1)
            #expect(try await world.store.fetch(Invoice.self, id: invoiceID)?.record.status == .void)
            #expect(try await world.audits("invoice.voided").count == 1)
        }
    }
}

extension LifecycleRaceTests {
    @Test("R-LIFE-3, R-UOW-1: a cancellation racing the card charge of the renewal on the expiry day — every schedule, exactly one of: voided and nothing charged, or refused and charged once")
    func cancelRacingCharge() async throws {
        let lifecycle = try await LifecycleFixture.make(method: .card)
        lifecycle.moveTo(lifecycle.noticeDay)
        let invoiceID = try #require(try await lifecycle.runRenewals().renewalInvoices.first)
        let fixture = try raceFixture(lifecycle, at: lifecycle.first.term.end.addingTimeInterval(-120))
        let accountID = lifecycle.accountID
        let superuser = lifecycle.superuser
        var outcomes: Set<String> = []
        let report = try await explore(fixture) { world, runner -> Int in
            if runner == 0 {
                _ = try await world.env.membership.cancelAtPeriodEnd(of: accountID, reason: .tooExpensive, as: superuser)
                return 0
            }
            return try await world.env.cardCharges.chargeDueInvoices(as: .system("charges")).charged.count
        } verify: { world, results in
            let invoice = try #require(try await world.store.fetch(Invoice.self, id: invoiceID)).record
            let charges = world.gateway.charges.count
            switch results[0] {
            case .success:
                #expect(charges == 0)
                #expect(invoice.status == .void)
                #expect(try results[1].get() == 0)
                outcomes.insert("cancelled")
            case .failure(let error):
                #expect((error as? MembershipError)?.reason == .renewalAlreadyCharged)
                #expect(charges == 1)
                #expect(invoice.status == .paid)
                #expect(try await world.store.fetch(Membership.self, id: lifecycle.first.id)?.record.cancellation == nil)
                outcomes.insert("refused")
            }
        }
        #expect(outcomes == ["cancelled", "refused"]) // both orders are reached
        print("cancel racing charge: \(report)")
    }
}

extension LifecycleRaceTests {
    @Test("R-LIFE-5, R-UOW-1: two refunds of the same credit note at once, every schedule → one refund, never two; the loser is refundInProgress or sees the answer")
    func twoRefundsOfOneCreditNote() async throws {
        let billing = try await BillingFixture.make(points: 1_200)
        let invoice = try await billing.invoice(.gold, method: .card)
        billing.moveTo(invoice.due.dueDay)
        try #require(try await billing.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
        let note = try await billing.env.invoicing.issueCreditNote(for: invoice.id, reason: "race", as: TestEnvironment.reviewer)
        let charges = try #require(billing.env.gateway as? InMemoryPaymentGateway).charges
        let fixture = RaceFixture(prepared: try #require(billing.env.store as? InMemoryRecordStore), now: billing.env.clock.now,
                                  active: billing.active, invoices: [])
        let setUp: (InterleavingController) -> RaceFixture.World = { controller in
            let world = fixture.world(controller)
            for charge in charges { world.gateway.process(charge.request, declining: nil) } // the same transaction IDs
            return world
        }
        var outcomes: Set<String> = []
        let run: @Sendable (RaceFixture.World, Int) async throws -> CreditNoteRefund = { world, _ in
            try await world.env.services.refunds.refund(note.id, as: TestEnvironment.reviewer)
        }
        let verify: (RaceFixture.World, [Result<CreditNoteRefund, any Error>]) async throws -> Void = { world, results in
            #expect(world.gateway.refunds.count == 1)
            #expect(world.gateway.refunds.first?.request.amount == note.credited)
            let stored = try #require(try await world.store.fetch(CreditNote.self, id: note.id)?.record.refund)
            #expect(stored.outcome == .refunded)
            #expect(try await world.audits("refund.refunded").count == 1)
            #expect(try await world.store.fetchAll(AccountCredit.self).isEmpty)
            for result in results {
                switch result {
                case .success(let refund):
                    #expect(refund.outcome == .refunded)
                    outcomes.insert("refunded")
                case .failure(let error):
                    #expect((error as? BillingError)?.reason == .refundInProgress)
                    outcomes.insert("inProgress")
                }
            }
        }
        let report: ExplorationReport
        if Self.sampled {
            report = try await Interleaving.random(runners: 2, schedules: 50, seed: 18_3, setUp: setUp, run: run, verify: verify)
        } else {
            report = try await Interleaving.exhaustive(runners: 2, limit: 200_000, setUp: setUp, run: run, verify: verify)
        }
        #expect(report.schedules > 1)
        #expect(outcomes == ["refunded", "inProgress"]) // both a held call and a seen answer are reached
        print("two refunds of one credit note: \(report)")
    }
}

extension LifecycleRaceTests {
    @Test("R-LIFE-5, R-UOW-1: a payment-method change racing the card charge of the renewal on the expiry day — every schedule, exactly one of: reissued for bank and nothing charged, or refused and charged once")
    func paymentMethodChangeRacingCharge() async throws {
        let lifecycle = try await LifecycleFixture.make(method: .card)
        lifecycle.moveTo(lifecycle.noticeDay)
        let invoiceID = try #require(try await lifecycle.runRenewals().renewalInvoices.first)
        let fixture = try raceFixture(lifecycle, at: lifecycle.first.term.end.addingTimeInterval(-120))
        let accountID = lifecycle.accountID
        let superuser = lifecycle.superuser
        var outcomes: Set<String> = []
        let report = try await explore(fixture) { world, runner -> Int in
            if runner == 0 {
                _ = try await world.env.membership.changePaymentMethod(of: accountID, to: .bankTransfer, as: superuser)
                return 0
            }
            return try await world.env.cardCharges.chargeDueInvoices(as: .system("charges")).charged.count
        } verify: { world, results in
            let invoice = try #require(try await world.store.fetch(Invoice.self, id: invoiceID)).record
            let current = try #require(try await world.store.fetch(Membership.self, id: lifecycle.first.id)).record
            switch results[0] {
            case .success:
                #expect(world.gateway.charges.isEmpty)
                #expect(invoice.status == .void)
                #expect(current.paymentMethod == .bankTransfer)
                let renewalID = try #require(current.renewalID)
                let renewal = try #require(try await world.store.fetch(Membership.self, id: renewalID)).record
                #expect(renewal.paymentMethod == .bankTransfer)
                outcomes.insert("changed")
            case .failure(let error):
                #expect((error as? MembershipError)?.reason == .renewalAlreadyCharged)
                #expect(world.gateway.charges.count == 1)
                #expect(invoice.status == .paid)
                #expect(current.paymentMethod == .card)
                outcomes.insert("refused")
            }
        }
        // Both orders are reached exhaustively; sampled schedules (TSan) rarely let the change finish first.
        #expect(Self.sampled ? !outcomes.isEmpty : outcomes == ["changed", "refused"])
        print("payment-method change racing charge: \(report)")
    }

    @Test("R-LIFE-5, R-UOW-2: the same chargeback reported twice at once, every schedule → recorded once, the invoice open for its amount")
    func sameChargebackTwice() async throws {
        let billing = try await BillingFixture.make(points: 1_200)
        let invoice = try await billing.invoice(.gold, method: .card)
        billing.moveTo(invoice.due.dueDay)
        try #require(try await billing.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
        let fixture = RaceFixture(prepared: try #require(billing.env.store as? InMemoryRecordStore), now: billing.env.clock.now,
                                  active: billing.active, invoices: [])
        _ = try await explore(fixture) { world, runner in
            try await world.env.invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-race", amount: invoice.total,
                                                           reason: "disputed", as: .system("gateway-hook-\(runner)"))
        } verify: { world, results in
            let answers = try Interleaving.requireSuccess(results)
            #expect(answers.allSatisfy { $0.status == .open && $0.amountDue == invoice.total })
            #expect(try await world.audits("invoice.chargedBack").count == 1)
            let stored = try #require(try await world.store.fetch(Invoice.self, id: invoice.id)).record
            #expect(stored.amountPaid.isZero)
            #expect(stored.chargeback?.chargebackID == "cb-race")
        }
    }
}
