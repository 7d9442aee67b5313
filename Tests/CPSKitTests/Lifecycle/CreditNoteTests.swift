import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Credit notes (R-LIFE-5): their own gap-free series, the invoice's VAT treatment, applied first to
/// what is still due.
@Suite("R-LIFE-5: credit notes")
struct CreditNoteTests {
    private let reviewer = TestEnvironment.reviewer

    /// A bank invoice of `fixture` with all but `left` paid.
    private func partPaid(_ fixture: BillingFixture, left: Decimal) async throws -> Invoice {
        let invoice = try await fixture.invoice(.gold, method: .bankTransfer)
        _ = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: Money(invoice.total.amount - left, invoice.total.currency), reference: invoice.creditorReference.printed,
            receivedOn: invoice.due.issueDay, as: BillingFixture.job)
        return try await fixture.reload(invoice)
    }

    @Test("R-LIFE-5: a partial credit note on a part-paid invoice first settles what is due, the rest becomes account credit")
    func partialOnPartPaid() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await partPaid(fixture, left: 50)
        #expect(invoice.amountDue == Money(50, .eur))
        let line = InvoiceLine(description: "Service not delivered", unitPrice: Money(80, .eur))
        let note = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, lines: [line], reason: "service gap",
                                                                   as: reviewer)
        #expect(note.number.hasPrefix("CN-"))
        #expect(note.number.hasSuffix("000001"))
        #expect(note.invoiceNumber == invoice.number)
        #expect(note.amounts.assessment == invoice.amounts.assessment) // the same VAT treatment and notes
        #expect(note.appliedToDue == Money(50, .eur))
        #expect(note.credited == Money(note.total.amount - 50, .eur))
        let after = try await fixture.reload(invoice)
        #expect(after.status == .paid)
        #expect(after.amountDue.isZero)
        #expect(after.creditedAmount == note.total)
        #expect(after.number == invoice.number) // never renumbered
        let credits = try await fixture.env.store.fetchAll(AccountCredit.self).map(\.record).filter { $0.creditNoteID == note.id }
        #expect(credits.map(\.amount) == [note.credited])
        #expect(try await fixture.env.invoicing.creditNotes(of: fixture.accountID, as: fixture.superuser) == [note])
    }

    @Test("R-LIFE-5: a full credit of a paid invoice; then nothing is left to credit; an unpaid open invoice is voided instead")
    func fullAndLimits() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await partPaid(fixture, left: 0)
        #expect(invoice.status == .paid)
        let full = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, reason: "cancelled by agreement", as: reviewer)
        #expect(full.total == invoice.total)
        #expect(full.credited == invoice.total)
        #expect(full.amounts.lines == invoice.amounts.lines)
        await #expect(throws: BillingError.self) {
            try await fixture.env.invoicing.issueCreditNote(
                for: invoice.id, lines: [InvoiceLine(description: "more", unitPrice: Money(1, .eur))], reason: "x", as: reviewer)
        }
        // Paid back by bank transfer, so the next invoice does not take it as prepaid account credit.
        try await fixture.env.services.refunds.recordBankRefund(full.id, reference: "SEB 1", as: reviewer)
        let open = try await fixture.invoice(.silver, method: .bankTransfer)
        await #expect(throws: BillingError(.voidInstead, facts: ["number": open.number])) {
            try await fixture.env.invoicing.issueCreditNote(for: open.id, reason: "x", as: reviewer)
        }
        #expect(try await fixture.env.store.fetchAll(CreditNote.self).count == 1)
    }

    @Test("R-LIFE-5, R-UOW-1: two credit-note issuers at once, every schedule → consecutive numbers, no gap, no repeat")
    func consecutiveNumbers() async throws {
        let fixture = try await BillingFixture.make()
        let first = try await partPaid(fixture, left: 0)
        let second = try await partPaid(fixture, left: 0)
        let race = RaceFixture(prepared: try #require(fixture.env.store as? InMemoryRecordStore), now: fixture.env.clock.now,
                               active: fixture.active, invoices: [first, second])
        let invoices = [first.id, second.id]
        let report = try await Interleaving.exhaustive(runners: 2, limit: 200_000, setUp: { race.world($0) }) { world, runner in
            try await world.env.invoicing.issueCreditNote(for: invoices[runner], reason: "race", as: TestEnvironment.reviewer).number
        } verify: { world, results in
            let numbers = try Interleaving.requireSuccess(results).sorted()
            #expect(numbers.map { String($0.suffix(6)) } == ["000001", "000002"])
            let counter = try await world.store.fetchAll(InvoiceSeriesCounter.self).map(\.record).first { $0.id.hasPrefix("CN-") }
            #expect(counter?.lastSequence == 2)
        }
        #expect(report.schedules > 1)
    }
}
