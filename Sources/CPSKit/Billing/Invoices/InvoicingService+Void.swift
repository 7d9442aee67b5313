import Foundation

// Voiding an open invoice (R-LIFE-5, R-BIL-2).
extension InvoicingService {
    /// Voids the open (or uncollectible) invoice `invoiceID` with `reason` (R-LIFE-5, R-BIL-2): it
    /// moves to `void`, keeps its number (the series stays gap-free), and an `invoice.voided` audit
    /// entry records the reason. A reviewer (back office) or the system. The membership it was issued
    /// for is not changed. A card invoice whose charge has been claimed or made is refused
    /// (``BillingError/Reason/chargeInProgress``): the attempt is read by its ID, so a void and a
    /// charge at once never both succeed.
    ///
    /// - Throws: ``BillingError`` — ``BillingError/Reason/missingVoidReason`` for an empty reason,
    ///   ``BillingError/Reason/unknownInvoice``, ``BillingError/Reason/illegalInvoiceTransition`` for a
    ///   paid or void invoice, ``BillingError/Reason/chargeInProgress``. Nothing changes.
    @discardableResult
    public func voidInvoice(_ invoiceID: Invoice.ID, reason: String, as principal: Principal) async throws -> Invoice {
        try await context.read("invoicing.void", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
        }
        let text = String(reason.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard !text.isEmpty else { throw BillingError(.missingVoidReason) }
        return try await context.transact("invoicing.void", as: principal) { unit in
            guard let invoice = try await unit.fetch(Invoice.self, id: invoiceID) else { throw BillingError(.unknownInvoice) }
            guard invoice.record.status.canTransition(to: .void) else {
                throw BillingError(.illegalInvoiceTransition, facts: ["from": invoice.record.status.rawValue, "to": "void"])
            }
            if try await MembershipService.renewalIsCharged(invoice.record, in: unit) {
                throw BillingError(.chargeInProgress, facts: ["number": invoice.record.number])
            }
            try unit.voidInvoice(invoice, reason: text)
            var voided = invoice.record
            voided.status = .void
            voided.voidedAt = unit.now
            voided.voidReason = text
            return voided
        }
    }
}
