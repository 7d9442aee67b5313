import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Invoice documents through the service (R-IDOC-1, R-IDOC-2)")
struct InvoiceDocumentServiceTests {
    @Test("R-IDOC-1: the account's user renders an issued invoice as text, PDF and UBL in the customer's language")
    func renders() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice()
        let service = fixture.env.invoiceDocuments
        let document = try await service.document(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
        #expect(document.number == invoice.number)
        #expect(document.language == .swedish)
        let text = try await service.text(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
        #expect(text.contains("Fakturanummer: \(invoice.number)"))
        #expect(text.contains(invoice.creditorReference.printed))
        let pdf = try await service.pdf(of: invoice.id, in: fixture.accountID, as: BillingFixture.job)
        #expect(pdf.starts(with: Array("%PDF-1.4".utf8)))
        #expect(pdf == (try await service.pdf(of: invoice.id, in: fixture.accountID, as: BillingFixture.job)))
        let membership = try await fixture.membership(invoice.membershipID)
        #expect(document.buyerReference == membership.number.compact)
        #expect(document.supplyPeriod.start == CalendarDay(membership.term.start, in: fixture.env.context.policy.timeZone))
        if document.buyer.vatNumber != nil {
            let xml = try await service.ubl(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
            #expect(xml.contains("<cbc:ID>\(invoice.number)</cbc:ID>"))
        }
    }

    @Test("R-IDOC-1: an invoice of another account is not found, not rendered")
    func otherAccount() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice()
        await #expect(throws: InvoiceDocumentError(.invoiceNotFound)) {
            _ = try await fixture.env.invoiceDocuments.document(of: invoice.id, in: "account-other", as: BillingFixture.job)
        }
    }
}
