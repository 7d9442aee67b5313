import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Cancellation at the end of the term and its undo (R-LIFE-3).
@Suite("R-LIFE-3: cancel at period end, undo until the term ends")
struct CancellationTests {
    @Test("R-LIFE-3: a cancelled term stays usable to its end, gets no renewal invoice, and ends cancelled")
    func cancelBeforeNotice() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        let cancelled = try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .tooExpensive,
                                                                           note: "  Budget cut  ", as: fixture.superuser)
        #expect(cancelled.cancellation?.reason == .tooExpensive)
        #expect(cancelled.cancellation?.note == "Budget cut")
        #expect(cancelled.isUsable(at: fixture.env.clock.now))
        let steps = try await fixture.env.guidance.nextSteps(forAccount: fixture.accountID, as: fixture.superuser)
        #expect(steps.contains { $0.code == .membershipEndsAtTermEnd })
        fixture.moveTo(fixture.noticeDay)
        let report = try await fixture.runRenewals()
        #expect(report.notRenewed[fixture.first.id] == .cancelled)
        #expect(report.renewalInvoices.isEmpty)
        let notice = try #require(try await fixture.env.mails("renewalNotice").first)
        #expect(notice.body.contains("sagt upp"))
        fixture.env.clock.set(fixture.first.term.end.addingTimeInterval(-1))
        #expect(try await fixture.membership(fixture.first.id).isUsable(at: fixture.env.clock.now))
        fixture.env.clock.set(fixture.first.term.end)
        #expect(try await fixture.runRenewals().expired == [fixture.first.id])
        let current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.status(at: fixture.env.clock.now) == .cancelled)
        let ended = try await fixture.env.guidance.nextSteps(forAccount: fixture.accountID, as: fixture.superuser)
        #expect(ended.contains { $0.code == .membershipCancelled })
        // Undo after the end: refused.
        await #expect(throws: MembershipError(.termEnded, level: .gold)) {
            try await fixture.env.membership.undoCancellation(of: fixture.accountID, as: fixture.superuser)
        }
    }

    @Test("R-LIFE-3: cancelling after the renewal invoice exists voids it; the undo issues a new one with a new number")
    func cancelAfterNoticeAndUndo() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        fixture.moveTo(fixture.noticeDay)
        let firstRenewal = try await fixture.invoice(try #require(try await fixture.runRenewals().renewalInvoices.first))
        fixture.moveTo(fixture.noticeDay.adding(days: 3))
        let cancelled = try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .other, note: "moving",
                                                                           as: fixture.superuser)
        #expect(cancelled.renewalID == nil)
        let voided = try await fixture.invoice(firstRenewal.id)
        #expect(voided.status == .void)
        #expect(voided.voidReason == "renewalCancelled")
        #expect(voided.number == firstRenewal.number)
        #expect(try await fixture.membership(firstRenewal.membershipID).status == .ended)
        await #expect(throws: MembershipError(.alreadyCancelled, level: .gold)) {
            try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .other, as: fixture.superuser)
        }
        // Undo: a new renewal term and a new invoice, due on the expiry date.
        let restored = try await fixture.env.membership.undoCancellation(of: fixture.accountID, as: fixture.superuser)
        #expect(restored.cancellation == nil)
        let renewalID = try #require(restored.renewalID)
        let renewal = try await fixture.membership(renewalID)
        #expect(renewal.id != firstRenewal.membershipID)
        #expect(renewal.number != (try await fixture.membership(firstRenewal.membershipID)).number)
        let reissued = try await fixture.invoice(try #require(renewal.invoiceID))
        #expect(reissued.number != firstRenewal.number)
        #expect(reissued.due.dueDay == fixture.expiryDay)
        #expect(reissued.status == .open)
        await #expect(throws: MembershipError(.notCancelled, level: .gold)) {
            try await fixture.env.membership.undoCancellation(of: fixture.accountID, as: fixture.superuser)
        }
        #expect(try await fixture.audits("membership.cancellationUndone").count == 1)
    }

    @Test("R-LIFE-3: an undo on the expiry day is charged that day")
    func undoOnChargeDay() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.noticeDay)
        _ = try await fixture.runRenewals()
        try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .notUsed, as: fixture.superuser)
        fixture.env.clock.set(fixture.first.term.end.addingTimeInterval(-120))
        let restored = try await fixture.env.membership.undoCancellation(of: fixture.accountID, as: fixture.superuser)
        let renewalID = try #require(restored.renewalID)
        let invoiceID = try #require(try await fixture.membership(renewalID).invoiceID)
        #expect(try await fixture.invoice(invoiceID).due.dueDay == fixture.expiryDay)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoiceID])
    }

    @Test("R-LIFE-3: after the renewal is charged the cancellation is refused: renewal already charged")
    func refusedAfterCharge() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        fixture.env.clock.set(fixture.first.term.end.addingTimeInterval(-120))
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoiceID])
        let number = try await fixture.invoice(invoiceID).number
        await #expect(throws: MembershipError(.renewalAlreadyCharged, level: .gold, facts: ["invoiceNumber": number])) {
            try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .tooExpensive, as: fixture.superuser)
        }
        #expect(try await fixture.membership(fixture.first.id).cancellation == nil)
    }

    @Test("R-LIFE-3: without a term running now there is nothing to cancel")
    func nothingToCancel() async throws {
        let fixture = try await BillingFixture.make()
        await #expect(throws: MembershipError(.noCurrentMembership)) {
            try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .other, as: fixture.superuser)
        }
    }

    @Test("R-LIFE-3: an upgrade inside the notice window voids the pending renewal")
    func upgradeVoidsRenewal() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        let renewalID = try await fixture.invoice(invoiceID).membershipID
        let receipt = try await fixture.billing.buy(.platinum, method: .bankTransfer)
        #expect(receipt.replaced?.id == renewalID)
        #expect(try await fixture.membership(renewalID).status == .ended)
        #expect(try await fixture.membership(fixture.first.id).renewalID == nil)
        #expect(try await fixture.invoice(invoiceID).status == .void)
        #expect(try await fixture.invoice(invoiceID).voidReason == "renewalUpgraded")
    }
}
