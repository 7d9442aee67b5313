/// The fields a user fills in or corrects on a registration ("View product", R-PRD-3); `nil` or
/// blank leaves a field as it is. The model cannot change: register the other model instead.
public struct ProductUpdate: Hashable, Codable, Sendable {
    /// The serial number in any spelling.
    public var serialNumber: String?
    /// The purchase date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var purchaseDate: String?
    /// The country of purchase, ISO 3166-1 alpha-2.
    public var countryOfPurchase: String?
    /// The dealer's name.
    public var dealer: String?

    /// Creates an update.
    public init(serialNumber: String? = nil, purchaseDate: String? = nil, countryOfPurchase: String? = nil,
                dealer: String? = nil) {
        self.serialNumber = serialNumber
        self.purchaseDate = purchaseDate
        self.countryOfPurchase = countryOfPurchase
        self.dealer = dealer
    }
}
