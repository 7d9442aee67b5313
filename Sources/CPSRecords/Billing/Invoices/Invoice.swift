import Foundation

/// An issued CPS invoice (R-BIL-2…5): its gap-free number, lines, amounts and VAT, due date, RF
/// reference, payment method and what has been paid.
///
/// Unique keys hold the number, the RF reference and the purchase, so no number is issued twice and
/// no purchase is invoiced twice. "Overdue" is derived from ``due`` and ``status`` (``isOverdue(at:)``),
/// never stored.
public struct Invoice: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<Invoice>

    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "invoice"

    /// The invoice's record ID.
    public let id: ID
    /// The invoice number, e.g. `CPS-2026-000001` (R-BIL-2).
    public let number: String
    /// The series, e.g. `CPS-2026` (R-BIL-2).
    public let series: String
    /// The customer account.
    public let accountID: BusinessAccount.ID
    /// The purchase invoiced.
    public let purchaseID: MembershipPurchase.ID
    /// The membership invoiced.
    public let membershipID: Membership.ID
    /// The company name as printed; a pseudonym once the invoice's retention years ended (R-GDPR-2).
    public private(set) var customerName: String
    /// The customer's address as printed (its country decides VAT, R-BIL-5); `[erased]` lines (the
    /// country kept) once the retention years ended.
    public private(set) var customerAddress: PostalAddress
    /// The seller as printed (R-BIL-5).
    public let seller: InvoiceSeller
    /// The lines, subtotal, VAT per rate, total and the VAT assessment (R-BIL-2, R-BIL-5).
    public let amounts: InvoiceAmounts
    /// The VAT registry look-up the VAT decision used, kept with the invoice (R-BIL-5, R-VAT-2);
    /// removed once the retention years ended.
    public private(set) var vatLookup: VATLookupRecord?
    /// The structured reference a bank transfer carries (ISO 11649, R-BIL-4); on every invoice.
    public let creditorReference: RFCreditorReference
    /// Card or bank transfer (R-BIL-1).
    public let paymentMethod: PaymentMethod
    /// When the invoice was issued: the issuing job's run (R-BIL-2).
    public let issuedAt: Date
    /// Issue day, due day (issue + 30 days in the policy time zone) and the overdue rule (R-BIL-2).
    public let due: InvoiceDueDate
    /// The life-cycle state; only legal transitions (R-BIL-2).
    public var status: InvoiceStatus
    /// What has been paid so far (R-BIL-4: partial payments leave the rest due).
    public var amountPaid: Money
    /// When it was paid in full.
    public var paidAt: Date?
    /// Card: declined charge attempts so far (R-BIL-3).
    public var chargeDeclines: Int
    /// Bank transfer: reminders sent so far (R-BIL-4).
    public var remindersSent: Int
    /// Whether the "payment failed / overdue" mail has gone out (R-BIL-3).
    public var overdueNoticeSent: Bool
    /// When it was voided, if it was; a voided invoice keeps its number (R-BIL-2, R-LIFE-2, R-LIFE-3).
    public var voidedAt: Date?
    /// Why it was voided: `renewalExpired` (a bank renewal unpaid at expiry), `renewalCancelled`
    /// (a cancellation before the charge), … (R-LIFE-2, R-LIFE-3).
    public var voidReason: String?
    /// The total of the credit notes issued against it so far, `nil` before the first (R-LIFE-5).
    public var creditedAmount: Money?
    /// The account credit applied when it was issued, shown as the prepaid amount on the document —
    /// never a negative line; `nil` when none was (R-LIFE-5).
    public var prepaidAmount: Money?
    /// When the retention job pseudonymised the buyer (R-GDPR-2): the invoice's retention years of
    /// the seller's country ended; `nil` while the buyer's data is kept as issued.
    public var buyerPseudonymisedAt: Date?
    /// The chargeback that reopened it after it was paid, if any (R-LIFE-5); `nil` in records from
    /// before it existed.
    public var chargeback: InvoiceChargeback?

    /// Creates an issued (`open`) invoice; the issuing job is the usual way.
    package init(id: ID, number: String, series: String, accountID: BusinessAccount.ID, purchaseID: MembershipPurchase.ID, membershipID: Membership.ID,
                customerName: String, customerAddress: PostalAddress, seller: InvoiceSeller, amounts: InvoiceAmounts,
                vatLookup: VATLookupRecord?, creditorReference: RFCreditorReference, paymentMethod: PaymentMethod,
                issuedAt: Date, due: InvoiceDueDate) {
        self.id = id
        self.number = number
        self.series = series
        self.accountID = accountID
        self.purchaseID = purchaseID
        self.membershipID = membershipID
        self.customerName = customerName
        self.customerAddress = customerAddress
        self.seller = seller
        self.amounts = amounts
        self.vatLookup = vatLookup
        self.creditorReference = creditorReference
        self.paymentMethod = paymentMethod
        self.issuedAt = issuedAt
        self.due = due
        self.status = .open
        self.amountPaid = .zero(amounts.total.currency)
        self.paidAt = nil
        self.chargeDeclines = 0
        self.remindersSent = 0
        self.overdueNoticeSent = false
    }

    /// What the customer pays: the total including VAT (R-BIL-2).
    public var total: Money { amounts.total }

    /// What is still due: total − prepaid − paid − credited, never below zero (R-BIL-4, R-LIFE-5).
    public var amountDue: Money {
        let rest = total.amount - (prepaidAmount?.amount ?? 0) - amountPaid.amount - (creditedAmount?.amount ?? 0)
        return Money(rest > 0 ? rest : 0, total.currency)
    }

    /// Whether the invoice is overdue at `instant`: open and past its due day (R-BIL-2; derived).
    public func isOverdue(at instant: Date) -> Bool { due.isOverdue(at: instant, status: status) }

    /// The card charge days, bank reminder days and suspension day of this invoice (R-BIL-3, R-BIL-4).
    public func schedule(policy: BillingPolicy) -> PaymentSchedule {
        PaymentSchedule(method: paymentMethod, dueDay: due.dueDay, policy: policy)
    }

    /// The unique key of an RF reference (R-BIL-4).
    public static func referenceKey(_ reference: RFCreditorReference) -> String { "invoice-rf:\(reference.electronic)" }
    /// The unique key of an invoice number (R-BIL-2).
    public static func numberKey(_ number: String) -> String { "invoice-number:\(number)" }
    /// The unique key that lets a purchase be invoiced once (R-BIL-2).
    public static func purchaseKey(_ purchaseID: MembershipPurchase.ID) -> String { "invoice-purchase:\(purchaseID)" }
    /// Index key of the invoices paid by `method` that await payment and fall due on `day` — the
    /// due-time index the payment jobs read (R-BIL-3, R-BIL-4; issue 17 item 4). Every charge,
    /// reminder and suspension of an invoice comes on or after its due day, so the invoices a job
    /// may act on today are those of one range of these keys.
    public static func awaitingPayment(by method: PaymentMethod, dueOn day: CalendarDay) -> IndexKey<Invoice> {
        IndexKey(dueKeyPrefix(method) + day.description)
    }

    /// The invoices paid by `method` awaiting payment whose due day is `day` or earlier, in due-day
    /// order (R-BIL-3, R-BIL-4).
    public static func awaitingPayment(by method: PaymentMethod, dueOnOrBefore day: CalendarDay) -> IndexKeyRange<Invoice> {
        IndexKeyRange(from: dueKeyPrefix(method), below: IndexKeyRange<Invoice>.successor(ofPrefix: awaitingPayment(by: method, dueOn: day).rawValue))
    }

    /// Every invoice paid by `method` awaiting payment, in due-day order (R-BIL-3, R-BIL-4).
    public static func awaitingPaymentByDueDay(by method: PaymentMethod) -> IndexKeyRange<Invoice> {
        IndexKeyRange(prefix: dueKeyPrefix(method))
    }

    private static func dueKeyPrefix(_ method: PaymentMethod) -> String { "awaiting-due:\(method.rawValue):" }

    /// The index key of the invoices of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<Invoice> { IndexKey("account:\(accountID)") }
    /// The index key of the invoices in `status`.
    public static func byStatus(_ status: InvoiceStatus) -> IndexKey<Invoice> { IndexKey("status:\(status.rawValue)") }

    /// The keys the store holds unique across all kinds (R-ADP-1).
    public var uniqueKeys: [String] {
        [Invoice.numberKey(number), Invoice.referenceKey(creditorReference), Invoice.purchaseKey(purchaseID)]
    }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] {
        [Self.byAccount(accountID).rawValue, Self.byStatus(status).rawValue]
            + (status.awaitsPayment ? [Self.awaitingPayment(by: paymentMethod, dueOn: due.dueDay).rawValue] : [])
            + (buyerPseudonymisedAt == nil ? [Self.buyerRetained(issuedIn: Self.utcYear(of: issuedAt)).rawValue] : [])
    }

    /// Index key of the invoices issued in `year` (UTC) whose buyer's data is still kept as issued —
    /// the due-time index of the retention job (R-GDPR-2; issue 17 item 4).
    public static func buyerRetained(issuedIn year: Int) -> IndexKey<Invoice> {
        let digits = String(min(max(year, 0), 9_999))
        return IndexKey(buyerRetainedPrefix + String(repeating: "0", count: 4 - digits.count) + digits)
    }

    /// The invoices whose buyer's data is still kept, issued (UTC) in `year` or before, by issue year
    /// (R-GDPR-2).
    public static func buyerRetained(issuedInOrBefore year: Int) -> IndexKeyRange<Invoice> {
        IndexKeyRange(from: buyerRetainedPrefix, below: IndexKeyRange<Invoice>.successor(ofPrefix: buyerRetained(issuedIn: year).rawValue))
    }

    /// Every invoice whose buyer's data is still kept, by issue year (R-GDPR-2).
    public static let buyerRetainedByIssueYear = IndexKeyRange<Invoice>(prefix: buyerRetainedPrefix)

    private static let buyerRetainedPrefix = "invoice:buyer-retained:"

    /// The year of `instant` in UTC — the year in a ``buyerRetained(issuedIn:)`` key.
    public static func utcYear(of instant: Date) -> Int {
        CalendarDay(instant, in: TimeZone(identifier: "UTC") ?? .current).year
    }

    /// This invoice with the buyer pseudonymised (R-GDPR-2): `customerName` → `pseudonym`, the
    /// address lines → `[erased]` (country kept: it decided the VAT), the VAT look-up removed. The
    /// seller, number, amounts and dates stay.
    package func pseudonymisingBuyer(_ pseudonym: String, at instant: Date) -> Invoice {
        var copy = self
        copy.customerName = pseudonym
        copy.customerAddress = PostalAddress(unchecked: "[erased]", postalCode: "[erased]", city: "[erased]",
                                             country: customerAddress.country)
        copy.vatLookup = nil
        copy.buyerPseudonymisedAt = instant
        return copy
    }
}
