import Foundation

/// Money an account paid beyond an invoice's amount due, kept as credit (R-BIL-4).
public struct AccountCredit: StoredRecord, Equatable {
    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "account-credit"

    /// The credit's ID.
    public let id: String
    /// The account credited.
    public let accountID: BusinessAccount.ID
    /// The amount.
    public let amount: Money
    /// The payment it came from.
    public let paymentID: IncomingPayment.ID
    /// The invoice that payment was for.
    public let invoiceID: Invoice.ID
    /// When it was recorded.
    public let createdAt: Date

    /// Creates a credit.
    package init(id: String, accountID: BusinessAccount.ID, amount: Money, paymentID: IncomingPayment.ID, invoiceID: Invoice.ID, createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.paymentID = paymentID
        self.invoiceID = invoiceID
        self.createdAt = createdAt
    }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] { ["account:\(accountID)"] }
}
