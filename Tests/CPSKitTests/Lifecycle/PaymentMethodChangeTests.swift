import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Changing the payment method before the renewal (R-LIFE-5, R-LIFE-1, R-BIL-1).
@Suite("R-LIFE-5: changing the payment method before the renewal")
struct PaymentMethodChangeTests {
    @Test("R-LIFE-5: card → bank before the notice: the renewal invoice is a bank invoice due on the expiry date; asked twice, changed once")
    func cardToBankBeforeNotice() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        let changed = try await fixture.env.membership.changePaymentMethod(of: fixture.accountID, to: .bankTransfer, as: fixture.superuser)
        #expect(changed.paymentMethod == .bankTransfer)
        #expect(try await fixture.env.membership.changePaymentMethod(of: fixture.accountID, to: .bankTransfer, as: fixture.superuser) == changed)
        #expect(try await fixture.audits("membership.paymentMethodChanged").count == 1)
        #expect(try await fixture.invoice(try #require(fixture.first.invoiceID)).paymentMethod == .card) // issued: unchanged
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        let invoice = try await fixture.invoice(invoiceID)
        #expect(invoice.paymentMethod == .bankTransfer)
        #expect(invoice.due.dueDay == fixture.expiryDay)
        #expect(try await fixture.membership(invoice.membershipID).paymentMethod == .bankTransfer)
        fixture.moveTo(fixture.expiryDay, hour: 9)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged.isEmpty) // never charged
    }

    @Test("R-LIFE-5: bank → card inside the window: the open renewal invoice is voided (keeps its number), a new card invoice is issued, charged on the expiry day")
    func bankToCardInsideWindow() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        fixture.moveTo(fixture.noticeDay)
        let oldID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        let old = try await fixture.invoice(oldID)
        fixture.moveTo(fixture.noticeDay.adding(days: 3))
        let changed = try await fixture.env.membership.changePaymentMethod(of: fixture.accountID, to: .card, as: fixture.superuser)
        let voided = try await fixture.invoice(oldID)
        #expect(voided.status == .void)
        #expect(voided.voidReason == "renewalMethodChanged")
        #expect(voided.number == old.number)
        #expect(try await fixture.membership(old.membershipID).status == .ended)
        let renewal = try await fixture.membership(try #require(changed.renewalID))
        #expect(renewal.paymentMethod == .card)
        #expect(renewal.number != (try await fixture.membership(old.membershipID)).number)
        let newInvoice = try await fixture.invoice(try #require(renewal.invoiceID))
        #expect(newInvoice.paymentMethod == .card)
        #expect(newInvoice.number != old.number)
        #expect(newInvoice.due.dueDay == fixture.expiryDay)
        fixture.moveTo(fixture.expiryDay.adding(days: -1), hour: 23, minute: 59)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged.isEmpty)
        fixture.moveTo(fixture.expiryDay, hour: 0, minute: 1)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [newInvoice.id])
    }

    @Test("R-LIFE-5, R-LIFE-3: once the card renewal is charged the change is refused (renewalAlreadyCharged) and nothing changes; without a term, noCurrentMembership")
    func refusedAfterCharge() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        fixture.moveTo(fixture.expiryDay, hour: 0, minute: 1)
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoiceID])
        let number = try await fixture.invoice(invoiceID).number
        await #expect(throws: MembershipError(.renewalAlreadyCharged, level: .gold, facts: ["invoiceNumber": number])) {
            try await fixture.env.membership.changePaymentMethod(of: fixture.accountID, to: .bankTransfer, as: fixture.superuser)
        }
        #expect(try await fixture.membership(fixture.first.id).paymentMethod == .card)
        #expect(try await fixture.audits("membership.paymentMethodChanged").isEmpty)
        let empty = try await BillingFixture.make()
        await #expect(throws: MembershipError(.noCurrentMembership)) {
            try await empty.env.membership.changePaymentMethod(of: empty.accountID, to: .card, as: empty.superuser)
        }
    }
}
