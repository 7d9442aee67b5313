import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Card refunds at the edges (R-LIFE-5): account credit that prepaid the invoice, a refusal and its
/// retry, a credit already spent on a later invoice.
@Suite("R-LIFE-5: card refunds at the edges")
struct RefundEdgeTests {
    private let reviewer = TestEnvironment.reviewer
    private let cent = Decimal(string: "0.01")!

    /// The total of a Gold card invoice in the test environment.
    private func goldTotal() async throws -> Money {
        try await BillingFixture.make(points: 1_200).invoice(.gold, method: .card).total
    }

    /// A Gold card invoice issued over `prepaid` account credit, charged on its due day if anything is
    /// due, and a full credit note on it.
    private func prepaidAndCredited(_ prepaid: Decimal, gateway: FaultInjectingPaymentGateway) async throws
        -> (BillingFixture, Invoice, CreditNote) {
        let fixture = try await BillingFixture.make(points: 1_200)
        if prepaid > 0 {
            var batch = WriteBatch()
            try batch.insert(AccountCredit(id: AccountCredit.recordID(of: fixture.accountID), accountID: fixture.accountID,
                                           amount: Money(prepaid, .eur), paymentID: nil, invoiceID: "earlier-invoice",
                                           createdAt: fixture.env.clock.now))
            try await fixture.env.store.commit(batch)
        }
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        _ = try await fixture.env.cardCharges(gateway).chargeDueInvoices(as: BillingFixture.job)
        let paid = try await fixture.reload(invoice)
        try #require(paid.status == .paid)
        let note = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, reason: "full refund", as: reviewer)
        return (fixture, paid, note)
    }

    /// The account's credit balance (all its records).
    private func balance(_ fixture: BillingFixture) async throws -> Decimal {
        try await fixture.env.store.fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(fixture.accountID))
            .reduce(Decimal(0)) { $0 + $1.record.amount.amount }
    }

    @Test("R-LIFE-5: account credit covered the whole invoice → nothing captured: the card refund is refused (paidWithAccountCredit), the credit stays")
    func creditCoveredAll() async throws {
        let total = try await goldTotal()
        let gateway = FaultInjectingPaymentGateway()
        let (fixture, invoice, note) = try await prepaidAndCredited(total.amount, gateway: gateway)
        #expect(invoice.prepaidAmount == total)
        #expect(gateway.inner.charges.isEmpty)
        #expect(note.credited == total)
        #expect(try await balance(fixture) == total.amount)
        await #expect(throws: BillingError(.paidWithAccountCredit, facts: ["number": invoice.number])) {
            try await fixture.env.refunds(gateway).refund(note.id, as: reviewer)
        }
        #expect(gateway.inner.calls == 0)
        #expect(try await balance(fixture) == total.amount)
        #expect(try await fixture.env.store.fetch(CreditNote.self, id: note.id)?.record.refund == nil)
    }

    @Test("R-LIFE-5: account credit covered all but one cent → the card refund is that cent; the rest stays account credit")
    func creditCoveredAllButOneCent() async throws {
        let total = try await goldTotal()
        let gateway = FaultInjectingPaymentGateway()
        let (fixture, invoice, note) = try await prepaidAndCredited(total.amount - cent, gateway: gateway)
        #expect(gateway.inner.charges.map(\.request.amount) == [Money(cent, .eur)])
        #expect(note.credited == invoice.total)
        let refund = try await fixture.env.refunds(gateway).refund(note.id, as: reviewer)
        #expect(refund.outcome == .refunded)
        #expect(refund.amount == Money(cent, .eur))
        #expect(gateway.inner.refunds.map(\.request.amount) == [Money(cent, .eur)])
        #expect(try await balance(fixture) == total.amount - cent) // the prepaid part is credit again
        // Asked again: the card part is refunded, the same answer, no call.
        let calls = gateway.inner.calls
        #expect(try await fixture.env.refunds(gateway).refund(note.id, as: reviewer) == refund)
        #expect(gateway.inner.calls == calls)
    }

    @Test("R-LIFE-5: no account credit → the whole credited part is refunded onto the card, no credit left")
    func noCredit() async throws {
        let gateway = FaultInjectingPaymentGateway()
        let (fixture, invoice, note) = try await prepaidAndCredited(0, gateway: gateway)
        #expect(invoice.prepaidAmount == nil)
        let refund = try await fixture.env.refunds(gateway).refund(note.id, as: reviewer)
        #expect(refund.amount == invoice.total)
        #expect(gateway.inner.refunds.map(\.request.amount) == [invoice.total])
        #expect(try await balance(fixture) == 0)
    }

    @Test("R-LIFE-5: the gateway refuses → refundRefused, nothing refunded, the amount is credit again; asked again → attempt 2 with its own key, refunded once")
    func refusedThenRetried() async throws {
        let gateway = FaultInjectingPaymentGateway()
        let (fixture, invoice, note) = try await prepaidAndCredited(0, gateway: gateway)
        gateway.inject([.decline(reason: "issuer unavailable")])
        let refunds = fixture.env.refunds(gateway)
        await #expect(throws: BillingError(.refundRefused, facts: ["number": note.number, "amount": invoice.total.description])) {
            try await refunds.refund(note.id, as: reviewer)
        }
        #expect(gateway.inner.refunds.isEmpty)
        let refused = try #require(try await fixture.env.store.fetch(CreditNote.self, id: note.id)?.record.refund)
        #expect(refused.outcome == .refused)
        #expect(!refused.isDone)
        #expect(refused.idempotencyKey == "cps-refund:\(note.number):1")
        #expect(try await balance(fixture) == invoice.total.amount)
        #expect(try await fixture.audits("refund.refused").count == 1)
        #expect(try await fixture.audits("refund.refunded").isEmpty)
        let retried = try await refunds.refund(note.id, as: reviewer)
        #expect(retried.outcome == .refunded)
        #expect(retried.attemptNumber == 2)
        #expect(retried.idempotencyKey == "cps-refund:\(note.number):2")
        #expect(gateway.inner.refunds.map(\.request.idempotencyKey) == ["cps-refund:\(note.number):2"])
        #expect(try await balance(fixture) == 0)
    }

    @Test("R-LIFE-5: the credit note's credit was spent on the next invoice → the refund is refused (creditAlreadyUsed), nothing called")
    func creditAlreadySpent() async throws {
        let gateway = FaultInjectingPaymentGateway()
        let (fixture, _, note) = try await prepaidAndCredited(0, gateway: gateway)
        let next = try await fixture.invoice(.gold, method: .card) // spends the credit as its prepaid amount
        #expect(next.prepaidAmount == note.credited)
        await #expect(throws: BillingError(.creditAlreadyUsed, facts: ["number": note.number, "left": Money(0, .eur).description])) {
            try await fixture.env.refunds(gateway).refund(note.id, as: reviewer)
        }
        #expect(gateway.inner.refunds.isEmpty)
        #expect(try await fixture.env.store.fetch(CreditNote.self, id: note.id)?.record.refund == nil)
    }
}

private extension BillingFixture {
    func audits(_ action: String) async throws -> [AuditEntry] {
        try await env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == action }
    }
}
