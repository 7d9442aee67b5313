/// What a user enters to register a product under "My products" (R-PRD-2), as typed.
///
/// Only the model is required to register; the serial number, purchase date, country of purchase and
/// dealer are mandatory for completeness (R-PRD-3) and may follow later through
/// ``ProductService/complete(_:on:with:as:)``. Blank text counts as not given.
public struct ProductForm: Hashable, Codable, Sendable {
    /// The model, e.g. `"EOS R5"` (any spelling of a catalog model).
    public var model: String
    /// The serial number in any spelling (`"ab-12 34"`); normalised by ``SerialNumber``.
    public var serialNumber: String?
    /// The purchase date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (``PurchaseDate``).
    public var purchaseDate: String?
    /// The country of purchase, ISO 3166-1 alpha-2 (``CountryCode``).
    public var countryOfPurchase: String?
    /// The dealer's name.
    public var dealer: String?

    /// Creates a form.
    public init(model: String, serialNumber: String? = nil, purchaseDate: String? = nil,
                countryOfPurchase: String? = nil, dealer: String? = nil) {
        self.model = model
        self.serialNumber = serialNumber
        self.purchaseDate = purchaseDate
        self.countryOfPurchase = countryOfPurchase
        self.dealer = dealer
    }
}
