import Foundation

/// A bank transfer received, as the bank reported it, and what became of it (R-BIL-4).
///
/// Matched by its RF creditor reference to one invoice: the part up to the amount due is applied, any
/// excess becomes an ``AccountCredit``. A reference that does not parse (a wrong check digit) or names
/// no invoice leaves the payment ``Status-swift.enum/unmatched``, indexed for a person to resolve.
public struct IncomingPayment: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<IncomingPayment>

    /// Whether the payment found its invoice.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Applied to an invoice.
        case matched
        /// No valid reference to an invoice: waits for a person (R-BIL-4).
        case unmatched
    }

    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "payment"
    /// Index key of the payments waiting for a person.
    public static let unmatchedIndex = IndexKey<IncomingPayment>("payment:unmatched")

    /// The payment's ID.
    public let id: ID
    /// The amount received.
    public let amount: Money
    /// The reference text as the bank gave it.
    public let referenceText: String
    /// The day the money arrived (decides on-time, R-BIL-2).
    public let receivedOn: CalendarDay
    /// When it was recorded.
    public let recordedAt: Date
    /// Matched or not.
    public var status: Status
    /// The invoice it was applied to.
    public var invoiceID: Invoice.ID?
    /// The part applied to the invoice.
    public var appliedAmount: Money
    /// The excess kept as account credit (R-BIL-4).
    public var creditAmount: Money
    /// Whether it arrived by the due day (a payment on the due day is on time, R-BIL-2); `nil` if unmatched.
    public var onTime: Bool?

    /// Creates an unmatched payment.
    package init(id: ID, amount: Money, referenceText: String, receivedOn: CalendarDay, recordedAt: Date) {
        self.id = id
        self.amount = amount
        self.referenceText = referenceText
        self.receivedOn = receivedOn
        self.recordedAt = recordedAt
        status = .unmatched
        invoiceID = nil
        appliedAmount = .zero(amount.currency)
        creditAmount = .zero(amount.currency)
        onTime = nil
    }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] {
        [(status == .unmatched ? Self.unmatchedIndex : Self.byInvoice(invoiceID ?? "")).rawValue]
    }

    /// The index key of the payments matched to `invoiceID`.
    public static func byInvoice(_ invoiceID: Invoice.ID) -> IndexKey<IncomingPayment> { IndexKey("invoice:\(invoiceID)") }
}
