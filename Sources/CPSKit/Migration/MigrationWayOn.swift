/// A way on when products cannot be migrated, in the seed's words (R-MIG-1, R-MIG-2).
public enum MigrationWayOn: String, Codable, Sendable, Hashable, CaseIterable {
    /// Register the products again under "My products".
    case registerProductsAgain
    /// Contact CPS Priority Support.
    case contactPrioritySupport

    /// The catalog key of its text, e.g. `product.migration.wayOn.contactPrioritySupport`.
    public var textKey: TextKey { TextKey("product.migration.wayOn.\(rawValue)") }
}
