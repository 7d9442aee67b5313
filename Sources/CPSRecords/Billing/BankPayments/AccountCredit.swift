import Foundation

/// Money an account paid beyond an invoice's amount due, or the part of a credit note above what was
/// still due, kept as credit (R-BIL-4, R-LIFE-5).
public struct AccountCredit: StoredRecord, Equatable {
    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "account-credit"

    /// The credit's ID.
    public let id: String
    /// The account credited.
    public let accountID: BusinessAccount.ID
    /// The amount left; decremented when it is applied to the next invoice (R-LIFE-5).
    public var amount: Money
    /// The payment it came from; `nil` for a credit note's credit (R-LIFE-5).
    public let paymentID: IncomingPayment.ID?
    /// The credit note it came from, if any (R-LIFE-5).
    public var creditNoteID: CreditNote.ID?
    /// The invoice that payment or credit note was for.
    public let invoiceID: Invoice.ID
    /// When it was recorded.
    public let createdAt: Date

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
