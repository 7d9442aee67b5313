/// Why a product was removed from an account (R-PRD-5).
public enum ProductRemovalReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The product was sold.
    case sold
    /// The product was lost or stolen.
    case lost
    /// Another reason (a mistaken registration, a broken product).
    case other
}

/// Named in the reader's language (R-MSG-1, R-PRD-5).
extension ProductRemovalReason: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.removalReason.\(rawValue)") }
}
