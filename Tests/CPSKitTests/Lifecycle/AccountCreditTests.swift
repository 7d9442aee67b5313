import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Account credit applied to the next invoice as a prepaid amount (R-LIFE-5).
@Suite("R-LIFE-5: account credit on the next invoice")
struct AccountCreditTests {
    /// The total of a Gold card invoice in the test environment.
    private func goldTotal() async throws -> Money {
        try await BillingFixture.make(points: 1_200).invoice(.gold, method: .card).total
    }

    /// A fixture whose account holds `credit` before its Gold card invoice is issued.
    private func fixture(credit: Money) async throws -> BillingFixture {
        let fixture = try await BillingFixture.make(points: 1_200)
        var batch = WriteBatch()
        try batch.insert(AccountCredit(id: "credit-test", accountID: fixture.accountID, amount: credit, paymentID: nil,
                                       invoiceID: "earlier-invoice", createdAt: fixture.env.clock.now))
        try await fixture.env.store.commit(batch)
        return fixture
    }

    private func credits(_ fixture: BillingFixture) async throws -> [Money] {
        try await fixture.env.store.fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(fixture.accountID)).map(\.record.amount)
    }

    @Test("R-LIFE-5: credit exactly equal to the total → the invoice is issued paid, prepaid = total, never charged, credit spent")
    func exactlyTheTotal() async throws {
        let total = try await goldTotal()
        let fixture = try await fixture(credit: total)
        let invoice = try await fixture.invoice(.gold, method: .card)
        #expect(invoice.status == .paid)
        #expect(invoice.prepaidAmount == total)
        #expect(invoice.amountDue.isZero)
        #expect(invoice.amounts.lines.allSatisfy { $0.unitPrice.amount > 0 }) // not a negative line
        #expect(try await credits(fixture).isEmpty)
        let gateway = FaultInjectingPaymentGateway()
        fixture.moveTo(invoice.due.dueDay)
        let report = try await fixture.env.cardCharges(gateway).chargeDueInvoices(as: BillingFixture.job)
        #expect(report.charged.isEmpty)
        #expect(gateway.inner.charges.isEmpty)
        let document = try await fixture.env.invoiceDocuments.document(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
        #expect(document.totals.prepaid == total)
    }

    @Test("R-LIFE-5: credit one cent less than the total → open, one cent due and charged, credit spent")
    func oneCentLess() async throws {
        let total = try await goldTotal()
        let fixture = try await fixture(credit: Money(total.amount - Decimal(string: "0.01")!, total.currency))
        let invoice = try await fixture.invoice(.gold, method: .card)
        #expect(invoice.status == .open)
        #expect(invoice.amountDue == Money(Decimal(string: "0.01")!, total.currency))
        #expect(try await credits(fixture).isEmpty)
        let gateway = FaultInjectingPaymentGateway()
        fixture.moveTo(invoice.due.dueDay)
        let report = try await fixture.env.cardCharges(gateway).chargeDueInvoices(as: BillingFixture.job)
        #expect(report.charged == [invoice.id])
        #expect(gateway.inner.charges.map(\.request.amount) == [invoice.amountDue])
        let paid = try await fixture.reload(invoice)
        #expect(paid.status == .paid)
        #expect(paid.amountPaid == Money(Decimal(string: "0.01")!, total.currency)) // what the card paid, not the total
        #expect(paid.amountDue.isZero)
    }

    @Test("R-LIFE-5: credit above the total → paid, the credit record decremented by the total (one cent more leaves one cent)")
    func moreThanTheTotal() async throws {
        let total = try await goldTotal()
        let fixture = try await fixture(credit: Money(total.amount + Decimal(string: "0.01")!, total.currency))
        let invoice = try await fixture.invoice(.gold, method: .card)
        #expect(invoice.status == .paid)
        #expect(invoice.prepaidAmount == total)
        #expect(try await credits(fixture) == [Money(Decimal(string: "0.01")!, total.currency)])
    }

    @Test("R-LIFE-5, R-UOW-1: two invoices issued at once by two runs, random schedules → the credit is spent once, never twice")
    func twoInvoicesAtOnce() async throws {
        let total = try await goldTotal()
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, for: active.account.id)
        for _ in 0..<2 {
            try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card,
                                                              termsVersion: Fixtures.termsVersion), as: active.principal)
        }
        var batch = WriteBatch()
        try batch.insert(AccountCredit(id: "credit-race", accountID: active.account.id, amount: total, paymentID: nil,
                                       invoiceID: "earlier-invoice", createdAt: env.clock.now))
        try await env.store.commit(batch)
        let race = RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore), now: env.clock.now.addingTimeInterval(3_600),
                               active: active, invoices: [])
        let report = try await Interleaving.random(runners: 2, schedules: 40, seed: 18_5, setUp: { race.world($0) }) { world, _ in
            try await world.env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.count
        } verify: { world, results in
            _ = try Interleaving.requireSuccess(results)
            let invoices = try await world.store.fetchAll(Invoice.self).map(\.record)
            #expect(invoices.count == 2)
            let prepaid = invoices.compactMap(\.prepaidAmount).reduce(Decimal(0)) { $0 + $1.amount }
            #expect(prepaid == total.amount) // spent once: one invoice paid by it, the other open
            #expect(invoices.filter { $0.status == .paid }.count == 1)
            #expect(try await world.store.fetchAll(AccountCredit.self).isEmpty)
        }
        #expect(report.schedules > 1)
    }

    @Test("R-LIFE-5: account credit is one record per account; two per-source records of an older store are folded into it at the next change")
    func oneRecordPerAccount() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        var batch = WriteBatch()
        for (n, amount) in [7, 5].enumerated() {
            try batch.insert(AccountCredit(id: "credit-legacy-\(n)", accountID: fixture.accountID, amount: Money(amount, .eur),
                                           paymentID: nil, invoiceID: "earlier-invoice", createdAt: fixture.env.clock.now))
        }
        try await fixture.env.store.commit(batch)
        let invoice = try await fixture.invoice(.gold, method: .bankTransfer)
        #expect(invoice.prepaidAmount == Money(12, .eur))
        // An over-payment adds to the account's one record.
        _ = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: Money(invoice.amountDue.amount + 30, .eur), reference: invoice.creditorReference.printed,
            receivedOn: invoice.due.issueDay, as: BillingFixture.job)
        let credits = try await fixture.env.store.fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(fixture.accountID)).map(\.record)
        #expect(credits.map(\.id) == [AccountCredit.recordID(of: fixture.accountID)])
        #expect(credits.map(\.amount) == [Money(30, .eur)])
        #expect(credits.first?.paymentID != nil)
        #expect(credits.first?.invoiceID == invoice.id)
    }
}
