import CPSKit
@testable import CPSRules
import Foundation
import Testing

@Suite("Invoice documents: the model (R-IDOC-1, R-BIL-2, R-BIL-5)")
struct InvoiceDocumentTests {
    @Test("R-IDOC-1: every Article 226 item that applies is in the document, on every case")
    func article226() throws {
        let cases = try InvoiceDocumentCase.all()
        #expect(Article226Item.all.map(\.id) == ["1", "2", "3", "4", "5", "6", "7", "7a", "8", "9", "10", "10a", "11", "11a", "12", "13", "14"])
        for item in Article226Item.checked {
            for testCase in cases where item.applies(testCase.document) {
                let fragments = item.fragments(testCase.document)
                #expect(!fragments.isEmpty && !fragments.contains(""), "\(item) missing on \(testCase)")
            }
        }
        // Each applicable item applies to at least one case, so none is checked vacuously.
        for item in Article226Item.checked where item.notApplicable == nil {
            #expect(cases.contains { item.applies($0.document) }, "\(item) applies to no case")
        }
    }

    @Test("R-BIL-5: domestic NL: standard rate 21 %, VAT on the total, seller's KvK and address from the policy")
    func domestic() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "domestic-nl" }).document
        #expect(document.vatCategory == .standard)
        #expect(document.vatBreakdown.map(\.percent) == [21])
        #expect(document.totals.vat == Money(42, .eur))
        #expect(document.totals.payable == Money(242, .eur))
        #expect(document.notes.isEmpty)
        #expect(document.seller.registration?.scheme == "0106")
        #expect(document.seller.address.city == "Amstelveen")
        #expect(document.payment.meansCode == "58")
        #expect(document.payment.bankAccount?.iban == "NL91ABNA0417164300")
        #expect(document.supplyPeriod.start.description == "2026-03-02")
        #expect(document.dueDay?.description == "2026-04-01")
        #expect(document.buyerReference == "CPS0000000017")
        #expect(InvoiceDocumentPolicy.canonEurope.provenance["sellerRegistration"] == .placeholder)
    }

    @Test("R-BIL-5: SE reverse charge: no VAT, the buyer's VAT number and the Article 196 note")
    func reverseCharge() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "reverse-charge-se" }).document
        #expect(document.vatCategory == .reverseCharge)
        #expect(document.buyer.vatNumber?.compact == "SE556036079301")
        #expect(document.totals.vat.isZero)
        #expect(document.notes == [.reverseCharge])
        #expect(document.vatBreakdown.first?.exemptionNote == .reverseCharge)
        #expect(document.vatBreakdown.first?.percent == 0)
    }

    @Test("R-BIL-5: NO outside scope: no rate, the outside-scope note; card payment is means 48")
    func outsideScope() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "outside-scope-no" }).document
        #expect(document.vatCategory == .outsideScope)
        #expect(document.lines.allSatisfy { $0.percent == nil })
        #expect(document.notes == [.outsideScopeOfEUVAT])
        #expect(document.payment.meansCode == "48")
        #expect(document.payment.bankAccount == nil)
    }

    @Test("R-BIL-2: JPY and SEK: line amounts rounded to the minor unit; non-SEPA transfer is means 30")
    func rounding() throws {
        let cases = try InvoiceDocumentCase.all()
        let yen = try #require(cases.first { $0.name == "rounding-jpy-outside-scope" }).document
        #expect(yen.lines.map(\.netAmount) == [Money(99_999, .jpy), Money(10_003, .jpy)])
        #expect(yen.totals.payable == Money(110_002, .jpy))
        #expect(yen.payment.meansCode == "30")
        let krona = try #require(cases.first { $0.name == "rounding-sek-reverse-charge" }).document
        #expect(krona.lines.map(\.netAmount.amountText) == ["999.99", "1000.09"])
        #expect(krona.totals.taxInclusive.amountText == "2000.08")
    }

    @Test("R-IDOC-1: account credit is the prepaid amount; the payable amount is the rest")
    func prepaid() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "account-credit-nl" }).document
        #expect(document.totals.prepaid == Money(50, .eur))
        #expect(document.totals.payable == Money(192, .eur))
    }

    @Test("R-IDOC-1: a reverse-charge invoice without the buyer's VAT number is a typed error")
    func reverseChargeWithoutNumber() throws {
        let good = try #require(try InvoiceDocumentCase.all().first { $0.name == "reverse-charge-se" })
        _ = good
        let assessment = VATAssessment(treatment: .reverseCharge, rate: nil, note: .reverseCharge, explanation: .reverseCharge,
                                       customerCountry: "SE", customerVATNumber: nil, registryVerdict: .valid)
        let amounts = try InvoiceAmounts(lines: [InvoiceLine(description: "CPS", unitPrice: Money(1, .eur))], currency: .eur,
                                         assessment: assessment)
        let day = InvoiceDocumentCase.day(2026, 1, 1)
        let source = InvoiceDocument.Source(
            number: "CPS-2026-000009", due: InvoiceDueDate(issueDay: day, dueDays: 30, timeZone: .gmt), customerName: "X AB",
            customerAddress: InvoiceDocumentCase.swedishAddress, seller: .canonEuropa, amounts: amounts,
            creditorReference: try RFCreditorReference(base: "CPS2026000009"), paymentMethod: .card, buyerReference: "CPS1",
            supplyPeriod: InvoiceDocument.SupplyPeriod(start: day, end: day))
        #expect(throws: InvoiceDocumentError(.missingBuyerVATNumber, facts: ["number": "CPS-2026-000009"])) {
            try InvoiceDocument(source, documents: .canonEurope, buyer: InvoiceDocument.BuyerDetails(language: .english))
        }
    }

    @Test("R-IDOC-2: electronic addresses derived from VAT numbers: SE 0007, NO 0192, NL 9944, DE 9930; none for FR")
    func derivedAddresses() throws {
        #expect(ElectronicAddress.derived(from: try VATNumber("SE556036079301"))?.description == "0007:5560360793")
        #expect(ElectronicAddress.derived(from: try VATNumber("NO917313008MVA"))?.description == "0192:917313008")
        #expect(ElectronicAddress.derived(from: try VATNumber("NL123456782B01"))?.description == "9944:NL123456782B01")
        #expect(ElectronicAddress.derived(from: try VATNumber("DE136695976"))?.description == "9930:DE136695976")
        #expect(ElectronicAddress.derived(from: try VATNumber("FR40303265045")) == nil)
        #expect(ElectronicAddress(scheme: "7", identifier: "x") == nil)
        #expect(ElectronicAddress(scheme: "0007", identifier: "has space") == nil)
    }
}
