import Foundation

/// A credit note correcting an issued invoice (R-LIFE-5): its own gap-free number series, the invoice
/// it references, full or partial lines under the invoice's VAT treatment and notes, and how it was
/// applied — first to the amount still due, the rest as account credit.
///
/// The invoice itself is never changed except for its ``Invoice/creditedAmount`` (and `paid` when the
/// credit covers what was due).
public struct CreditNote: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<CreditNote>

    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "credit-note"

    /// The record ID.
    public let id: ID
    /// The credit-note number, e.g. `CN-CPS-2026-000001`: its own gap-free series per year (R-LIFE-5).
    public let number: String
    /// The series, e.g. `CN-CPS-2026`; its counter is an ``InvoiceSeriesCounter`` with this ID.
    public let series: String
    /// The invoice corrected.
    public let invoiceID: Invoice.ID
    /// That invoice's number, as printed on the credit note.
    public let invoiceNumber: String
    /// The customer account.
    public let accountID: BusinessAccount.ID
    /// The credited lines, VAT per rate under the invoice's assessment, and the total (R-LIFE-5, R-BIL-5).
    public let amounts: InvoiceAmounts
    /// Why, in words (for the audit trail and the document).
    public let reason: String
    /// The part of the total that reduced what was still due on the invoice.
    public let appliedToDue: Money
    /// The part above it, kept as ``AccountCredit`` until it is refunded (``refund``).
    public let credited: Money
    /// The refund of ``credited``, by card through the gateway or recorded as a bank transfer
    /// (R-LIFE-5); `nil` while it is account credit. Absent in records written before it existed.
    public var refund: CreditNoteRefund?
    /// When it was issued.
    public let issuedAt: Date
    /// Who issued it, as ``Principal/description``.
    public let issuedBy: String

    /// Creates a credit note; ``InvoicingService`` issues them.
    package init(id: ID, number: String, series: String, invoice: Invoice, amounts: InvoiceAmounts, reason: String,
                 appliedToDue: Money, credited: Money, issuedAt: Date, issuedBy: Principal) {
        self.id = id
        self.number = number
        self.series = series
        invoiceID = invoice.id
        invoiceNumber = invoice.number
        accountID = invoice.accountID
        self.amounts = amounts
        self.reason = reason
        self.appliedToDue = appliedToDue
        self.credited = credited
        self.issuedAt = issuedAt
        self.issuedBy = issuedBy.description
    }

    /// The credit note's total, VAT included.
    public var total: Money { amounts.total }

    /// The unique key of a credit-note number (R-LIFE-5).
    public static func numberKey(_ number: String) -> String { "credit-note-number:\(number)" }
    /// The unique keys (R-ADP-1).
    public var uniqueKeys: [String] { [Self.numberKey(number)] }
    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] { [Self.byAccount(accountID).rawValue, Self.byInvoice(invoiceID).rawValue] }

    /// The index key of the credit notes of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<CreditNote> { IndexKey("account:\(accountID)") }
    /// The index key of the credit notes of `invoiceID`.
    public static func byInvoice(_ invoiceID: Invoice.ID) -> IndexKey<CreditNote> { IndexKey("invoice:\(invoiceID)") }
}
