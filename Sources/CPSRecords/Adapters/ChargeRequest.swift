/// One card charge asked of a ``PaymentGateway`` (R-BIL-3).
public struct ChargeRequest: Hashable, Codable, Sendable {
    /// The account whose card on file is charged (the host's gateway maps it to its card token).
    public let accountID: BusinessAccount.ID
    /// The amount.
    public let amount: Money
    /// The invoice number, shown on the card statement.
    public let reference: String
    /// The same for every repeat of one attempt: a gateway charges a key at most once (R-BIL-3).
    public let idempotencyKey: String

    /// Creates a request.
    public init(accountID: BusinessAccount.ID, amount: Money, reference: String, idempotencyKey: String) {
        self.accountID = accountID
        self.amount = amount
        self.reference = reference
        self.idempotencyKey = idempotencyKey
    }
}
