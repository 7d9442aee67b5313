import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Card charges on the due date (R-BIL-3)")
struct CardChargeTests {
    private func day(_ month: Int, _ day: Int, year: Int = 2026) throws -> CalendarDay {
        try #require(CalendarDay(year: year, month: month, day: day))
    }

    @Test("R-BIL-3: no charge before the due date; on the due date one charge; a job run twice charges once")
    func chargeOnDueDateOnce() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = InMemoryPaymentGateway()
        let job = fixture.env.cardCharges(gateway)
        let invoice = try await fixture.invoice(.gold, method: .card)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job) == ChargeRunReport())
        fixture.moveTo(try day(12, 26), hour: 23)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).charged.isEmpty)
        #expect(gateway.calls == 0)
        fixture.moveTo(invoice.due.dueDay, hour: 6)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job) == ChargeRunReport())
        #expect(gateway.charges.count == 1)
        #expect(gateway.charges.first?.request.amount == Money(200, .eur))
        #expect(gateway.charges.first?.request.idempotencyKey == "cps-charge:\(invoice.id):1")
        let paid = try await fixture.reload(invoice)
        #expect(paid.status == .paid)
        #expect(paid.amountDue.isZero)
        await #expect(throws: AuthorizationError.self) { try await job.chargeDueInvoices(as: fixture.superuser) }
    }

    @Test("R-BIL-3: two charge jobs at once charge once")
    func concurrentJobs() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = InMemoryPaymentGateway()
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        let job = fixture.env.cardCharges(gateway)
        try await withThrowingTaskGroup(of: ChargeRunReport.self) { group in
            for _ in 0..<2 { group.addTask { try await job.chargeDueInvoices(as: BillingFixture.job) } }
            try await group.waitForAll()
        }
        #expect(gateway.charges.count == 1)
        #expect(try await fixture.reload(invoice).status == .paid)
    }

    @Test("R-BIL-3: a timeout after the charge went through, then a retry with the same key → one charge")
    func timeoutThenRetry() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = FaultInjectingPaymentGateway([.timeoutAfterCharge])
        let job = fixture.env.cardCharges(gateway)
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        let first = try await job.chargeDueInvoices(as: BillingFixture.job)
        #expect(first.pending == [invoice.id])
        #expect(gateway.inner.charges.count == 1)
        #expect(try await fixture.reload(invoice).status == .open)
        let attempt = try #require(try await fixture.env.store.fetchAll(ChargeAttempt.self).first?.record)
        #expect(attempt.outcome == .pending)
        let second = try await job.chargeDueInvoices(as: BillingFixture.job)
        #expect(second.charged == [invoice.id])
        #expect(gateway.inner.charges.count == 1)
        let attempts = try await fixture.env.store.fetchAll(ChargeAttempt.self).map(\.record)
        #expect(attempts.count == 1)
        #expect(attempts.first?.outcome == .succeeded)
        #expect(attempts.first?.calls == 2)
        #expect(try await fixture.reload(invoice).status == .paid)
    }

    @Test("R-BIL-3: a timeout before the charge is repeated with the same key and charged once")
    func timeoutBeforeCharge() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = FaultInjectingPaymentGateway([.timeoutBeforeCharge])
        let job = fixture.env.cardCharges(gateway)
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).pending == [invoice.id])
        #expect(gateway.inner.charges.isEmpty)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
        #expect(gateway.inner.charges.count == 1)
    }

    @Test("R-BIL-3: declines are retried per policy; after the last the invoice is overdue, the superuser mailed, the membership suspended after the grace period, and payment reactivates it")
    func declinesThenSuspensionThenPayment() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = FaultInjectingPaymentGateway(Array(repeating: .decline(reason: "insufficient funds"), count: 4))
        let job = fixture.env.cardCharges(gateway)
        let receipt = try await fixture.buy(.gold, method: .card)
        fixture.env.clock.advance(by: 3_600)
        let invoice = try #require(try await fixture.env.invoicing.issueDueInvoices(as: BillingFixture.job).issued.first)
        let due = invoice.due.dueDay // 2026-12-27; retries +3, +5, +7; suspension +7 +14
        let policy = fixture.env.context.policy.billing
        #expect(invoice.schedule(policy: policy).chargeDays == [due, due.adding(days: 3), due.adding(days: 5), due.adding(days: 7)])

        fixture.moveTo(due)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).declined == [invoice.id])
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job) == ChargeRunReport()) // same day: no retry yet
        for offset in [3, 5] {
            fixture.moveTo(due.adding(days: offset - 1))
            #expect(try await job.chargeDueInvoices(as: BillingFixture.job) == ChargeRunReport())
            fixture.moveTo(due.adding(days: offset))
            #expect(try await job.chargeDueInvoices(as: BillingFixture.job).declined == [invoice.id])
        }
        fixture.moveTo(due.adding(days: 7))
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).finallyDeclined == [invoice.id])
        #expect(gateway.inner.charges.isEmpty)
        let overdue = try await fixture.reload(invoice)
        #expect(overdue.chargeDeclines == 4)
        #expect(overdue.isOverdue(at: fixture.env.clock.now))
        let failed = try await fixture.env.mails("cardChargeFailed")
        #expect(failed.count == 1)
        #expect(failed.first?.body.contains("17 januari 2027") == true)
        fixture.moveTo(due.adding(days: 8))
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job) == ChargeRunReport()) // no more attempts

        fixture.moveTo(due.adding(days: 20))
        #expect(try await fixture.env.paymentFollowUp.run(as: BillingFixture.job).suspended.isEmpty)
        #expect(try await fixture.membership(receipt.membership.id).status == .active)
        fixture.moveTo(due.adding(days: 21))
        #expect(try await fixture.env.paymentFollowUp.run(as: BillingFixture.job).suspended == [invoice.id])
        #expect(try await fixture.env.paymentFollowUp.run(as: BillingFixture.job).suspended.isEmpty)
        let suspended = try await fixture.membership(receipt.membership.id)
        #expect(suspended.status == .suspended)
        #expect(!suspended.isUsable(at: fixture.env.clock.now))
        #expect(try await fixture.env.mails("membershipSuspended").count == 1)

        let payment = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: invoice.total, reference: invoice.creditorReference.printed,
            receivedOn: due.adding(days: 22), as: BillingFixture.job)
        #expect(payment.status == .matched)
        #expect(payment.onTime == false)
        #expect(try await fixture.reload(invoice).status == .paid)
        #expect(try await fixture.membership(receipt.membership.id).status == .active)
        #expect(try await fixture.membership(receipt.membership.id).isUsable(at: fixture.env.clock.now))
    }
}
