import Foundation

/// The typed, checked values of a ``ProductForm`` or ``ProductUpdate`` (R-PRD-2): pure, no I/O.
/// `nil` means "not given".
public struct ProductFields: Hashable, Sendable {
    /// The serial number.
    public var serial: SerialNumber?
    /// The purchase date.
    public var purchaseDate: PurchaseDate?
    /// The country of purchase.
    public var countryOfPurchase: CountryCode?
    /// The dealer.
    public var dealer: String?

    /// Checks the texts against `policy` on `today` (the policy's time zone, from the injected clock):
    /// a bad serial, an invalid or future purchase date (at its own precision), a bad country or an
    /// over-long dealer is a typed error (R-PRD-2).
    public init(serialNumber: String?, purchaseDate: String?, countryOfPurchase: String?, dealer: String?,
                policy: ProductPolicy, today: CalendarDay) throws {
        func given(_ text: String?) -> String? {
            guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return text
        }
        serial = try given(serialNumber).map { (text: String) throws(ProductError) in try SerialNumber(text, policy: policy) }
        if let text = given(purchaseDate) {
            let date = try PurchaseDate(parsing: text)
            if date.isInFuture(relativeTo: today) {
                throw ProductError(.purchaseDateInFuture, facts: ["date": date.description, "today": today.description])
            }
            self.purchaseDate = date
        } else {
            self.purchaseDate = nil
        }
        if let text = given(countryOfPurchase) {
            guard let country = CountryCode(text) else {
                throw InputError(.invalidCountry, field: "countryOfPurchase", value: text)
            }
            self.countryOfPurchase = country
        } else {
            self.countryOfPurchase = nil
        }
        self.dealer = try given(dealer).map { (text: String) throws(InputError) in
            try TextFieldRules.validate(text, field: "dealer", maxLength: policy.dealerMaximumLength)
        }
    }
}
