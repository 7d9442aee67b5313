import Foundation

// Credit notes (R-LIFE-5).
extension InvoicingService {
    /// Issues a credit note against the paid or part-paid invoice `invoiceID` (R-LIFE-5), by a reviewer
    /// (back office) or the system: `lines` (default: all the invoice's lines — a full credit) under
    /// the **invoice's** VAT assessment and notes, with `reason`.
    ///
    /// One unit of work writes the credit note with the next number of its own gap-free series
    /// (`CN-<invoice series>`, its ``InvoiceSeriesCounter`` updated with its version in the same batch —
    /// two issuers at once get consecutive numbers), the invoice's ``Invoice/creditedAmount`` (its
    /// version guards the total credited), the audit entry, and the application: the credit first
    /// reduces what is still due (an invoice with nothing left due becomes `paid`); only the part above
    /// it is added to the account's one ``AccountCredit`` record (``RefundService`` returns it).
    ///
    /// - Throws: ``BillingError`` — ``BillingError/Reason/unknownInvoice``,
    ///   ``BillingError/Reason/voidInstead`` for an open invoice with nothing paid,
    ///   ``BillingError/Reason/illegalInvoiceTransition`` for a void or draft one,
    ///   ``BillingError/Reason/creditExceedsInvoice``, ``BillingError/Reason/missingVoidReason`` for an
    ///   empty reason, ``BillingError/Reason/invalidInvoiceLine``. Nothing changes.
    @discardableResult
    public func issueCreditNote(for invoiceID: Invoice.ID, lines: [InvoiceLine]? = nil, reason: String,
                                as principal: Principal) async throws -> CreditNote {
        try await context.read("invoicing.creditNote", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
        }
        let text = String(reason.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard !text.isEmpty else { throw BillingError(.missingVoidReason) }
        let creditNoteID: CreditNote.ID = context.ids.next("credit-note")
        return try await context.transact("invoicing.creditNote", as: principal) { unit in
            guard var invoice = try await unit.fetch(Invoice.self, id: invoiceID) else { throw BillingError(.unknownInvoice) }
            let record = invoice.record
            guard record.status != .void, record.status != .draft else {
                throw BillingError(.illegalInvoiceTransition, facts: ["from": record.status.rawValue, "to": "credited"])
            }
            guard record.status == .paid || record.amountPaid.amount > 0 else {
                throw BillingError(.voidInstead, facts: ["number": record.number])
            }
            let currency = record.total.currency
            let amounts = try InvoiceAmounts(lines: lines ?? record.amounts.lines, currency: currency,
                                             assessment: record.amounts.assessment)
            let creditedBefore = record.creditedAmount?.amount ?? 0
            let left = record.total.amount - creditedBefore
            guard amounts.total.amount > 0, amounts.total.amount <= left else {
                throw BillingError(.creditExceedsInvoice, facts: ["number": record.number,
                                                                  "left": Money(left, currency).description])
            }
            // Its own gap-free series, the counter in this batch (R-LIFE-5, like R-BIL-2).
            let billing = BillingSupport(context: context).billing
            let year = unit.today.year
            let series = "CN-" + billing.invoiceNumberFormat.seriesKey(year: year)
            let counter = try await unit.fetch(InvoiceSeriesCounter.self, id: series)
            let sequence = (counter?.record.lastSequence ?? 0) + 1
            let number = "CN-" + (try billing.invoiceNumberFormat.number(year: year, sequence: sequence))
            var next = counter?.record ?? InvoiceSeriesCounter(series: series, year: year)
            next.lastSequence = sequence
            try unit.save(next, over: counter)
            // First what is still due, then account credit.
            let due = record.amountDue.amount
            let applied = min(due, amounts.total.amount)
            let excess = amounts.total.amount - applied
            invoice.record.creditedAmount = Money(creditedBefore + amounts.total.amount, currency)
            if invoice.record.status.awaitsPayment, invoice.record.amountDue.isZero {
                invoice.record.status = try invoice.record.status.transition(to: .paid)
                invoice.record.paidAt = unit.now
                try await unit.reactivateMembership(of: invoice.record)
                try unit.audit(invoiceID, "invoice.paid", details: ["method": "creditNote", "creditNote": number])
            }
            try unit.update(invoice)
            let note = CreditNote(id: creditNoteID, number: number, series: series, invoice: record, amounts: amounts,
                                  reason: text, appliedToDue: Money(applied, currency), credited: Money(excess, currency),
                                  issuedAt: unit.now, issuedBy: principal)
            try unit.insert(note)
            if excess > 0 {
                try await unit.addAccountCredit(Money(excess, currency), to: record.accountID, invoiceID: invoiceID,
                                                creditNoteID: creditNoteID)
            }
            try unit.audit(creditNoteID, "creditNote.issued", reason: text, details: [
                "number": number, "invoice": record.number, "total": amounts.total.description,
                "appliedToDue": Money(applied, currency).description, "credited": Money(excess, currency).description,
            ])
            return note
        }
    }

    /// The credit notes of the account, oldest first (R-LIFE-5). Any active user of the account.
    public func creditNotes(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [CreditNote] {
        try await context.read("invoicing.creditNotes", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(CreditNote.self, indexKey: CreditNote.byAccount(accountID)).map(\.record)
        }
    }
}
