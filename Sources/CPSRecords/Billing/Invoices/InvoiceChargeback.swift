import Foundation

/// A chargeback of a card invoice's charge, as the payment gateway reported it (R-LIFE-5): the card
/// holder's bank took the money back, so the paid invoice is open again for that amount and follows
/// the overdue path (reminders, suspension after the grace period) until it is paid by bank transfer.
public struct InvoiceChargeback: Hashable, Codable, Sendable {
    /// The gateway's ID of the chargeback; reporting it again changes nothing.
    public let chargebackID: String
    /// The amount taken back (at most what the card captured and was not refunded).
    public let amount: Money
    /// The gateway's reason, in its own words (for the audit trail and the back office).
    public let reason: String
    /// When it was recorded.
    public let recordedAt: Date
    /// Who recorded it, as ``Principal/description``.
    public let recordedBy: String

    /// Creates a chargeback record.
    package init(chargebackID: String, amount: Money, reason: String, recordedAt: Date, recordedBy: Principal) {
        self.chargebackID = chargebackID
        self.amount = amount
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy.description
    }
}
