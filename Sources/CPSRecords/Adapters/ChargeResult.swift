/// The gateway's final answer to a ``ChargeRequest`` (R-BIL-3).
public enum ChargeResult: Hashable, Codable, Sendable {
    /// The card was charged; the gateway's transaction ID.
    case succeeded(transactionID: String)
    /// The card issuer declined; the reason for people and logs.
    case declined(reason: String)
}
