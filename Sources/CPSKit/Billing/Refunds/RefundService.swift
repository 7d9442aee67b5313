import Foundation

/// Refunds of a credit note's credited part (R-LIFE-5): onto the card through the context's
/// ``CPSContext/paymentGateway``, or recorded as a bank transfer a person made.
///
/// A **service operation**, not a job: a refund is asked for one credit note by a person (or the
/// system right after issuing it), not found by scanning; it still goes **claim → call → record**:
///
/// 1. **Claim** (a unit of work): the credit note (its version guards the claim), the invoice's
///    succeeded ``ChargeAttempt`` (the transaction refunded) and the invoice's other credit notes (their
///    versions guard the total refunded ≤ captured) are read. The amount is the credited part, but
///    **at most what the card captured and is not yet refunded**: when account credit prepaid part of
///    the invoice (``Invoice/prepaidAmount``), that part stays account credit. The refund is written
///    on the credit note as `pending` with a lease and the key `cps-refund:<credit note number>:<n>`,
///    and the amount is taken from the account's one ``AccountCredit`` record in the same batch (the
///    money goes back once: as a refund or as credit; a credit already used is refused).
/// 2. **Call** the gateway, outside every unit, with that key.
/// 3. **Record** (a unit of work): `refunded` with the gateway's refund ID, or `refused` (the
///    amount is account credit again, ``BillingError/Reason/refundRefused`` is thrown, and a new
///    request makes attempt n + 1 with its own key). A failed call (timeout, unavailable) leaves the
///    refund pending with no lease: asking again repeats the call with the **same** key, and the
///    gateway refunds once.
public struct RefundService: Sendable {
    let context: CPSContext

    /// Creates the service over the context's ``CPSContext/paymentGateway``.
    public init(_ context: CPSContext) { self.context = context }

    /// Refunds the credited part of credit note `creditNoteID` onto the card of its invoice's charge
    /// (R-LIFE-5), by a reviewer or the system — at most the part the card captured: what account
    /// credit prepaid stays account credit. Returns the refund as it stands: `refunded`, or `pending`
    /// after a gateway failure (ask again: the same key, one refund). Asked again after `refunded`, it
    /// returns that answer without calling the gateway; after a refusal it makes the next attempt.
    ///
    /// - Throws: ``BillingError`` — ``BillingError/Reason/refundRefused`` when the gateway refuses
    ///   (recorded: nothing refunded, the amount is account credit again, ask again to retry);
    ///   before anything changes: ``BillingError/Reason/unknownCreditNote``,
    ///   ``BillingError/Reason/nothingToRefund`` (nothing credited),
    ///   ``BillingError/Reason/notPaidByCard`` (record a bank refund instead),
    ///   ``BillingError/Reason/paidWithAccountCredit`` (nothing captured: the credit stays),
    ///   ``BillingError/Reason/refundExceedsCaptured`` (the card part is refunded already),
    ///   ``BillingError/Reason/creditAlreadyUsed``, ``BillingError/Reason/refundInProgress`` (a bank
    ///   refund is recorded, or another request holds the call); ``MembershipError/Reason/cardPaymentsUnavailable``
    ///   without a gateway.
    @discardableResult
    public func refund(_ creditNoteID: CreditNote.ID, as principal: Principal) async throws -> CreditNoteRefund {
        try await context.read("refunds.card", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
        }
        guard let gateway = context.paymentGateway else { throw MembershipError(.cardPaymentsUnavailable) }
        let claimed = try await claim(creditNoteID, as: principal)
        guard let request = claimed.request else { return claimed.refund }
        let answer: Result<RefundResult, PaymentGatewayError>
        do {
            answer = .success(try await gateway.refund(request))
        } catch {
            answer = .failure(error)
        }
        context.events.emit(.outsideCall(job: "refunds", call: "refund", subject: creditNoteID.rawValue,
                                         answered: (try? answer.get()) != nil))
        let refund = try await record(answer, of: creditNoteID, as: principal)
        if refund.outcome == .refused {
            throw BillingError(.refundRefused, facts: ["number": request.reference, "amount": refund.amount.description])
        }
        return refund
    }

    /// Records that a person paid the credited part of credit note `creditNoteID` back by bank transfer
    /// with `reference` (R-LIFE-5), by a reviewer or the system: nothing is called; the account credit
    /// of the credit note is removed in the same batch.
    ///
    /// - Throws: ``BillingError`` — ``BillingError/Reason/unknownCreditNote``,
    ///   ``BillingError/Reason/nothingToRefund``, ``BillingError/Reason/refundInProgress`` (refunded or
    ///   being refunded already), ``BillingError/Reason/creditAlreadyUsed``,
    ///   ``BillingError/Reason/missingBankRefundReference``. Nothing changes.
    @discardableResult
    public func recordBankRefund(_ creditNoteID: CreditNote.ID, reference: String,
                                 as principal: Principal) async throws -> CreditNoteRefund {
        try await context.read("refunds.bank", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
        }
        let text = String(reference.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        guard !text.isEmpty else { throw BillingError(.missingBankRefundReference) }
        return try await context.transact("refunds.bank", as: principal) { unit in
            guard var note = try await unit.fetch(CreditNote.self, id: creditNoteID) else { throw BillingError(.unknownCreditNote) }
            guard note.record.credited.amount > 0 else { throw BillingError(.nothingToRefund, facts: ["number": note.record.number]) }
            if let existing = note.record.refund, existing.outcome != .refused {
                throw BillingError(.refundInProgress, facts: ["number": note.record.number])
            }
            try await takeCredit(note.record.credited, of: note.record, in: unit)
            let refund = CreditNoteRefund.bank(amount: note.record.credited, reference: text, at: unit.now, by: principal)
            note.record.refund = refund
            try unit.update(note)
            try unit.audit(creditNoteID, "refund.recorded", details: [
                "method": "bankTransfer", "amount": refund.amount.description, "reference": text,
            ])
            return refund
        }
    }

    // MARK: - Claim, call, record

    /// The claim unit: the refund as it stands, and the request to send when this run calls the gateway.
    private func claim(_ creditNoteID: CreditNote.ID, as principal: Principal) async throws
        -> (refund: CreditNoteRefund, request: RefundRequest?) {
        try await context.transact("refunds.claim", as: principal) { unit in
            guard var note = try await unit.fetch(CreditNote.self, id: creditNoteID) else { throw BillingError(.unknownCreditNote) }
            let record = note.record
            let lease = unit.now.addingTimeInterval(TimeInterval(context.policy.jobs.claimLeaseSeconds))
            var attempt = 1
            if var existing = record.refund {
                guard existing.method == .card else { throw BillingError(.refundInProgress, facts: ["number": record.number]) }
                switch existing.outcome {
                case .refunded, .recorded:
                    return (existing, nil) // answered: the same answer
                case .refused:
                    attempt = existing.attemptNumber + 1 // a new request after a refusal: the next attempt, its own key
                case .pending:
                    if let held = existing.leaseUntil, unit.now < held {
                        throw BillingError(.refundInProgress, facts: ["number": record.number])
                    }
                    existing.leaseUntil = lease // repeat the unanswered call with its own key
                    note.record.refund = existing
                    try unit.update(note)
                    return (existing, request(for: record, refund: existing))
                }
            }
            guard record.credited.amount > 0 else { throw BillingError(.nothingToRefund, facts: ["number": record.number]) }
            let charge = try await unit.fetchAll(ChargeAttempt.self, indexKey: ChargeAttempt.byInvoice(record.invoiceID))
                .map(\.record).first { $0.outcome == .succeeded }
            guard let charge, let transactionID = charge.transactionID else {
                let invoice = try await unit.fetch(Invoice.self, id: record.invoiceID)?.record
                if let invoice, invoice.paymentMethod == .card, let prepaid = invoice.prepaidAmount, prepaid.amount > 0 {
                    throw BillingError(.paidWithAccountCredit, facts: ["number": record.invoiceNumber])
                }
                throw BillingError(.notPaidByCard, facts: ["number": record.invoiceNumber])
            }
            // The other credit notes of the invoice: their versions guard the total refunded ≤ captured.
            let siblings = try await unit.fetchAll(CreditNote.self, indexKey: CreditNote.byInvoice(record.invoiceID)).map(\.record)
            let refundedBefore = siblings.filter { $0.id != record.id }.compactMap(\.refund)
                .filter { $0.method == .card && $0.outcome != .refused }.reduce(Decimal(0)) { $0 + $1.amount.amount }
            // A chargeback took money back through the card's bank already: never refund it a second time.
            let chargedBack = try await unit.fetch(Invoice.self, id: record.invoiceID)?.record.chargeback?.amount.amount ?? 0
            let left = charge.amount.amount - refundedBefore - chargedBack
            guard left > 0 else {
                throw BillingError(.refundExceedsCaptured, facts: ["number": record.invoiceNumber,
                                                                   "left": Money(0, charge.amount.currency).description])
            }
            // Only the card part: what account credit prepaid stays account credit.
            let amount = Money(min(record.credited.amount, left), record.credited.currency)
            try await takeCredit(amount, of: record, in: unit)
            let refund = CreditNoteRefund.card(creditNoteNumber: record.number, transactionID: transactionID, amount: amount,
                                               attemptNumber: attempt, at: unit.now, leaseUntil: lease, by: principal)
            note.record.refund = refund
            try unit.update(note)
            try unit.audit(creditNoteID, "refund.started", details: ["amount": refund.amount.description,
                                                                     "key": refund.idempotencyKey ?? ""])
            return (refund, request(for: record, refund: refund))
        }
    }

    private func request(for note: CreditNote, refund: CreditNoteRefund) -> RefundRequest {
        RefundRequest(accountID: note.accountID, transactionID: refund.transactionID ?? "", amount: refund.amount,
                      reference: note.number, idempotencyKey: refund.idempotencyKey ?? "")
    }

    /// The record unit: the gateway's answer, or the failure (pending, lease released).
    private func record(_ answer: Result<RefundResult, PaymentGatewayError>, of creditNoteID: CreditNote.ID,
                        as principal: Principal) async throws -> CreditNoteRefund {
        try await context.transact("refunds.record", as: principal) { unit in
            guard var note = try await unit.fetch(CreditNote.self, id: creditNoteID), var refund = note.record.refund else {
                throw BillingError(.unknownCreditNote)
            }
            guard refund.outcome == .pending else { return refund } // recorded already
            refund.calls += 1
            refund.leaseUntil = nil
            switch answer {
            case .failure(let error):
                refund.detail = error.code
            case .success(.refunded(let refundID)):
                refund.outcome = .refunded
                refund.refundID = refundID
                refund.finishedAt = unit.now
                try unit.audit(creditNoteID, "refund.refunded", details: ["refund": refundID, "amount": refund.amount.description])
            case .success(.refused(let reason)):
                refund.outcome = .refused
                refund.detail = reason
                refund.finishedAt = unit.now
                // The money did not go back: it is account credit again.
                try await unit.addAccountCredit(refund.amount, to: note.record.accountID, invoiceID: note.record.invoiceID,
                                                creditNoteID: creditNoteID)
                try unit.audit(creditNoteID, "refund.refused", details: ["reason": reason])
            }
            note.record.refund = refund
            try unit.update(note)
            return refund
        }
    }

    /// Takes `amount` of `note`'s refund from the account's credit (in the caller's batch), or refuses
    /// when the account holds less: the credit was used on a later invoice or returned already.
    private func takeCredit(_ amount: Money, of note: CreditNote, in unit: UnitOfWork) async throws {
        let holding = try await unit.accountCredit(of: note.accountID, currency: amount.currency)
        guard holding.balance >= amount.amount else {
            // Read the credit note again before refusing: if another request claimed it meanwhile (and
            // so took the credit), this is a conflict — the unit runs again and sees that claim.
            _ = try await unit.fetch(CreditNote.self, id: note.id)
            throw BillingError(.creditAlreadyUsed, facts: ["number": note.number,
                                                           "left": Money(holding.balance, amount.currency).description])
        }
        try await unit.spendAccountCredit(upTo: amount, of: note.accountID)
    }
}
