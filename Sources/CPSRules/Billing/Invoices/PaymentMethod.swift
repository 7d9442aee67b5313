/// How the customer pays a CPS invoice: by card or by bank transfer (R-BIL-1).
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    /// Card: charged on the due date, not at purchase (R-BIL-3).
    case card
    /// Bank transfer: the customer pays by the due date, with the RF reference (R-BIL-4); local extra
    /// fees may apply (R-BIL-1).
    case bankTransfer

    /// The catalog key of the method's name, e.g. `billing.paymentMethod.card`.
    public var textKey: TextKey { TextKey("billing.paymentMethod.\(rawValue)") }
}

/// Named in the reader's language (R-MSG-1, R-BIL-1).
extension PaymentMethod: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { textKey }
}
