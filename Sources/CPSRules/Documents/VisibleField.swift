/// A fact that must be clearly visible on an evidence document (R-DOC-1, R-DOC-2, R-DOC-3).
public enum VisibleField: String, Hashable, Codable, Sendable, CaseIterable {
    /// The company's legal name.
    case companyName
    /// The VAT registration number.
    case vatNumber
    /// The company's address.
    case address
    /// The document's issue date (needed where a maximum age applies).
    case issueDate

    /// The catalog key of the field's name.
    public var textKey: TextKey { TextKey("evidence.field.\(rawValue)") }
}

/// Named in the reader's language (R-MSG-1, R-DOC-4).
extension VisibleField: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { textKey }
}
