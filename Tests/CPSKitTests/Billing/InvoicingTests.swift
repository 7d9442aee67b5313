import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Issuing invoices (R-BIL-2, R-BIL-5)")
struct InvoicingTests {
    @Test("R-BIL-2: the job issues the invoice within the window; issue date = the job's run; due = +30 days; RF; open; mail")
    func issuedWithinWindow() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let receipt = try await fixture.buy(.gold, method: .bankTransfer)
        fixture.env.clock.advance(by: 2 * 3_600)
        let runAt = fixture.env.clock.now
        let report = try await fixture.env.invoicing.issueDueInvoices(as: BillingFixture.job)
        let invoice = try #require(report.issued.first)
        #expect(report.issued.count == 1 && report.late.isEmpty)
        #expect(invoice.issuedAt == runAt)
        #expect(invoice.issuedAt <= receipt.invoiceExpectedBy)
        #expect(invoice.number == "CPS-2026-000001")
        #expect(invoice.status == .open)
        #expect(invoice.due.issueDay == CalendarDay(year: 2026, month: 11, day: 27))
        #expect(invoice.due.dueDay == CalendarDay(year: 2026, month: 12, day: 27))
        #expect(invoice.amounts.lines.count == 1)
        #expect(invoice.amounts.lines.first?.unitPrice == Money(200, .eur))
        #expect(invoice.total.currency == .eur)
        #expect(RFCreditorReference.isValid(invoice.creditorReference.electronic))
        #expect(try await fixture.membership(receipt.membership.id).invoiceID == invoice.id)
        let purchase = try #require(try await fixture.env.store.fetch(MembershipPurchase.self, id: receipt.purchase.id))
        #expect(purchase.record.invoiceID == invoice.id)
        let mails = try await fixture.env.mails("invoiceIssuedBankTransfer")
        let mail = try #require(mails.first)
        #expect(mails.count == 1)
        #expect(mail.to.first?.email.address == "anna@ljusbild.example")
        #expect(mail.language == .swedish)
        #expect(mail.body.contains(invoice.creditorReference.printed))
        #expect(mail.body.contains("27 december 2026"))
        #expect(mail.body.contains("lokala extraavgifter") || mail.body.contains("extra"))
        #expect(fixture.env.invoicing.howToPay(invoice, in: .english).contains(invoice.creditorReference.printed))
        // A second run issues nothing more.
        #expect(try await fixture.env.invoicing.issueDueInvoices(as: BillingFixture.job).issued.isEmpty)
        let unpaid = try await fixture.env.invoicing.unpaidInvoices(of: fixture.accountID, as: fixture.superuser)
        #expect(unpaid.map(\.id) == [invoice.id])
    }

    @Test("R-BIL-2: the card invoice mail says the card is charged on the due date; only the system runs the job")
    func cardMailAndPrincipal() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        await #expect(throws: AuthorizationError.self) {
            try await fixture.env.invoicing.issueDueInvoices(as: fixture.superuser)
        }
        let invoice = try await fixture.invoice(.gold, method: .card)
        let mail = try #require(try await fixture.env.mails("invoiceIssuedCard").first)
        #expect(mail.body.contains("förfallodagen"))
        #expect(fixture.env.invoicing.howToPay(invoice, in: .english)
            == "Your card will be charged €200.00 on the due date, Sunday 27 December 2026. You do not need to do anything.")
    }

    @Test("R-BIL-2: two issuing jobs at once give consecutive numbers, no gap, no duplicate, no purchase invoiced twice")
    func concurrentIssuing() async throws {
        let fixture = try await BillingFixture.make(points: 2_000)
        let count = 8
        for _ in 0..<count { try await fixture.buy(.silver, method: .card) }
        fixture.env.clock.advance(by: 600)
        let reports = try await withThrowingTaskGroup(of: InvoiceIssueReport.self) { group in
            for _ in 0..<2 { group.addTask { try await fixture.env.invoicing.issueDueInvoices(as: BillingFixture.job) } }
            return try await group.reduce(into: [InvoiceIssueReport]()) { $0.append($1) }
        }
        let issued = reports.flatMap(\.issued)
        #expect(issued.count == count)
        let stored = try await fixture.env.store.fetchAll(Invoice.self).map(\.record)
        #expect(stored.count == count)
        let sequences = try stored.map { try PolicyDefaults.format.parse($0.number).sequence }.sorted()
        #expect(sequences == Array(1...count))
        #expect(Set(stored.map(\.purchaseID)).count == count)
        let counter = try #require(try await fixture.env.store.fetch(InvoiceSeriesCounter.self, id: "CPS-2026"))
        #expect(counter.record.lastSequence == count)
        #expect(try await fixture.env.store.fetchAll(MembershipPurchase.self, indexKey: MembershipPurchase.pendingIndex).isEmpty)
        #expect(try await fixture.env.mails("invoiceIssuedCard").count == count)
    }

    @Test("R-BIL-5: Swedish customer with a valid SE number and a lookup that confirmed it → reverse charge, lookup kept")
    func swedishReverseCharge() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let number = try #require(fixture.active.account.vatStatus.number)
        try await fixture.setCustomer(country: "SE", vat: .registered(number), lookup: .valid(name: "Ljusbild Foto AB", address: nil))
        let invoice = try await fixture.invoice(.gold)
        #expect(invoice.amounts.assessment.treatment == .reverseCharge)
        #expect(invoice.amounts.assessment.note == .reverseCharge)
        #expect(invoice.amounts.vatTotal == Money.zero(.eur))
        #expect(invoice.total == Money(200, .eur))
        #expect(invoice.vatLookup?.outcome == .valid(name: "Ljusbild Foto AB", address: nil))
        #expect(invoice.amounts.assessment.registryVerdict == .valid)
    }

    @Test("R-BIL-5: a lookup that said invalid removes the reverse charge; an unavailable one does not",
          arguments: [(VATLookupOutcome.invalid, VATTreatment.sellerRate), (.unavailable(reason: "timeout"), .reverseCharge)])
    func lookupVerdicts(outcome: VATLookupOutcome, treatment: VATTreatment) async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let number = try #require(fixture.active.account.vatStatus.number)
        try await fixture.setCustomer(country: "SE", vat: .registered(number), lookup: outcome)
        let invoice = try await fixture.invoice(.gold)
        #expect(invoice.amounts.assessment.treatment == treatment)
        #expect(invoice.vatLookup?.outcome == outcome)
    }

    @Test("R-BIL-5: Dutch customer → 21 % Dutch VAT; Norwegian → outside the scope of EU VAT", arguments: [
        ("NL" as CountryCode, VATTreatment.domestic, Money(242, .eur)),
        ("NO" as CountryCode, .outsideScope, Money(200, .eur)),
    ])
    func countries(country: CountryCode, treatment: VATTreatment, total: Money) async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        try await fixture.setCustomer(country: country, vat: .notRegistered, lookup: nil)
        let invoice = try await fixture.invoice(.gold)
        #expect(invoice.amounts.assessment.treatment == treatment)
        #expect(invoice.total == total)
        #expect(invoice.seller.country == "NL")
        if treatment == .outsideScope { #expect(invoice.amounts.assessment.note == .outsideScopeOfEUVAT) }
        if treatment == .domestic { #expect(invoice.amounts.vatTotal == Money(42, .eur)) }
    }
}

/// The default invoice number format, for parsing numbers in tests.
enum PolicyDefaults {
    static let format = BillingPolicy.canonEurope.invoiceNumberFormat
}
