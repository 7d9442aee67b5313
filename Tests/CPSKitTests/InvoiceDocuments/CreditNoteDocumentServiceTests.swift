import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Credit notes and the buyer's electronic address through the services (R-LIFE-5, R-IDOC-1, R-IDOC-2).
@Suite("Credit-note documents and the account's Peppol address through the services")
struct CreditNoteDocumentServiceTests {
    /// A paid bank invoice of a fresh fixture and a credit note of `lines` (nil: all) on it.
    private func credited(lines: [InvoiceLine]? = nil) async throws -> (BillingFixture, Invoice, CreditNote) {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice(.gold, method: .bankTransfer)
        _ = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: invoice.total, reference: invoice.creditorReference.printed, receivedOn: invoice.due.issueDay,
            as: BillingFixture.job)
        fixture.env.clock.advance(days: 5)
        let note = try await fixture.env.invoicing.issueCreditNote(for: invoice.id, lines: lines, reason: "Kurs inställd",
                                                                   as: TestEnvironment.reviewer)
        return (fixture, invoice, note)
    }

    @Test("R-LIFE-5/R-IDOC-1: a credit note renders for the account's user as text, PDF and UBL, referencing its invoice")
    func renders() async throws {
        let (fixture, invoice, note) = try await credited(lines: [InvoiceLine(description: "Kurs", unitPrice: Money(40, .eur))])
        let service = fixture.env.invoiceDocuments
        let document = try await service.document(ofCreditNote: note.id, in: fixture.accountID, as: fixture.superuser)
        #expect(document.kind == .creditNote)
        #expect(document.number == note.number)
        #expect(document.language == .swedish)
        #expect(document.credit?.invoiceNumber == invoice.number)
        #expect(document.credit?.invoiceIssueDay == invoice.due.issueDay)
        #expect(document.issueDay == CalendarDay(note.issuedAt, in: fixture.env.context.policy.timeZone))
        #expect(document.issueDay > invoice.due.issueDay)
        #expect(document.totals.payable == note.total)
        #expect(document.vatCategory == InvoiceDocument.VATCategory(invoice.amounts.assessment.treatment))
        let membership = try await fixture.membership(invoice.membershipID)
        #expect(document.buyerReference == membership.number.compact)
        let text = try await service.text(ofCreditNote: note.id, in: fixture.accountID, as: fixture.superuser)
        #expect(text.contains("Kreditfakturanummer: \(note.number)"))
        #expect(text.contains("Krediterar faktura: \(invoice.number) av \(invoice.due.issueDay)"))
        #expect(text.contains("Orsak: Kurs inställd"))
        let english = try await service.text(ofCreditNote: note.id, in: fixture.accountID, language: .english, as: BillingFixture.job)
        #expect(english.contains("Credits invoice: \(invoice.number)"))
        let pdf = try await service.pdf(ofCreditNote: note.id, in: fixture.accountID, as: BillingFixture.job)
        #expect(pdf.starts(with: Array("%PDF-1.4".utf8)))
        #expect(pdf == (try await service.pdf(ofCreditNote: note.id, in: fixture.accountID, as: BillingFixture.job)))
        let xml = try await service.ubl(ofCreditNote: note.id, in: fixture.accountID, as: fixture.superuser)
        #expect(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))
        #expect(xml.contains("<cbc:ID>\(invoice.number)</cbc:ID>"))
        #expect(xml == (try await service.ubl(ofCreditNote: note.id, in: fixture.accountID, as: fixture.superuser)))
    }

    @Test("R-LIFE-5: a credit note of another account, or an invoice's ID, is not found as a credit note")
    func notFound() async throws {
        let (fixture, invoice, note) = try await credited()
        let service = fixture.env.invoiceDocuments
        await #expect(throws: InvoiceDocumentError(.creditNoteNotFound)) {
            _ = try await service.document(ofCreditNote: note.id, in: "account-other", as: BillingFixture.job)
        }
        await #expect(throws: InvoiceDocumentError(.creditNoteNotFound)) {
            _ = try await service.document(ofCreditNote: CreditNote.ID(invoice.id.rawValue), in: fixture.accountID, as: BillingFixture.job)
        }
    }

    @Test("R-IDOC-2: the superuser sets the account's Peppol address; UBL uses it; without one and no VAT number UBL is refused")
    func electronicAddress() async throws {
        let fixture = try await BillingFixture.make()
        try await fixture.setCustomer(country: "SE", vat: .notRegistered, lookup: nil)
        let invoice = try await fixture.invoice()
        let service = fixture.env.invoiceDocuments
        await #expect(throws: InvoiceDocumentError(.missingBuyerEndpoint, facts: ["country": "SE"])) {
            _ = try await service.ubl(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
        }
        let address = try ElectronicAddress(parsing: "0007:5567321707")
        let account = try await fixture.env.accounts.setElectronicAddress(address, of: fixture.accountID, as: fixture.superuser)
        #expect(account.electronicAddress == address)
        let xml = try await service.ubl(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
        #expect(xml.contains("<cbc:EndpointID schemeID=\"0007\">5567321707</cbc:EndpointID>"))
        let trail = try await fixture.env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == "account.electronicAddressSet" }
        #expect(trail.count == 1)
        // Setting the same again changes nothing; clearing restores the refusal.
        try await fixture.env.accounts.setElectronicAddress(address, of: fixture.accountID, as: fixture.superuser)
        #expect(try await fixture.env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == "account.electronicAddressSet" }.count == 1)
        try await fixture.env.accounts.setElectronicAddress(nil, of: fixture.accountID, as: fixture.superuser)
        await #expect(throws: InvoiceDocumentError.self) {
            _ = try await service.ubl(of: invoice.id, in: fixture.accountID, as: fixture.superuser)
        }
    }

    @Test("R-IDOC-2: an electronic address is SCHEME:ID with a four-digit scheme; anything else is a typed error")
    func parsing() throws {
        #expect(try ElectronicAddress(parsing: " 0208:0123456789 ").description == "0208:0123456789")
        for bad in ["", "5567321707", "07:5567321707", "00A7:1", "0007:", "0007:has space", ":1"] {
            #expect(throws: InvoiceDocumentError(.invalidElectronicAddress, facts: ["text": bad.trimmingCharacters(in: .whitespaces)])) {
                try ElectronicAddress(parsing: bad)
            }
        }
    }
}
