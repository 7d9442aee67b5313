import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Retained invoices: kept as issued for their years, then the buyer pseudonymised (R-GDPR-2)")
struct InvoiceRetentionTests {
    static let job = Principal.system("retention")

    /// An active account with one issued bank-transfer invoice (issued 2026-11-27, seller NL).
    static func invoiced() async throws -> (TestEnvironment, TestEnvironment.ActiveAccount, Invoice) {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, for: active.account.id)
        try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .bankTransfer,
                                                          termsVersion: Fixtures.termsVersion), as: active.principal)
        env.clock.advance(by: 3_600)
        let invoice = try #require(try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.first)
        return (env, active, invoice)
    }

    @Test("R-GDPR-2: issued in 2026 by an NL seller: unchanged through 2033-12-31 (also after erasing its users), buyer pseudonymised from 2034-01-01; twice does nothing")
    func yearBoundary() async throws {
        let (env, active, issued) = try await Self.invoiced()
        let years = env.context.policy.retention.invoiceYears[issued.seller.country.description] ?? env.context.policy.retention.defaultInvoiceYears
        let kept = CalendarDay(year: 2026 + years + 1, month: 1, day: 1)
        let day = try #require(kept)
        let erik = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example", as: active.principal)
        try await env.services.privacy.erase(email: erik.email, as: .system("host"))
        env.clock.set(day.start(in: env.context.policy.timeZone).addingTimeInterval(-1))
        let early = try await env.services.retention.run(as: Self.job)
        #expect(early.invoicesPseudonymised.isEmpty)
        #expect(try await env.store.fetch(Invoice.self, id: issued.id)?.record == issued)
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == day.start(in: env.context.policy.timeZone))

        env.clock.set(day.start(in: env.context.policy.timeZone))
        let report = try await env.services.retention.run(as: Self.job)
        #expect(report.invoicesPseudonymised == [issued.id])
        let invoice = try #require(try await env.store.fetch(Invoice.self, id: issued.id)?.record)
        #expect(invoice.customerName.hasPrefix("erased-") && invoice.customerAddress.street == "[erased]" && invoice.vatLookup == nil)
        #expect(invoice.customerAddress.country == issued.customerAddress.country)
        #expect(invoice.number == issued.number && invoice.amounts == issued.amounts && invoice.seller == issued.seller)
        #expect(invoice.buyerPseudonymisedAt == env.clock.now && !invoice.indexKeys.contains(Invoice.buyerRetained(issuedIn: Invoice.utcYear(of: invoice.issuedAt)).rawValue))
        #expect(try await env.store.auditTrail(of: issued.id).last?.action == "invoice.buyerPseudonymised")
        #expect(try await env.services.audit.verify(issued.id, as: TestEnvironment.reviewer).isIntact)
        #expect(try await env.services.retention.run(as: Self.job).invoicesPseudonymised.isEmpty)
    }

    @Test("R-GDPR-2: the years per seller country come from the policy (1…30), counted from the end of the issue year")
    func policyYears() throws {
        let policy = RetentionPolicy()
        let issued = try #require(CalendarDay(iso: "2026-03-01"))
        #expect(policy.invoiceBuyerPseudonymisationDay(issuedOn: issued, sellerCountry: "NL") == CalendarDay(iso: "2034-01-01"))
        #expect(policy.invoiceBuyerPseudonymisationDay(issuedOn: issued, sellerCountry: "DE") == CalendarDay(iso: "2035-01-01"))
        #expect(policy.invoiceBuyerPseudonymisationDay(issuedOn: issued, sellerCountry: "PL") == CalendarDay(iso: "2037-01-01"))
        #expect(policy.invoiceBuyerPseudonymisationDay(issuedOn: issued, sellerCountry: "FR") == CalendarDay(iso: "2034-01-01"))
        #expect(try CPSPolicy.load(json: Data(#"{"retention": {"invoiceYears": {"NL": 10}}}"#.utf8)).retention.invoiceYears == ["NL": 10])
        #expect(throws: PolicyError.self) { try CPSPolicy.load(json: Data(#"{"retention": {"invoiceYears": {"NL": 0}}}"#.utf8)) }
        #expect(throws: PolicyError.self) { try CPSPolicy.load(json: Data(#"{"retention": {"defaultInvoiceYears": 31}}"#.utf8)) }
    }

    @Test("R-GDPR-2: a legal hold on the account's application keeps its invoices as issued")
    func held() async throws {
        let (env, active, issued) = try await Self.invoiced()
        try await env.services.privacy.placeLegalHold(on: active.account.applicationID, reason: "Ärende 11", as: TestEnvironment.reviewer)
        env.clock.advance(days: 366 * 12)
        #expect(try await env.services.retention.run(as: Self.job).invoicesPseudonymised.isEmpty)
        #expect(try await env.store.fetch(Invoice.self, id: issued.id)?.record == issued)
    }
}
