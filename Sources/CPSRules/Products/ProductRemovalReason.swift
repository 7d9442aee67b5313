/// Why a product was removed from an account (R-PRD-5).
public enum ProductRemovalReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The product was sold.
    case sold
    /// The product was lost or stolen.
    case lost
    /// Another reason (a mistaken registration, a broken product).
    case other
}
