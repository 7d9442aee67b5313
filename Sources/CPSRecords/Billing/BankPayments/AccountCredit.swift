import Foundation

/// The account's credit (R-BIL-4, R-LIFE-5): money paid beyond an invoice's amount due, the part of a
/// credit note above what was still due, and a refused refund's amount, applied to the next invoice
/// as its prepaid amount.
///
/// **One versioned record per account** (ID ``recordID(of:)``): every change reads it by ID and
/// writes it back with its version in the same batch, so two changes at once conflict and the credit
/// is never spent or returned twice. A record at zero is deleted. Stores written before this version
/// may still hold one record per source (over-payment, credit note) under other IDs: the services read
/// them with the account's record and fold them into it at the next change (nothing to migrate).
public struct AccountCredit: StoredRecord, Equatable {
    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "account-credit"

    /// The credit's ID: ``recordID(of:)`` for the account's one record; another ID only in a record
    /// written before that (one per source).
    public let id: String
    /// The account credited.
    public let accountID: BusinessAccount.ID
    /// The balance; decremented when it is applied to the next invoice or refunded (R-LIFE-5).
    public var amount: Money
    /// The payment of the latest addition, if it was an over-payment.
    public var paymentID: IncomingPayment.ID?
    /// The credit note of the latest addition, if any (R-LIFE-5).
    public var creditNoteID: CreditNote.ID?
    /// The invoice that the latest addition's payment or credit note was for.
    public var invoiceID: Invoice.ID
    /// When the record was first written.
    public let createdAt: Date
    /// When the balance last changed; `nil` in records written before it existed.
    public var updatedAt: Date?

    /// The ID of the account's one credit record (R-LIFE-5): `account-credit:<account>`.
    public static func recordID(of accountID: BusinessAccount.ID) -> String { "account-credit:\(accountID)" }

    /// Creates a credit.
    package init(id: String, accountID: BusinessAccount.ID, amount: Money, paymentID: IncomingPayment.ID?, invoiceID: Invoice.ID,
                 createdAt: Date, creditNoteID: CreditNote.ID? = nil) {
        self.creditNoteID = creditNoteID
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.paymentID = paymentID
        self.invoiceID = invoiceID
        self.createdAt = createdAt
    }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] { [Self.byAccount(accountID).rawValue] }

    /// The index key of the credits of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<AccountCredit> { IndexKey("account:\(accountID)") }
}
