import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The renewals job (R-LIFE-1, R-LIFE-2, R-LIFE-4): notice, renewal invoice due on the expiry date,
/// card charge on that day, expiry of an unpaid bank renewal.
@Suite("R-LIFE-1, R-LIFE-2: the renewals job")
struct RenewalTests {
    @Test("R-LIFE-1: the notice goes out on exactly expiry − 30 days (policy time zone), never the day before, never twice")
    func noticeOnTheDay() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.noticeDay.adding(days: -1), hour: 23, minute: 59)
        var report = try await fixture.runRenewals()
        #expect(report.noticed.isEmpty)
        #expect(try await fixture.env.mails("renewalNotice").isEmpty)
        fixture.moveTo(fixture.noticeDay, hour: 0, minute: 0)
        #expect(try await fixture.env.renewals.nextDue(after: fixture.env.clock.now) == fixture.env.clock.now)
        report = try await fixture.runRenewals()
        #expect(report.noticed == [fixture.first.id])
        #expect(report.renewalInvoices.count == 1)
        let mails = try await fixture.env.mails("renewalNotice")
        #expect(mails.count == 1)
        let body = try #require(mails.first?.body)
        #expect(body.contains("förnyas automatiskt"))
        #expect(body.contains("Gold"))
        #expect(body.contains("Silver")) // the levels open now, with prices
        // Never twice: again the same day, and a week later.
        report = try await fixture.runRenewals()
        #expect(report.noticed.isEmpty)
        fixture.moveTo(fixture.noticeDay.adding(days: 7))
        report = try await fixture.runRenewals()
        #expect(report.noticed.isEmpty)
        #expect(try await fixture.env.mails("renewalNotice").count == 1)
        #expect(try await fixture.audits("membership.renewalNotice").count == 1)
        #expect(try await fixture.env.renewals.nextDue(after: fixture.env.clock.now) == fixture.first.term.end)
    }

    @Test("R-LIFE-1, R-MEM-2: the renewal runs from the current expiry with a new number; its invoice is due on the expiry date")
    func renewalTerm() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        fixture.moveTo(fixture.noticeDay)
        let report = try await fixture.runRenewals()
        let invoice = try await fixture.invoice(try #require(report.renewalInvoices.first))
        #expect(invoice.due.dueDay == fixture.expiryDay)
        #expect(invoice.due.issueDay == fixture.noticeDay)
        #expect(invoice.status == .open)
        #expect(invoice.paymentMethod == .bankTransfer)
        let renewal = try await fixture.membership(invoice.membershipID)
        #expect(renewal.term.start == fixture.first.term.end)
        #expect(renewal.term.kind == .renewal)
        #expect(renewal.number != fixture.first.number)
        #expect(renewal.previousNumbers.contains(fixture.first.number.compact))
        #expect(renewal.renewalOf == fixture.first.id)
        #expect(renewal.status(at: fixture.env.clock.now) == .scheduled)
        #expect(try await fixture.membership(fixture.first.id).renewalID == renewal.id)
        #expect(try await fixture.env.mails("invoiceIssuedBankTransfer").count == 2)
        let notice = try #require(try await fixture.env.mails("renewalNotice").first)
        #expect(notice.body.contains(invoice.number))
        #expect(notice.body.contains(invoice.creditorReference.printed))
        // The current membership is still the first term until its end.
        let current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.id == fixture.first.id)
    }

    @Test("R-LIFE-1: a card renewal is charged on the expiry date, not the day before; at the end the renewal carries on")
    func chargedOnExpiry() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        fixture.moveTo(fixture.expiryDay.adding(days: -1), hour: 23, minute: 59)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged.isEmpty)
        fixture.moveTo(fixture.expiryDay, hour: 0, minute: 1)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoiceID])
        #expect(try await fixture.invoice(invoiceID).status == .paid)
        // At the end of the first term: renewed, and the renewal is the current membership.
        fixture.env.clock.set(fixture.first.term.end)
        let report = try await fixture.runRenewals()
        #expect(report.renewed == [fixture.first.id])
        let current = try #require(try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser))
        #expect(current.id == (try await fixture.invoice(invoiceID)).membershipID)
        #expect(current.isUsable(at: fixture.env.clock.now))
        #expect(try await fixture.membership(fixture.first.id).status(at: fixture.env.clock.now) == .ended)
        #expect(try await fixture.runRenewals().processed == 0)
    }

    @Test("R-LIFE-2: an unpaid bank renewal at expiry — the term expires, the renewal invoice is voided (number kept), a later payment becomes account credit")
    func unpaidBankRenewal() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        let issued = try await fixture.invoice(invoiceID)
        // One second before the end: nothing to close yet.
        fixture.env.clock.set(fixture.first.term.end.addingTimeInterval(-1))
        #expect(try await fixture.runRenewals().processed == 0)
        fixture.env.clock.set(fixture.first.term.end)
        let report = try await fixture.runRenewals()
        #expect(report.expired == [fixture.first.id])
        #expect(report.voided == [invoiceID])
        let voided = try await fixture.invoice(invoiceID)
        #expect(voided.status == .void)
        #expect(voided.number == issued.number)
        #expect(voided.voidReason == "renewalExpired")
        #expect(try await fixture.audits("invoice.voided").count == 1)
        #expect(try await fixture.membership(issued.membershipID).status == .ended)
        let current = try #require(try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser))
        #expect(current.id == fixture.first.id)
        #expect(current.status(at: fixture.env.clock.now) == .expired)
        // The late payment: matched to the voided invoice, nothing applied, all of it account credit.
        let payment = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: issued.total, reference: issued.creditorReference.printed, receivedOn: fixture.expiryDay.adding(days: 2),
            as: BillingFixture.job)
        #expect(payment.appliedAmount.isZero)
        #expect(payment.creditAmount == issued.total)
        let credits = try await fixture.env.store.fetchAll(AccountCredit.self).map(\.record)
        #expect(credits.map(\.amount) == [issued.total])
        #expect(try await fixture.invoice(invoiceID).status == .void)
    }

    @Test("R-LIFE-1: a late first run (10 days before expiry) still sends the notice and the invoice is due on the expiry date")
    func lateRun() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.expiryDay.adding(days: -10))
        let report = try await fixture.runRenewals()
        #expect(report.noticed == [fixture.first.id])
        let invoice = try await fixture.invoice(try #require(report.renewalInvoices.first))
        #expect(invoice.due.dueDay == fixture.expiryDay)
        #expect(try await fixture.env.mails("renewalNotice").count == 1)
    }

    @Test("R-LIFE-4: the level is no longer open at renewal time — no invoice, no charge, a notice naming what is missing and the open levels")
    func levelClosed() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        try await fixture.env.setPoints(700, for: fixture.accountID) // Gold needs 1,000: only Silver is open
        fixture.moveTo(fixture.noticeDay)
        let report = try await fixture.runRenewals()
        #expect(report.noticed == [fixture.first.id])
        #expect(report.renewalInvoices.isEmpty)
        #expect(report.notRenewed[fixture.first.id] == .levelClosed)
        let notice = try #require(try await fixture.env.mails("renewalNotice").first)
        #expect(notice.body.contains("inte längre öppen"))
        #expect(notice.body.contains("300")) // 300 more points to Gold
        #expect(notice.body.contains("Silver"))
        #expect(!notice.body.contains("Platinum ("))
        fixture.moveTo(fixture.expiryDay, hour: 12)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged.isEmpty)
        fixture.env.clock.set(fixture.first.term.end)
        #expect(try await fixture.runRenewals().expired == [fixture.first.id])
        let current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.status(at: fixture.env.clock.now) == .expired)
    }

    @Test("R-LIFE-1: with the policy's 'card renews automatically' off, a card term gets the notice and no invoice")
    func manualCardRenewal() async throws {
        var policy = CPSPolicy.canonEurope
        policy.lifecycle.cardRenewsAutomatically = false
        let fixture = try await LifecycleFixture.make(method: .card, policy: policy)
        fixture.moveTo(fixture.noticeDay)
        let report = try await fixture.runRenewals()
        #expect(report.notRenewed[fixture.first.id] == .manual)
        #expect(report.renewalInvoices.isEmpty)
    }

    @Test("R-LIFE-1, R-MSG-1: the notice in English, with the prices of the open levels")
    func englishNotice() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        var user = try #require(try await fixture.env.store.fetch(AccountUser.self, id: fixture.billing.active.superuser.id))
        user.record.language = .english
        var batch = WriteBatch()
        try batch.update(user)
        try await fixture.env.store.commit(batch)
        fixture.moveTo(fixture.noticeDay)
        try await fixture.runRenewals()
        let notice = try #require(try await fixture.env.mails("renewalNotice").first)
        #expect(notice.subject.contains("runs until"))
        #expect(notice.body.contains("pay the renewal invoice"))
        #expect(notice.body.contains("a year)"))
    }
}
