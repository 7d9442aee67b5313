import Foundation

/// The account's credit as one versioned record (R-LIFE-5): read by ID (its version, or its absence,
/// is checked at commit), with any per-source records a store written before this version still holds
/// (read through the index and folded into the one record at the next change; nothing inserts them
/// any more, so the index read is safe).
extension UnitOfWork {
    /// The account's credit in `currency`: the one record, the older per-source records, and the
    /// balance of both.
    struct AccountCreditHolding {
        /// The account's one record, if written.
        let record: Stored<AccountCredit>?
        /// Per-source records written before the one record existed, in `currency`.
        let legacy: [Stored<AccountCredit>]
        /// What the account holds in `currency`.
        let balance: Decimal
    }

    /// Reads the account's credit in `currency` (R-LIFE-5).
    func accountCredit(of accountID: BusinessAccount.ID, currency: Currency) async throws -> AccountCreditHolding {
        let record = try await fetch(AccountCredit.self, id: AccountCredit.recordID(of: accountID))
        let legacy = try await fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(accountID))
            .filter { $0.record.id != AccountCredit.recordID(of: accountID) && $0.record.amount.currency == currency }
        let own = record.flatMap { $0.record.amount.currency == currency ? $0.record.amount.amount : nil } ?? 0
        return AccountCreditHolding(record: record, legacy: legacy,
                                    balance: legacy.reduce(own) { $0 + $1.record.amount.amount })
    }

    /// Adds `amount` to the account's credit in this batch (R-BIL-4, R-LIFE-5), naming its source.
    func addAccountCredit(_ amount: Money, to accountID: BusinessAccount.ID, invoiceID: Invoice.ID,
                          paymentID: IncomingPayment.ID? = nil, creditNoteID: CreditNote.ID? = nil) async throws {
        guard amount.amount > 0 else { return }
        let holding = try await accountCredit(of: accountID, currency: amount.currency)
        try writeAccountCredit(holding, balance: holding.balance + amount.amount, of: accountID, currency: amount.currency) { credit in
            credit.invoiceID = invoiceID
            credit.paymentID = paymentID
            credit.creditNoteID = creditNoteID
        }
    }

    /// Takes up to `amount` from the account's credit in this batch (R-LIFE-5); returns what was taken.
    @discardableResult
    func spendAccountCredit(upTo amount: Money, of accountID: BusinessAccount.ID) async throws -> Money {
        let holding = try await accountCredit(of: accountID, currency: amount.currency)
        let spent = min(max(amount.amount, 0), holding.balance)
        if spent > 0 {
            try writeAccountCredit(holding, balance: holding.balance - spent, of: accountID, currency: amount.currency) { _ in }
        }
        return Money(spent, amount.currency)
    }

    /// Writes `balance` as the account's one record (deleted at zero) and deletes the folded legacy records.
    private func writeAccountCredit(_ holding: AccountCreditHolding, balance: Decimal, of accountID: BusinessAccount.ID,
                                    currency: Currency, source: (inout AccountCredit) -> Void) throws {
        for old in holding.legacy { try delete(old) }
        var next = holding.record?.record
            ?? AccountCredit(id: AccountCredit.recordID(of: accountID), accountID: accountID, amount: Money(0, currency),
                             paymentID: holding.legacy.last?.record.paymentID,
                             invoiceID: holding.legacy.last?.record.invoiceID ?? "", createdAt: now,
                             creditNoteID: holding.legacy.last?.record.creditNoteID)
        next.amount = Money(balance, currency)
        next.updatedAt = now
        source(&next)
        if balance > 0 {
            try save(next, over: holding.record)
        } else if let existing = holding.record {
            try delete(existing)
        }
    }
}
