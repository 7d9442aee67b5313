import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Chargebacks reopening a paid card invoice (R-LIFE-5), which then follows the overdue path.
@Suite("R-LIFE-5: chargebacks")
struct ChargebackTests {
    private let gatewayHook = Principal.system("gateway-hook")

    /// A Gold card invoice charged on its due day.
    private func charged() async throws -> (BillingFixture, Invoice) {
        let fixture = try await BillingFixture.make(points: 1_200)
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        try #require(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
        return (fixture, try await fixture.reload(invoice))
    }

    @Test("R-LIFE-5: a chargeback reopens the paid card invoice for its amount; reported twice, recorded once; never charged again; overdue path; paid by bank → reactivated")
    func reopensAndFollowsOverduePath() async throws {
        let (fixture, invoice) = try await charged()
        let invoicing = fixture.env.invoicing
        let reopened = try await invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-1", amount: invoice.total,
                                                            reason: "fraudulent", as: gatewayHook)
        #expect(reopened.status == .open)
        #expect(reopened.amountDue == invoice.total)
        #expect(reopened.chargeback?.chargebackID == "cb-1")
        #expect(reopened.number == invoice.number)
        #expect(try await invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-1", amount: invoice.total,
                                                     reason: "fraudulent", as: gatewayHook) == reopened)
        let audits = try await fixture.env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == "invoice.chargedBack" }
        #expect(audits.count == 1)
        // The disputed card is not charged again.
        fixture.moveTo(invoice.due.dueDay.adding(days: 10))
        #expect(try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job).charged.isEmpty)
        // The overdue path: past the grace period the follow-up suspends the membership.
        let schedule = reopened.schedule(policy: fixture.env.context.policy.billing)
        fixture.moveTo(schedule.suspensionDay.adding(days: 1))
        let report = try await fixture.env.paymentFollowUp.run(as: BillingFixture.job)
        #expect(report.suspended == [invoice.id])
        #expect(try await fixture.membership(invoice.membershipID).status == .suspended)
        // Paid by bank transfer with its RF reference: paid, the membership active again.
        _ = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: invoice.total, reference: invoice.creditorReference.printed,
            receivedOn: CalendarDay(fixture.env.clock.now, in: fixture.env.context.policy.timeZone), as: BillingFixture.job)
        #expect(try await fixture.reload(invoice).status == .paid)
        #expect(try await fixture.membership(invoice.membershipID).status == .active)
    }

    @Test("R-LIFE-5: refused chargebacks — a bank invoice, more than captured, a second different one, an open invoice, zero — nothing changes")
    func refusals() async throws {
        let (fixture, invoice) = try await charged()
        let invoicing = fixture.env.invoicing
        let notPossible = BillingError(.chargebackNotPossible, facts: ["number": invoice.number])
        let more = Money(invoice.total.amount + Decimal(string: "0.01")!, invoice.total.currency)
        await #expect(throws: notPossible) {
            try await invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-x", amount: more, reason: "", as: gatewayHook)
        }
        await #expect(throws: BillingError.self) {
            try await invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-0", amount: Money(0, .eur), reason: "", as: gatewayHook)
        }
        #expect(try await fixture.reload(invoice) == invoice)
        // Exactly the captured amount is possible; then a second, different chargeback is refused.
        _ = try await invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-1", amount: invoice.total, reason: "", as: gatewayHook)
        await #expect(throws: notPossible) {
            try await invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-2", amount: Money(1, .eur), reason: "", as: gatewayHook)
        }
        // A bank invoice (open, nothing captured).
        let bank = try await fixture.invoice(.gold, method: .bankTransfer)
        await #expect(throws: BillingError(.chargebackNotPossible, facts: ["number": bank.number])) {
            try await invoicing.recordChargeback(of: bank.id, chargebackID: "cb-3", amount: Money(1, .eur), reason: "", as: gatewayHook)
        }
        await #expect(throws: BillingError(.unknownInvoice)) {
            try await invoicing.recordChargeback(of: "no-such-invoice", chargebackID: "cb-4", amount: Money(1, .eur), reason: "", as: gatewayHook)
        }
    }

    @Test("R-LIFE-5: only a paid invoice is reopened by a chargeback; the transition table itself is unchanged")
    func statusRule() throws {
        #expect(try InvoiceStatus.paid.reopenedByChargeback() == .open)
        for status in InvoiceStatus.allCases where status != .paid {
            #expect(throws: BillingError.self) { try status.reopenedByChargeback() }
        }
        #expect(InvoiceStatus.paid.isFinal)
    }

    @Test("R-LIFE-5: after a full chargeback the card part is gone: a refund of a credit note on that invoice is refused (refundExceedsCaptured), nothing called")
    func noRefundAfterChargeback() async throws {
        let (fixture, invoice) = try await charged()
        let line = InvoiceLine(description: "Goodwill", unitPrice: Money(40, .eur))
        let note = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, lines: [line], reason: "goodwill",
                                                                  as: TestEnvironment.reviewer)
        _ = try await fixture.env.invoicing.recordChargeback(of: invoice.id, chargebackID: "cb-1", amount: invoice.total,
                                                             reason: "", as: gatewayHook)
        let gateway = try #require(fixture.env.gateway as? InMemoryPaymentGateway)
        let calls = gateway.calls
        await #expect(throws: BillingError(.refundExceedsCaptured, facts: ["number": invoice.number, "left": Money(0, .eur).description])) {
            try await fixture.env.services.refunds.refund(note.id, as: TestEnvironment.reviewer)
        }
        #expect(gateway.calls == calls)
    }
}
