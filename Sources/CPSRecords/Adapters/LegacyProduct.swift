/// A product as the old CPS holds it (R-MIG-2): the model and serial number as typed there, and the
/// purchase date, country and dealer when the old registration had them. The texts are taken as they
/// are; the migration normalises and checks them like a new registration (R-PRD-2).
public struct LegacyProduct: Hashable, Codable, Sendable {
    /// The model, e.g. `"EOS 5D Mark IV"`.
    public var model: String
    /// The serial number as stored in the old CPS.
    public var serialNumber: String
    /// The purchase date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, if known.
    public var purchaseDate: String?
    /// The country of purchase (ISO 3166-1 alpha-2), if known.
    public var countryOfPurchase: String?
    /// The dealer, if known.
    public var dealer: String?

    /// Creates a legacy product.
    public init(model: String, serialNumber: String, purchaseDate: String? = nil, countryOfPurchase: String? = nil,
                dealer: String? = nil) {
        self.model = model
        self.serialNumber = serialNumber
        self.purchaseDate = purchaseDate
        self.countryOfPurchase = countryOfPurchase
        self.dealer = dealer
    }
}
