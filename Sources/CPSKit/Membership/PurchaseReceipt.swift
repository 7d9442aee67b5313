import Foundation

/// What a purchase returns (R-MEM-1, R-MEM-2, R-BIL-1, R-BIL-2): the membership (usable at once), the
/// purchase awaiting its invoice, when the invoice is due to be issued, and — for bank transfer — the
/// notice that local extra fees may apply.
public struct PurchaseReceipt: Equatable, Codable, Sendable {
    /// The new membership, active from the purchase, with its new number (R-MEM-1, R-MEM-2).
    public let membership: Membership
    /// The purchase record awaiting its invoice (R-BIL-2).
    public let purchase: MembershipPurchase
    /// The membership this one replaced (an upgrade ends the current term), if any (R-MEM-1).
    public let replaced: Membership?
    /// The latest time the invoice will be issued (R-BIL-2: "within a few hours").
    public let invoiceExpectedBy: Date
    /// For bank transfer: "a bank transfer may bring local extra fees" with the policy's estimate for
    /// the account's country when it has one (R-BIL-1); `nil` for card.
    public let bankTransferNotice: InvoiceNote?
}
