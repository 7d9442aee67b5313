/// A localizable text attached to an invoice or a decision: a catalog key and the facts that fill it
/// (R-BIL-1, R-BIL-5).
///
/// The reverse-charge note (``reverseCharge``), the "outside the scope of EU VAT" note
/// (``outsideScopeOfEUVAT``) and the bank-transfer fee notice (R-BIL-1) are notes; a service renders
/// them with ``TextCatalog/render(_:_:in:)`` in the customer's language and stores the key with the invoice.
public struct InvoiceNote: Hashable, Codable, Sendable {
    /// The catalog key, e.g. `billing.note.reverseCharge`.
    public let textKey: TextKey
    /// The facts that fill the text's placeholders.
    public let arguments: [String: String]

    /// Creates a note.
    public init(_ textKey: TextKey, arguments: [String: String] = [:]) {
        self.textKey = textKey
        self.arguments = arguments
    }

    /// The text in `language` (R-BIL-5).
    public func text(in language: Language, catalog: TextCatalog = .standard) -> String {
        catalog.render(textKey, arguments, in: language)
    }

    /// "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC)" (R-BIL-5).
    public static let reverseCharge = InvoiceNote("billing.note.reverseCharge")
    /// "Outside the scope of EU VAT" for customers outside the EU (R-BIL-5).
    public static let outsideScopeOfEUVAT = InvoiceNote("billing.note.outsideScope")
}
