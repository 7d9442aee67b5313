/// What kind of product a catalog entry is (R-PRD-1). *[public]* Some accessories, paper and ink
/// earn no points; the points themselves are the catalog entry's, never derived from the category.
public enum ProductCategory: String, Codable, Sendable, Hashable, CaseIterable {
    /// A camera body (e.g. the EOS R series).
    case camera
    /// An interchangeable lens (e.g. RF lenses).
    case lens
    /// A printer.
    case printer
    /// A video camera or cinema camera.
    case video
    /// An accessory (batteries, grips, flashes, straps).
    case accessory
    /// Photo paper.
    case paper
    /// Ink.
    case ink
}

/// Named in the reader's language (R-MSG-1, R-PRD-1).
extension ProductCategory: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.productCategory.\(rawValue)") }
}
