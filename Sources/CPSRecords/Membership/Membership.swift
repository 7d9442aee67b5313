import Foundation

/// One term of an account's CPS membership as stored: its own membership number, level, term,
/// status, payment method and invoice (R-MEM-1, R-MEM-2, R-BIL-1).
///
/// Every purchase, renewal and upgrade is a new `Membership` with a **new** number; the numbers of
/// earlier terms stay on their records (and in ``previousNumbers``). The number is a global unique
/// key, so no two memberships ever share one.
public struct Membership: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<Membership>

    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "membership"

    /// The record's ID.
    public let id: ID
    /// The account that bought it.
    public let accountID: BusinessAccount.ID
    /// The membership number, with its Luhn check digit (R-MEM-2).
    public let number: MembershipNumber
    /// The term: level, how it began, start, end and fee (R-MEM-1).
    public let term: MembershipTerm
    /// The term in years (1, or 2–3 for business groups with a discount) (R-TIER-2).
    public let years: Int
    /// Active, suspended or ended (R-MEM-1, R-BIL-3).
    public var status: MembershipStatus
    /// Card or bank transfer (R-BIL-1); the superuser may change it before the renewal (R-LIFE-5),
    /// and the renewal is paid by it.
    public var paymentMethod: PaymentMethod
    /// The purchase that created it.
    public let purchaseID: MembershipPurchase.ID
    /// The invoice, once issued (R-BIL-2).
    public var invoiceID: Invoice.ID?
    /// The numbers the account had before this one (old CPS number, earlier terms); never reused (R-MEM-2).
    public let previousNumbers: [String]
    /// When it was bought.
    public let createdAt: Date
    /// When it was last suspended, if ever (R-BIL-3).
    public var suspendedAt: Date?
    /// When an upgrade ended it, if it did (R-MEM-1).
    public var endedAt: Date?
    /// For a renewal term: the term it renews (R-LIFE-1).
    public var renewalOf: Membership.ID?
    /// When the renewals job sent this term's renewal notice, once per term (R-LIFE-1).
    public var renewalNoticeSentAt: Date?
    /// The renewal term issued for this one, while it stands (cleared when its invoice is voided)
    /// (R-LIFE-1, R-LIFE-3).
    public var renewalID: Membership.ID?
    /// When the renewals job closed this term at its end: renewed, expired or cancelled (R-LIFE-2).
    public var lifecycleClosedAt: Date?
    /// The cancellation at period end, while it stands (R-LIFE-3).
    public var cancellation: MembershipCancellation?
    /// When the notice went out that the account's points fell below this term's level mid-term; the
    /// level is kept to the term's end; once per term (R-LIFE-4). `nil` in records from before it existed.
    public var levelShortfallNoticeSentAt: Date?
    /// The version of the membership terms the superuser last accepted for this term: at the purchase,
    /// or carried over to an automatic renewal (R-LIFE-6). `nil` on records from before R-LIFE-6.
    public var termsVersion: String?
    /// Who accepted ``termsVersion``, as ``Principal/description`` (R-LIFE-6).
    public var termsAcceptedBy: String?
    /// When ``termsVersion`` was accepted (R-LIFE-6).
    public var termsAcceptedAt: Date?

    /// Creates a membership record; ``MembershipService/purchase(_:as:)`` is the usual way.
    package init(id: ID, accountID: BusinessAccount.ID, number: MembershipNumber, term: MembershipTerm, years: Int,
                status: MembershipStatus = .active, paymentMethod: PaymentMethod, purchaseID: MembershipPurchase.ID,
                invoiceID: Invoice.ID? = nil, previousNumbers: [String], createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.number = number
        self.term = term
        self.years = years
        self.status = status
        self.paymentMethod = paymentMethod
        self.purchaseID = purchaseID
        self.invoiceID = invoiceID
        self.previousNumbers = previousNumbers
        self.createdAt = createdAt
        self.suspendedAt = nil
        self.endedAt = nil
    }

    /// The level (R-TIER-1, R-TIER-2).
    public var level: CPSLevel { term.level }

    /// The status at `instant` (R-MEM-1, R-LIFE-2, R-LIFE-3): the stored `ended` stays; before the term
    /// starts `scheduled`; from ``MembershipTerm/end`` on (the end is exclusive: active at `end − 1 s`)
    /// `ended` when a renewal term follows, `cancelled` when the superuser cancelled it, else `expired`;
    /// inside the term the stored `active` or `suspended`.
    public func status(at instant: Date) -> MembershipStatus {
        if status == .ended { return .ended }
        if instant < term.start { return .scheduled }
        if instant >= term.end {
            if renewalID != nil { return .ended }
            return cancellation == nil ? .expired : .cancelled
        }
        return status
    }

    /// Whether the member can use CPS at `instant`: ``status(at:)`` is `active` — within the term and
    /// not suspended or ended (R-MEM-1: from the purchase on, before payment).
    public func isUsable(at instant: Date) -> Bool { status(at: instant) == .active }


    /// The terms the renewals job still has to act on that end before `instant`, in order of their
    /// end — the due-time index of renewals (R-LIFE-1, R-LIFE-2; issue 17 item 4). The key holds the
    /// end as whole seconds since 1970 in 12 digits, so byte order is time order.
    public static func lifecycleOpen(endingBefore instant: Date) -> IndexKeyRange<Membership> {
        IndexKeyRange(from: lifecycleEndPrefix, below: lifecycleEndKey(instant))
    }

    /// Every term the renewals job still has to act on, in order of its end (R-LIFE-1, R-LIFE-2).
    public static let lifecycleOpenByEnd = IndexKeyRange<Membership>(prefix: lifecycleEndPrefix)

    private static let lifecycleEndPrefix = "lifecycle-end:"

    private static func lifecycleEndKey(_ instant: Date) -> String {
        let seconds = instant.timeIntervalSince1970.rounded(.up)
        let clamped = seconds.isFinite ? Int64(min(max(seconds, 0), 999_999_999_999)) : 999_999_999_999
        let digits = String(clamped)
        return lifecycleEndPrefix + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    /// The unique key of a membership number (R-MEM-2).
    public static func numberKey(_ number: MembershipNumber) -> String { "membership-number:\(number.compact)" }

    /// The number is unique across every record of every kind (R-MEM-2).
    public var uniqueKeys: [String] { [Membership.numberKey(number)] }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] {
        [Self.byAccount(accountID).rawValue]
            + (status != .ended && lifecycleClosedAt == nil
                ? [Self.lifecycleEndKey(term.end)] : [])
    }

    /// The index key of the memberships of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<Membership> { IndexKey("account:\(accountID)") }
}
