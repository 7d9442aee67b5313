import CPSKit
@testable import CPSRules
import Foundation

/// The invoice documents the tests know (R-IDOC-1, R-IDOC-2): each is also written as PDF and UBL by
/// `InvoiceDocumentExportTests` for the `25-einvoice` CI check.
struct InvoiceDocumentCase: Sendable, CustomStringConvertible {
    let name: String
    let document: InvoiceDocument
    var description: String { name }

    static var policy: CPSPolicy { .canonEurope }
    static let timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay {
        CalendarDay(year: year, month: month, day: day) ?? .earliest
    }

    /// Builds a case: `lines` as (description, quantity, unit price), the customer and its VAT number.
    static func make(_ name: String, currency: Currency, lines: [(String, Int, Decimal)], customer: String,
                     address: PostalAddress, vatNumber: String?, verdict: InvoiceTaxation.RegistryVerdict = .valid,
                     method: PaymentMethod, language: Language, prepaid: Decimal? = nil,
                     registration: CompanyRegistration? = nil, sequence: Int = 1,
                     credit: CreditFacts? = nil) throws -> InvoiceDocumentCase {
        let vat = try vatNumber.map { try VATNumber($0) }
        let assessment = try InvoiceTaxation(policy: policy.billing)
            .assess(customerCountry: address.country, customerVATNumber: vat, registryVerdict: verdict)
        let amounts = try InvoiceAmounts(
            lines: lines.map { InvoiceLine(description: $0.0, quantity: $0.1, unitPrice: Money($0.2, currency)) },
            currency: currency, assessment: assessment)
        let invoiceNumber = try policy.billing.invoiceNumberFormat.number(year: 2026, sequence: credit?.invoiceSequence ?? sequence)
        let number = credit == nil ? invoiceNumber : "CN-" + (try policy.billing.invoiceNumberFormat.number(year: 2026, sequence: sequence))
        let issueDay = credit == nil ? day(2026, 3, 2) : day(2026, 3, 20)
        let source = InvoiceDocument.Source(
            number: number, due: InvoiceDueDate(issueDay: issueDay, dueDays: 30, timeZone: timeZone),
            customerName: customer, customerAddress: address, seller: policy.billing.seller, amounts: amounts,
            creditorReference: try RFCreditorReference(base: invoiceNumber), paymentMethod: method,
            buyerReference: "CPS0000000017",
            supplyPeriod: InvoiceDocument.SupplyPeriod(start: day(2026, 3, 2), end: day(2027, 3, 1)),
            prepaid: prepaid.map { Money($0, currency) },
            credit: credit.map { facts in
                InvoiceDocument.Credit(invoiceNumber: invoiceNumber, invoiceIssueDay: day(2026, 3, 2), reason: facts.reason,
                                       appliedToDue: Money(facts.appliedToDue, currency),
                                       credited: Money(amounts.total.amount - facts.appliedToDue, currency))
            })
        let document = try InvoiceDocument(source, documents: InvoiceDocumentPolicy.canonEurope,
                                           buyer: InvoiceDocument.BuyerDetails(language: language, registration: registration))
        return InvoiceDocumentCase(name: name, document: document)
    }

    /// What makes a case a credit note (R-LIFE-5): the sequence of the invoice it credits, why, and
    /// the part that reduced the amount still due (the rest is credited).
    struct CreditFacts {
        let invoiceSequence: Int
        let reason: String
        let appliedToDue: Decimal
    }

    static let dutchAddress = PostalAddress(unchecked: "Keizersgracht 123", postalCode: "1015 CJ", city: "Amsterdam", country: "NL")
    static let swedishAddress = PostalAddress(unchecked: "Storgatan 1", postalCode: "111 22", city: "Stockholm", country: "SE")
    static let norwegianAddress = PostalAddress(unchecked: "Karl Johans gate 5", postalCode: "0154", city: "Oslo", country: "NO")
    static let polishAddress = PostalAddress(unchecked: "ul. Łódzka 12", postalCode: "00-950", city: "Łódź", country: "PL")

    /// Every case: domestic NL, SE reverse charge, NO outside scope, account credit, JPY and SEK rounding,
    /// a Polish name with Latin Extended-A letters, a two-page invoice, and two credit notes (R-LIFE-5):
    /// a full credit of the domestic invoice and a partial one of the Swedish reverse-charge invoice.
    static func all() throws -> [InvoiceDocumentCase] {
        [
            try make("domestic-nl", currency: .eur, lines: [("CPS Gold membership, 1 year", 1, 200)],
                     customer: "Fotostudio Van Dijk B.V.", address: dutchAddress, vatNumber: "NL123456782B01",
                     method: .bankTransfer, language: .english,
                     registration: CompanyRegistration(scheme: "0106", registerName: "KvK", identifier: "12345678")),
            try make("reverse-charge-se", currency: .eur, lines: [("CPS Platinum membership, 1 year", 1, 450)],
                     customer: "Bildbyrån Åkesson AB", address: swedishAddress, vatNumber: "SE556036079301",
                     method: .bankTransfer, language: .swedish, sequence: 2),
            try make("outside-scope-no", currency: .eur, lines: [("CPS Gold membership, 1 year", 1, 200)],
                     customer: "Nordlys Foto AS", address: norwegianAddress, vatNumber: "NO917313008MVA",
                     method: .card, language: .english, sequence: 3),
            try make("account-credit-nl", currency: .eur, lines: [("CPS Gold membership, 1 year", 1, 200)],
                     customer: "Fotostudio Van Dijk B.V.", address: dutchAddress, vatNumber: "NL123456782B01",
                     method: .card, language: .english, prepaid: Decimal(string: "50.00"), sequence: 4),
            try make("rounding-jpy-outside-scope", currency: .jpy, lines: [("CPS Gold membership, 1 year", 3, 33_333),
                                                                           ("Event ticket", 7, 1_429)],
                     customer: "Nordlys Foto AS", address: norwegianAddress, vatNumber: "NO917313008MVA",
                     method: .bankTransfer, language: .english, sequence: 5),
            try make("rounding-sek-reverse-charge", currency: .sek,
                     lines: [("CPS Gold membership, 1 year", 3, Decimal(string: "333.33") ?? 0),
                             ("Event ticket", 7, Decimal(string: "142.87") ?? 0)],
                     customer: "Bildbyrån Åkesson AB", address: swedishAddress, vatNumber: "SE556036079301",
                     method: .bankTransfer, language: .swedish, sequence: 6),
            try make("latin-extended-pl", currency: .eur, lines: [("CPS Silver membership, 1 year", 1, 100)],
                     customer: "Pracownia Fotograficzna Łukasz Żółć sp. z o.o.", address: polishAddress,
                     vatNumber: nil, method: .card, language: .english, sequence: 7),
            try make("two-page-nl", currency: .eur,
                     lines: (1...45).map { ("Event ticket \($0): workshop day", $0 % 3 + 1, Decimal(25 + $0)) },
                     customer: "Fotostudio Van Dijk B.V.", address: dutchAddress, vatNumber: "NL123456782B01",
                     method: .bankTransfer, language: .english, sequence: 8),
            try make("credit-note-full-nl", currency: .eur, lines: [("CPS Gold membership, 1 year", 1, 200)],
                     customer: "Fotostudio Van Dijk B.V.", address: dutchAddress, vatNumber: "NL123456782B01",
                     method: .bankTransfer, language: .english,
                     registration: CompanyRegistration(scheme: "0106", registerName: "KvK", identifier: "12345678"),
                     credit: CreditFacts(invoiceSequence: 1, reason: "Membership cancelled within the withdrawal period", appliedToDue: 0)),
            try make("credit-note-partial-se", currency: .eur, lines: [("Event ticket: workshop cancelled", 1, 120)],
                     customer: "Bildbyrån Åkesson AB", address: swedishAddress, vatNumber: "SE556036079301",
                     method: .bankTransfer, language: .swedish, sequence: 2,
                     credit: CreditFacts(invoiceSequence: 2, reason: "Workshop inställd", appliedToDue: 70)),
        ]
    }
}
