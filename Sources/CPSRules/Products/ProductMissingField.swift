/// A mandatory field a registration lacks (R-PRD-3): the list "View product" shows instead of the
/// green tick.
public enum ProductMissingField: String, Codable, Sendable, Hashable, CaseIterable {
    /// The serial number.
    case serialNumber
    /// The purchase date (day, month or year).
    case purchaseDate
    /// The country of purchase.
    case countryOfPurchase
    /// The dealer.
    case dealer

    /// The field's name in the catalog, e.g. `product.field.dealer` ("Dealer" / "Återförsäljare").
    public var nameKey: TextKey { TextKey("product.field.\(rawValue)") }
    /// What to do about it, e.g. `product.missing.dealer`.
    public var explanationKey: TextKey { TextKey("product.missing.\(rawValue)") }
}

/// Named in the reader's language (R-MSG-1, R-PRD-3).
extension ProductMissingField: LocalizedName {}
