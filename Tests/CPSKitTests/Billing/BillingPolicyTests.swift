@testable import CPSKit
import Foundation
import Testing

@Suite("Billing policy (R-BIL-1…5, R-MEM-1)")
struct BillingPolicyTests {
    @Test("The default seller is Canon Europa N.V., NL, with a VAT number valid under R-VAT-1")
    func seller() throws {
        let seller = BillingPolicy.canonEurope.seller
        #expect(seller.legalName == "Canon Europa N.V.")
        #expect(seller.country == "NL")
        #expect(try VATNumber("NL005916343B01") == seller.vatNumber)
    }

    @Test("The EU has 27 member states with a standard rate each; GB, NO, CH and XI are not members")
    func euData() {
        let policy = BillingPolicy.canonEurope
        #expect(Set(policy.euMemberStates).count == 27)
        #expect(Set(policy.vatRates.map(\.country)) == Set(policy.euMemberStates))
        for country: CountryCode in ["GB", "NO", "CH", "XI"] { #expect(!policy.isEUMember(country)) }
        #expect(policy.vatRate(for: "NL")?.percent == 21)
        #expect(policy.vatRate(for: "NL")?.provenance == .sourced)
        #expect(policy.vatRate(for: "FI")?.percentText == "25.5")
    }

    @Test("Every field of the default has a provenance")
    func provenance() throws {
        let data = try JSONEncoder().encode(BillingPolicy.canonEurope)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let fields = Set(object.keys).subtracting(["provenance"])
        #expect(fields == Set(BillingPolicy.canonEurope.provenance.keys))
    }

    @Test("The policy round-trips through JSON, with percentages and money as text")
    func codable() throws {
        let data = try JSONEncoder().encode(BillingPolicy.canonEurope)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains(#""percent":"21""#))
        #expect(try JSONDecoder().decode(BillingPolicy.self, from: data) == .canonEurope)
    }

    @Test("Invoice numbers: CPS-2026-000001, parsed back; bad numbers refused")
    func invoiceNumbers() throws {
        let format = BillingPolicy.canonEurope.invoiceNumberFormat
        #expect(try format.number(year: 2026, sequence: 1) == "CPS-2026-000001")
        #expect(try format.number(year: 2026, sequence: 999_999) == "CPS-2026-999999")
        #expect(throws: BillingError.self) { try format.number(year: 2026, sequence: 1_000_000) }
        #expect(throws: BillingError.self) { try format.number(year: 2026, sequence: 0) }
        let parsed = try format.parse("CPS-2026-000042")
        #expect(parsed.year == 2026 && parsed.sequence == 42)
        for bad in ["CPS-2026-42", "XYZ-2026-000042", "CPS-26-000042", "CPS-2026-00004a", "CPS-2026-000000", ""] {
            #expect(throws: BillingError.self) { try format.parse(bad) }
        }
        #expect(format.seriesKey(year: 2026) == "CPS-2026")
    }

    @Test("Bank transfer shows the local-fee notice, with the country's estimate when the policy has one")
    func bankNotice() throws {
        var policy = BillingPolicy.canonEurope
        #expect(policy.bankTransferNotice(for: "SE").text(in: .english) == "Note that a bank transfer may bring local extra fees.")
        policy.bankTransferFeeEstimates = [BankTransferFeeEstimate(country: "SE", fee: Money(3, .eur))]
        #expect(policy.bankTransferNotice(for: "SE", language: .swedish).text(in: .swedish).hasSuffix("omkring 3,00 €."))
        #expect(policy.bankTransferNotice(for: "DE").textKey == "billing.note.bankTransferFees")
    }

    @Test("Every billing text key used in code exists in both languages")
    func textsExist() {
        let catalog = TextCatalog.standard
        var keys: [TextKey] = InvoiceStatus.allCases.map(\.textKey) + PaymentMethod.allCases.map(\.textKey)
            + CPSLevelView.allCases.map(\.textKey) + LevelPolicy.canonEurope.allLevels.map(\.textKey)
        let reasons: [BillingError.Reason] = [.mixedCurrencies, .unknownCurrency, .invalidAmount, .tooManyDecimals,
                                              .invalidCreditorReference, .illegalInvoiceTransition, .missingVATRate,
                                              .invalidInvoiceLine, .invalidInvoiceNumber]
        keys += reasons.map { BillingError($0).textKey }
        keys += ["domestic", "outsideEU", "noVATNumber", "vatNumberOtherCountry", "lookupInvalid", "reverseCharge",
                 "reverseChargeUnconfirmed"].map { TextKey("billing.vat.reason.\($0)") }
        keys += [InvoiceNote.reverseCharge.textKey, InvoiceNote.outsideScopeOfEUVAT.textKey, "billing.view.title"]
        for key in keys {
            #expect(catalog.keys(of: .english).contains(key.rawValue), "\(key)")
            #expect(catalog.keys(of: .swedish).contains(key.rawValue), "\(key)")
        }
        #expect(catalog.render("billing.view.title", in: .swedish) == "Tillgängliga CPS-nivåer")
    }
}
