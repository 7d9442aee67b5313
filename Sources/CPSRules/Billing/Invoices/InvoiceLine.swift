/// One line of an invoice: what is sold, how many, at what unit price (R-BIL-2).
///
/// The line total is the unit price times the quantity, rounded half-up to the currency's minor
/// unit (``Money`` is always rounded, so the product of a rounded price and a whole quantity is exact).
public struct InvoiceLine: Hashable, Codable, Sendable {
    /// The text printed on the line, e.g. "CPS Gold membership, 1 year".
    public let description: String
    /// The number of units, at least 1.
    public let quantity: Int
    /// The price of one unit, before VAT.
    public let unitPrice: Money

    /// Creates a line; ``InvoiceAmounts/init(lines:currency:assessment:)`` refuses a quantity below 1.
    public init(description: String, quantity: Int = 1, unitPrice: Money) {
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    /// Unit price × quantity, rounded half-up to the minor unit (R-BIL-2).
    public var total: Money { unitPrice.multiplied(by: quantity) }
}
