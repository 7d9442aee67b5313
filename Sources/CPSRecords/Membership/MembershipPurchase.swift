import Foundation

/// A bought membership term waiting for, or holding, its invoice (R-MEM-1, R-BIL-1, R-BIL-2).
///
/// Written in the same batch as the ``Membership``. While ``invoiceID`` is `nil` it is indexed under
/// ``pendingIndex``: the issue-invoices job reads that index and must issue the invoice by ``issueBy``.
public struct MembershipPurchase: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<MembershipPurchase>

    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "membership-purchase"
    /// Index key of the purchases not yet invoiced (R-BIL-2).
    public static let pendingIndex = IndexKey<MembershipPurchase>("invoicing:pending")

    /// The purchase's ID.
    public let id: ID
    /// The buying account.
    public let accountID: BusinessAccount.ID
    /// The membership it created.
    public let membershipID: Membership.ID
    /// The level, term kind, start, end and fee (R-MEM-1).
    public let term: MembershipTerm
    /// The term in years (R-TIER-2).
    public let years: Int
    /// Card or bank transfer (R-BIL-1).
    public let paymentMethod: PaymentMethod
    /// Who bought it (a superuser, R-ACC-5), as ``Principal/description``.
    public let purchasedBy: String
    /// When.
    public let purchasedAt: Date
    /// The policy's latest issue time of the invoice (R-BIL-2).
    public let issueBy: Date
    /// The invoice, once issued.
    public var invoiceID: Invoice.ID?
    /// The version of the membership terms accepted with this purchase; for an automatic renewal the
    /// version the superuser last accepted (R-LIFE-6). `nil` on records from before R-LIFE-6.
    public var termsVersion: String?
    /// Who accepted ``termsVersion``, as ``Principal/description`` (R-LIFE-6).
    public var termsAcceptedBy: String?
    /// When ``termsVersion`` was accepted (R-LIFE-6).
    public var termsAcceptedAt: Date?

    /// Creates a purchase record.
    package init(id: ID, accountID: BusinessAccount.ID, membershipID: Membership.ID, term: MembershipTerm, years: Int,
                paymentMethod: PaymentMethod, purchasedBy: Principal, purchasedAt: Date, issueBy: Date) {
        self.id = id
        self.accountID = accountID
        self.membershipID = membershipID
        self.term = term
        self.years = years
        self.paymentMethod = paymentMethod
        self.purchasedBy = purchasedBy.description
        self.purchasedAt = purchasedAt
        self.issueBy = issueBy
        self.invoiceID = nil
    }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] {
        [Self.byAccount(accountID).rawValue] + (invoiceID == nil ? [Self.pendingIndex.rawValue] : [])
    }

    /// The index key of the purchases of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<MembershipPurchase> { IndexKey("account:\(accountID)") }
}
