/// How a registration came to the account (R-PRD-2, R-MIG-2).
public enum ProductSource: String, Codable, Sendable, Hashable {
    /// Registered by a user under "My products".
    case registered
    /// Migrated from the old CPS ("MIGRATE PRODUCTS").
    case migrated
}

/// Named in the reader's language (R-MSG-1, R-MIG-2).
extension ProductSource: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.productSource.\(rawValue)") }
}
