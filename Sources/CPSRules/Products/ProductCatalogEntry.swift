/// One model in the product catalog and the points a complete registration of it earns (R-PRD-1).
///
/// The points are read when a registration becomes complete and stored on its ledger entry; a later
/// change of ``points`` applies to registrations completed after it, never retrospectively.
public struct ProductCatalogEntry: Hashable, Codable, Sendable {
    /// The model as printed, e.g. `"EOS R5"`.
    public var model: String
    /// A descriptive name, e.g. `"EOS R5 mirrorless camera body"`.
    public var name: String
    /// The kind of product.
    public var category: ProductCategory
    /// The points a complete registration earns (0: eligible for registration, no points).
    public var points: Int

    /// Creates an entry.
    public init(model: String, name: String, category: ProductCategory, points: Int) {
        self.model = model
        self.name = name
        self.category = category
        self.points = points
    }

    /// The normalised model used for look-ups and the one-owner key (R-PRD-4), e.g. `"EOSR5"`.
    public var modelKey: String { ProductModel.key(of: model) }
}
