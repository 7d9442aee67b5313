/// The company that issues CPS invoices: its name, country and VAT number (R-BIL-5).
///
/// The default is Canon Europa N.V., the Netherlands, VAT NL005916343B01 ([public]).
public struct InvoiceSeller: Hashable, Codable, Sendable {
    /// The seller's legal name, as printed on the invoice.
    public let legalName: String
    /// The seller's country of establishment: a customer there pays the seller's VAT rate.
    public let country: CountryCode
    /// The seller's VAT number, printed on the invoice.
    public let vatNumber: VATNumber

    /// Creates a seller.
    public init(legalName: String, country: CountryCode, vatNumber: VATNumber) {
        self.legalName = legalName
        self.country = country
        self.vatNumber = vatNumber
    }

    /// Canon Europa N.V., NL, VAT NL005916343B01 ([public], R-BIL-5).
    public static let canonEuropa = InvoiceSeller(
        legalName: "Canon Europa N.V.", country: "NL",
        // Valid under R-VAT-1 (NL mod-11 check); a test parses it.
        vatNumber: VATNumber(uncheckedCompact: "NL005916343B01"))
}
