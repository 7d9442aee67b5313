import Foundation

// Chargebacks reopening a paid card invoice (R-LIFE-5).
extension InvoicingService {
    /// Records the chargeback `chargebackID` of `amount` on the paid card invoice `invoiceID`, as the
    /// payment gateway reported it (R-LIFE-5), by the system (the host's gateway hook) or a reviewer.
    ///
    /// One unit of work: the invoice (its version guards the change) and its succeeded
    /// ``ChargeAttempt`` and credit notes (what the card captured less what was refunded bounds the
    /// amount) are read; the invoice's paid amount is reduced by `amount`, it is **open again**
    /// (``InvoiceStatus/reopenedByChargeback()``, the one way out of `paid`), ``Invoice/chargeback`` is
    /// set, its card charges count as used up (the disputed card is never charged again
    /// automatically), and the audit entry `invoice.chargedBack` is written. From then on it follows the
    /// overdue path of ``PaymentFollowUpService`` — a reminder, and suspension of the membership once
    /// the grace period after its due day has passed — until it is paid by bank transfer with its RF
    /// reference (which reactivates the membership). Reporting the same `chargebackID` again returns
    /// the invoice unchanged (safe twice and at once).
    ///
    /// - Throws: ``BillingError`` — ``BillingError/Reason/unknownInvoice``,
    ///   ``BillingError/Reason/chargebackNotPossible`` (not a paid card invoice, a second chargeback,
    ///   or more than captured and not refunded), ``BillingError/Reason/invalidAmount``. Nothing changes.
    @discardableResult
    public func recordChargeback(of invoiceID: Invoice.ID, chargebackID: String, amount: Money, reason: String,
                                 as principal: Principal) async throws -> Invoice {
        try await context.read("invoicing.chargeback", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
        }
        let key = String(chargebackID.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        guard !key.isEmpty, amount.amount > 0 else {
            throw BillingError(.invalidAmount, facts: ["amount": amount.amount.description, "currency": amount.currency.code])
        }
        let text = String(reason.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        return try await context.transact("invoicing.chargeback", as: principal) { unit in
            guard var invoice = try await unit.fetch(Invoice.self, id: invoiceID) else { throw BillingError(.unknownInvoice) }
            let record = invoice.record
            if let existing = record.chargeback {
                guard existing.chargebackID == key else { throw BillingError(.chargebackNotPossible, facts: ["number": record.number]) }
                return record // reported again: recorded already
            }
            guard record.status == .paid, record.paymentMethod == .card,
                  let charge = try await unit.fetchAll(ChargeAttempt.self, indexKey: ChargeAttempt.byInvoice(invoiceID))
                    .map(\.record).first(where: { $0.outcome == .succeeded }) else {
                throw BillingError(.chargebackNotPossible, facts: ["number": record.number])
            }
            let refunded = try await unit.fetchAll(CreditNote.self, indexKey: CreditNote.byInvoice(invoiceID)).compactMap(\.record.refund)
                .filter { $0.method == .card && $0.outcome != .refused }.reduce(Decimal(0)) { $0 + $1.amount.amount }
            guard amount.currency == charge.amount.currency, amount.amount <= charge.amount.amount - refunded,
                  amount.amount <= record.amountPaid.amount else {
                throw BillingError(.chargebackNotPossible, facts: ["number": record.number])
            }
            invoice.record.status = try record.status.reopenedByChargeback()
            invoice.record.amountPaid = Money(record.amountPaid.amount - amount.amount, amount.currency)
            invoice.record.paidAt = nil
            invoice.record.chargeDeclines = max(record.chargeDeclines, record.schedule(policy: BillingSupport(context: context).billing).chargeDays.count)
            invoice.record.chargeback = InvoiceChargeback(chargebackID: key, amount: amount, reason: text, recordedAt: unit.now,
                                                          recordedBy: principal)
            try unit.update(invoice)
            try unit.audit(invoiceID, "invoice.chargedBack", reason: text.isEmpty ? nil : text, details: [
                "number": record.number, "chargeback": key, "amount": amount.description,
                "due": invoice.record.amountDue.description,
            ])
            return invoice.record
        }
    }
}
