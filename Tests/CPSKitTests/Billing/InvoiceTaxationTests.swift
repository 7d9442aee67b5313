import CPSKit
import Foundation
import Testing

@Suite("VAT on the invoice (R-BIL-5)")
struct InvoiceTaxationTests {
    private let taxation = InvoiceTaxation(policy: .canonEurope)

    private func vat(_ text: String) throws -> VATNumber { try VATNumber(text) }

    @Test("A Swedish customer with a valid SE number, lookup valid: reverse charge with the note")
    func swedishReverseCharge() throws {
        let assessment = try taxation.assess(customerCountry: "SE", customerVATNumber: try vat("SE556677889901"),
                                             registryVerdict: .valid)
        #expect(assessment.treatment == .reverseCharge)
        #expect(assessment.rate == nil)
        #expect(assessment.note == .reverseCharge)
        #expect(assessment.note?.text(in: .english).contains("Article 196, Directive 2006/112/EC") == true)
        #expect(assessment.note?.text(in: .swedish).contains("artikel 196") == true)
        #expect(assessment.registryVerdict == .valid)
        #expect(assessment.explanation.textKey == "billing.vat.reason.reverseCharge")
    }

    @Test("Lookup unavailable or not checked never counts as invalid: still reverse charge",
          arguments: [InvoiceTaxation.RegistryVerdict.unavailable, .notChecked])
    func unavailable(verdict: InvoiceTaxation.RegistryVerdict) throws {
        let assessment = try taxation.assess(customerCountry: "SE", customerVATNumber: try vat("SE556677889901"),
                                             registryVerdict: verdict)
        #expect(assessment.treatment == .reverseCharge)
        #expect(assessment.registryVerdict == verdict)
        #expect(assessment.explanation.textKey == "billing.vat.reason.reverseChargeUnconfirmed")
    }

    @Test("Lookup said invalid: the seller's Dutch VAT")
    func lookupInvalid() throws {
        let assessment = try taxation.assess(customerCountry: "SE", customerVATNumber: try vat("SE556677889901"),
                                             registryVerdict: .invalid)
        #expect(assessment.treatment == .sellerRate)
        #expect(assessment.rate?.country == "NL")
        #expect(assessment.rate?.percent == 21)
        #expect(assessment.note == nil)
        #expect(assessment.explanation.text(in: .english).contains("21 %"))
    }

    @Test("An EU customer without a number, or with another country's number: the seller's rate")
    func noUsableNumber() throws {
        let none = try taxation.assess(customerCountry: "DE", customerVATNumber: nil, registryVerdict: .notChecked)
        #expect(none.treatment == .sellerRate)
        #expect(none.rate?.percent == 21)
        let other = try taxation.assess(customerCountry: "DE", customerVATNumber: try vat("SE556677889901"),
                                        registryVerdict: .valid)
        #expect(other.treatment == .sellerRate)
        #expect(other.explanation.textKey == "billing.vat.reason.vatNumberOtherCountry")
    }

    @Test("A Dutch customer pays Dutch VAT, with or without a VAT number")
    func dutch() throws {
        for number in [nil, try vat("NL005916343B01")] {
            let assessment = try taxation.assess(customerCountry: "NL", customerVATNumber: number, registryVerdict: .valid)
            #expect(assessment.treatment == .domestic)
            #expect(assessment.rate?.percent == 21)
            #expect(assessment.note == nil)
        }
    }

    @Test("Customers outside the EU: no EU VAT, with the outside-scope note", arguments: ["NO", "GB", "CH", "XI", "US"])
    func outsideScope(country: String) throws {
        let assessment = try taxation.assess(customerCountry: try #require(CountryCode(country)),
                                             customerVATNumber: nil, registryVerdict: .notChecked)
        #expect(assessment.treatment == .outsideScope)
        #expect(assessment.rate == nil)
        #expect(assessment.note == .outsideScopeOfEUVAT)
    }

    @Test("A Norwegian customer with a valid MVA number is outside scope")
    func norwegian() throws {
        let assessment = try taxation.assess(customerCountry: "NO", customerVATNumber: try vat("NO917313008MVA"),
                                             registryVerdict: .valid)
        #expect(assessment.treatment == .outsideScope)
        #expect(assessment.note?.text(in: .english) == "Outside the scope of EU VAT.")
    }

    @Test("Reverse charge for EU customers with their own valid number", arguments: [
        ("DE", "DE136695976"), ("BE", "BE0403019261"), ("GR", "EL094012834"), ("FR", "FR40303265045"),
    ])
    func reverseChargeCountries(country: String, number: String) throws {
        let assessment = try taxation.assess(customerCountry: try #require(CountryCode(country)),
                                             customerVATNumber: try vat(number), registryVerdict: .valid)
        #expect(assessment.treatment == .reverseCharge)
    }

    @Test("A missing seller rate is a typed error")
    func missingRate() {
        var policy = BillingPolicy.canonEurope
        policy.vatRates = []
        do {
            _ = try InvoiceTaxation(policy: policy).assess(customerCountry: "NL", customerVATNumber: nil, registryVerdict: .notChecked)
            Issue.record("accepted")
        } catch { #expect(error.reason == .missingVATRate) }
    }

    @Test("Amounts: lines rounded per line, VAT on the subtotal rounded half-up")
    func amounts() throws {
        let domestic = try taxation.assess(customerCountry: "NL", customerVATNumber: nil, registryVerdict: .notChecked)
        let lines = [
            InvoiceLine(description: "CPS Gold", unitPrice: Money(200, .eur)),
            InvoiceLine(description: "Extra", quantity: 3, unitPrice: try Money(parsing: "0.55", currency: .eur)),
        ]
        let amounts = try InvoiceAmounts(lines: lines, currency: .eur, assessment: domestic)
        #expect(amounts.lineTotals.map(\.amountText) == ["200.00", "1.65"])
        #expect(amounts.subtotal.amountText == "201.65")
        #expect(amounts.vatTotal.amountText == "42.35") // 42.3465
        #expect(amounts.total.amountText == "244.00")
        #expect(amounts.vatLines.count == 1)

        let reverse = try taxation.assess(customerCountry: "SE", customerVATNumber: try vat("SE556677889901"),
                                          registryVerdict: .valid)
        let zero = try InvoiceAmounts(lines: lines, currency: .eur, assessment: reverse)
        #expect(zero.vatTotal.isZero)
        #expect(zero.total == zero.subtotal)

        let half = try InvoiceAmounts(lines: [InvoiceLine(description: "x", unitPrice: try Money(parsing: "0.50", currency: .eur))],
                                      currency: .eur, assessment: domestic)
        #expect(half.vatTotal.amountText == "0.11") // 0.105 rounds up
    }

    @Test("Bad invoice lines are refused")
    func badLines() throws {
        let domestic = try taxation.assess(customerCountry: "NL", customerVATNumber: nil, registryVerdict: .notChecked)
        #expect(throws: BillingError.self) { try InvoiceAmounts(lines: [], currency: .eur, assessment: domestic) }
        #expect(throws: BillingError.self) {
            try InvoiceAmounts(lines: [InvoiceLine(description: "x", quantity: 0, unitPrice: Money(1, .eur))],
                               currency: .eur, assessment: domestic)
        }
        do {
            _ = try InvoiceAmounts(lines: [InvoiceLine(description: "x", unitPrice: Money(1, .sek))],
                                   currency: .eur, assessment: domestic)
            Issue.record("accepted")
        } catch { #expect(error.reason == .mixedCurrencies) }
    }
}
