/// How VAT applies to an invoice (R-BIL-5).
public enum VATTreatment: String, Codable, Sendable, CaseIterable {
    /// The customer is in the seller's country: the seller's rate.
    case domestic
    /// An EU customer in another member state with a usable VAT number: no VAT, the customer accounts
    /// for it (Article 196, Directive 2006/112/EC); the invoice carries the reverse-charge note.
    case reverseCharge
    /// An EU customer in another member state without a usable VAT number: the seller's rate.
    case sellerRate
    /// A customer outside the EU (GB including Northern Ireland for services, NO, CH, …): no EU VAT;
    /// the invoice carries the "outside the scope of EU VAT" note.
    case outsideScope

    /// Whether the invoice charges VAT.
    public var chargesVAT: Bool { self == .domestic || self == .sellerRate }
}

/// Named in the reader's language (R-MSG-1, R-BIL-5).
extension VATTreatment: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.vatTreatment.\(rawValue)") }
}
