import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Refunds of a credit note's credited part (R-LIFE-5): card refunds through the gateway, claim → call
/// → record with `cps-refund:<credit note>:<n>`; bank refunds recorded.
@Suite("R-LIFE-5: refunds")
struct RefundTests {
    private let reviewer = TestEnvironment.reviewer

    /// A card invoice charged through `gateway`, and a credit note of `lines` (default: all) on it.
    private func chargedAndCredited(_ fixture: BillingFixture, gateway: FaultInjectingPaymentGateway,
                                    lines: [InvoiceLine]? = nil) async throws -> (Invoice, CreditNote) {
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        let charged = try await fixture.env.cardCharges(gateway).chargeDueInvoices(as: BillingFixture.job)
        #expect(charged.charged == [invoice.id])
        let note = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, lines: lines, reason: "refund test", as: reviewer)
        return (try await fixture.reload(invoice), note)
    }

    private func credits(_ fixture: BillingFixture, of note: CreditNote) async throws -> [AccountCredit] {
        try await fixture.env.store.fetchAll(AccountCredit.self).map(\.record).filter { $0.creditNoteID == note.id }
    }

    @Test("R-LIFE-5: a card refund timed out after the gateway refunded is retried with the same key → exactly one refund")
    func timeoutThenRetry() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = FaultInjectingPaymentGateway()
        let (invoice, note) = try await chargedAndCredited(fixture, gateway: gateway)
        #expect(note.credited == invoice.total)
        #expect(try await credits(fixture, of: note).map(\.amount) == [note.credited])
        gateway.inject([.timeoutAfterCharge])
        let refunds = fixture.env.refunds(gateway)
        let first = try await refunds.refund(note.id, as: reviewer)
        #expect(first.outcome == .pending)
        #expect(first.idempotencyKey == "cps-refund:\(note.number):1")
        #expect(gateway.inner.refunds.count == 1) // the gateway refunded; the answer was lost
        #expect(try await credits(fixture, of: note).isEmpty) // claimed: no longer account credit
        let second = try await refunds.refund(note.id, as: reviewer)
        #expect(second.outcome == .refunded)
        #expect(second.calls == 2)
        #expect(second.idempotencyKey == first.idempotencyKey)
        #expect(gateway.inner.refunds.count == 1)
        #expect(gateway.inner.refunds.first?.request.amount == note.credited)
        // Asked again after the answer: the same answer, no call.
        let calls = gateway.inner.calls
        #expect(try await refunds.refund(note.id, as: reviewer) == second)
        #expect(gateway.inner.calls == calls)
        let stored = try #require(try await fixture.env.store.fetch(CreditNote.self, id: note.id)).record
        #expect(stored.refund == second)
    }

    @Test("R-LIFE-5: a timeout before the refund repeats the call with the same key; refunds total ≤ captured over two credit notes")
    func partialNotesWithinCaptured() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = FaultInjectingPaymentGateway()
        let line = InvoiceLine(description: "Part not delivered", unitPrice: Money(40, .eur))
        let (invoice, note) = try await chargedAndCredited(fixture, gateway: gateway, lines: [line])
        gateway.inject([.timeoutBeforeCharge])
        let refunds = fixture.env.refunds(gateway)
        #expect(try await refunds.refund(note.id, as: reviewer).outcome == .pending)
        #expect(gateway.inner.refunds.isEmpty)
        #expect(try await refunds.refund(note.id, as: reviewer).outcome == .refunded)
        // A second credit note of the same invoice: refunded too, the total within the capture.
        let second = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, lines: [line], reason: "more", as: reviewer)
        #expect(try await refunds.refund(second.id, as: reviewer).outcome == .refunded)
        let total = gateway.inner.refunds.reduce(Decimal(0)) { $0 + $1.request.amount.amount }
        #expect(total == note.total.amount + second.total.amount)
        #expect(total <= invoice.total.amount)
        #expect(Set(gateway.inner.refunds.map(\.request.idempotencyKey)) == ["cps-refund:\(note.number):1", "cps-refund:\(second.number):1"])
    }

    @Test("R-LIFE-5: a bank invoice is refunded by recording the transfer; card refund refused; nothing credited → nothing to refund")
    func bankRefundRecorded() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice(.gold, method: .bankTransfer)
        _ = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: Money(invoice.total.amount - 50, invoice.total.currency), reference: invoice.creditorReference.printed,
            receivedOn: invoice.due.issueDay, as: BillingFixture.job)
        // Exactly what is due: all of it reduces the amount due, nothing is credited.
        let exact = try await fixture.env.invoicing.issueCreditNote(
            for: invoice.id, lines: [InvoiceLine(description: "exact", unitPrice: Money(50, .eur))], reason: "x", as: reviewer)
        let refunds = fixture.env.refunds(FaultInjectingPaymentGateway())
        #expect(exact.total == Money(50, .eur)) // exactly what was due (this customer pays no VAT)
        #expect(exact.credited.isZero)
        await #expect(throws: BillingError(.nothingToRefund, facts: ["number": exact.number])) {
            try await refunds.refund(exact.id, as: reviewer)
        }
        await #expect(throws: BillingError(.nothingToRefund, facts: ["number": exact.number])) {
            try await refunds.recordBankRefund(exact.id, reference: "SEB 1", as: reviewer)
        }
        let full = try await fixture.env.invoicing.issueCreditNote(
            for: invoice.id, lines: [InvoiceLine(description: "more", unitPrice: Money(40, .eur))], reason: "rest", as: reviewer)
        #expect(full.credited == full.total)
        await #expect(throws: BillingError(.notPaidByCard, facts: ["number": invoice.number])) {
            try await refunds.refund(full.id, as: reviewer)
        }
        await #expect(throws: BillingError(.missingBankRefundReference)) {
            try await refunds.recordBankRefund(full.id, reference: "  ", as: reviewer)
        }
        #expect(try await credits(fixture, of: full).map(\.amount) == [full.credited])
        let recorded = try await refunds.recordBankRefund(full.id, reference: "SEB 2026-12-03 #1", as: reviewer)
        #expect(recorded.outcome == .recorded)
        #expect(recorded.method == .bankTransfer)
        #expect(recorded.amount == full.credited)
        #expect(try await credits(fixture, of: full).isEmpty)
        await #expect(throws: BillingError(.refundInProgress, facts: ["number": full.number])) {
            try await refunds.recordBankRefund(full.id, reference: "again", as: reviewer)
        }
        await #expect(throws: BillingError(.unknownCreditNote)) {
            try await refunds.refund("no-such-credit-note", as: reviewer)
        }
    }
}

