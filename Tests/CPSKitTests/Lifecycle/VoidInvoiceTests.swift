import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Voiding an open invoice (R-LIFE-5, R-BIL-2).
@Suite("R-LIFE-5: void an open invoice (reason, audit, number kept)")
struct VoidInvoiceTests {
    @Test("R-LIFE-5: a reviewer voids an open bank invoice; it keeps its number and the next invoice takes the next one")
    func voidOpen() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice(.gold, method: .bankTransfer)
        let voided = try await fixture.env.invoicing.voidInvoice(invoice.id, reason: "  issued twice by mistake ",
                                                                 as: TestEnvironment.reviewer)
        #expect(voided.status == .void)
        #expect(voided.number == invoice.number)
        #expect(voided.voidReason == "issued twice by mistake")
        #expect(try await fixture.reload(invoice) == voided)
        let audit = try await fixture.env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == "invoice.voided" }
        #expect(audit.map(\.reason) == ["issued twice by mistake"])
        await #expect(throws: BillingError(.illegalInvoiceTransition, facts: ["from": "void", "to": "void"])) {
            try await fixture.env.invoicing.voidInvoice(invoice.id, reason: "again", as: TestEnvironment.reviewer)
        }
        let next = try await fixture.invoice(.silver, method: .bankTransfer)
        #expect(next.number.hasSuffix("000002"))
        #expect(try await fixture.env.invoicing.unpaidInvoices(of: fixture.accountID, as: fixture.superuser).map(\.id) == [next.id])
    }

    @Test("R-LIFE-5: a paid invoice, a void one, an unknown one, an empty reason and a card invoice being charged are refused; nothing changes")
    func refusals() async throws {
        let fixture = try await BillingFixture.make()
        let reviewer = TestEnvironment.reviewer
        let card = try await fixture.invoice(.gold, method: .card)
        await #expect(throws: BillingError(.missingVoidReason)) {
            try await fixture.env.invoicing.voidInvoice(card.id, reason: "  ", as: reviewer)
        }
        await #expect(throws: BillingError(.unknownInvoice)) {
            try await fixture.env.invoicing.voidInvoice("invoice-none", reason: "x", as: reviewer)
        }
        // A claimed charge whose call has not been answered: the attempt is pending.
        let failing = FaultInjectingPaymentGateway([.timeoutAfterCharge])
        fixture.moveTo(card.due.dueDay)
        _ = try await fixture.env.cardCharges(failing).chargeDueInvoices(as: BillingFixture.job)
        await #expect(throws: BillingError(.chargeInProgress, facts: ["number": card.number])) {
            try await fixture.env.invoicing.voidInvoice(card.id, reason: "x", as: reviewer)
        }
        #expect(try await fixture.reload(card).status == .open)
        _ = try await fixture.env.cardCharges.chargeDueInvoices(as: BillingFixture.job)
        #expect(try await fixture.reload(card).status == .paid)
        await #expect(throws: BillingError(.illegalInvoiceTransition, facts: ["from": "paid", "to": "void"])) {
            try await fixture.env.invoicing.voidInvoice(card.id, reason: "x", as: reviewer)
        }
    }
}
