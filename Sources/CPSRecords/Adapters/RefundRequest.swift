/// One refund asked of a ``PaymentGateway`` (R-LIFE-5): money back onto the card of an earlier charge.
public struct RefundRequest: Hashable, Codable, Sendable {
    /// The account whose card was charged.
    public let accountID: BusinessAccount.ID
    /// The gateway's transaction ID of the charge refunded (``ChargeResult/succeeded(transactionID:)``).
    public let transactionID: String
    /// The amount to return; the refunds of one charge never total more than it captured.
    public let amount: Money
    /// The credit-note number, shown on the card statement.
    public let reference: String
    /// `cps-refund:<credit note>:<n>`, the same for every repeat of one attempt: a gateway refunds a
    /// key at most once (R-LIFE-5).
    public let idempotencyKey: String

    /// Creates a request.
    public init(accountID: BusinessAccount.ID, transactionID: String, amount: Money, reference: String, idempotencyKey: String) {
        self.accountID = accountID
        self.transactionID = transactionID
        self.amount = amount
        self.reference = reference
        self.idempotencyKey = idempotencyKey
    }

    /// The idempotency key of refund attempt `attemptNumber` of `creditNoteNumber` (R-LIFE-5).
    public static func idempotencyKey(creditNote creditNoteNumber: String, attemptNumber: Int) -> String {
        "cps-refund:\(creditNoteNumber):\(attemptNumber)"
    }
}

/// A payment gateway's final answer to a refund (R-LIFE-5). An unknown outcome is thrown as
/// ``PaymentGatewayError`` instead.
public enum RefundResult: Hashable, Codable, Sendable {
    /// The money goes back; the gateway's refund ID.
    case refunded(refundID: String)
    /// Refused for good: an unknown charge, or more than the charge has left to refund.
    case refused(reason: String)
}
