import Foundation

// Cancellation at the end of the term and its undo (R-LIFE-3).
extension MembershipService {
    /// Cancels the account's current term at its end (R-LIFE-3): the membership stays usable until
    /// ``MembershipTerm/end``, does not renew, and nothing is refunded for the current term. Only a
    /// superuser of the account. `reason` is from the fixed list; `note` is free text (at most 500
    /// characters are kept).
    ///
    /// When the renewal invoice exists already, it is voided (it keeps its number; `invoice.voided`
    /// audit) and the renewal term ended — **unless its card charge has been claimed or the renewal is
    /// paid**: then the cancellation is refused with ``MembershipError/Reason/renewalAlreadyCharged``
    /// and nothing changes. The decision reads the invoice and the next charge attempt by its ID
    /// through the unit of work, so of a cancellation and a charge at once exactly one wins: a
    /// cancellation committed before the claim voids the renewal and nothing is charged; one after it
    /// is refused (R-UOW-1).
    ///
    /// - Throws: ``MembershipError`` — ``MembershipError/Reason/noCurrentMembership`` without a term
    ///   running now, ``MembershipError/Reason/alreadyCancelled``,
    ///   ``MembershipError/Reason/renewalAlreadyCharged``.
    @discardableResult
    public func cancelAtPeriodEnd(of accountID: BusinessAccount.ID, reason: CancellationReason, note: String? = nil,
                                  as principal: Principal) async throws -> Membership {
        try await context.transact("membership.cancel", as: principal) { unit in
            try await unit.authorize(.superuserOf(accountID: accountID))
            return try await Self.cancelCurrentTerm(of: accountID, reason: reason, note: note, in: unit)
        }
    }

    /// The cancellation inside `unit` (authorised by the caller): ``cancelAtPeriodEnd(of:reason:note:as:)``,
    /// also used by the erasure of an account (R-GDPR-2).
    static func cancelCurrentTerm(of accountID: BusinessAccount.ID, reason: CancellationReason, note: String?,
                                  in unit: UnitOfWork) async throws -> Membership {
        let principal = unit.principal
        let all = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID))
        guard let found = Self.current(in: all.map(\.record), at: unit.now), found.term.isActive(at: unit.now),
              var current = all.first(where: { $0.record.id == found.id }) else {
            throw MembershipError(.noCurrentMembership)
        }
        guard current.record.cancellation == nil else { throw MembershipError(.alreadyCancelled, level: current.record.level) }
        var voided: Invoice.ID?
        if let renewalID = current.record.renewalID, var renewal = try await unit.fetch(Membership.self, id: renewalID),
           renewal.record.status != .ended {
            if let invoiceID = renewal.record.invoiceID, let invoice = try await unit.fetch(Invoice.self, id: invoiceID) {
                if try await Self.renewalIsCharged(invoice.record, in: unit) {
                    throw MembershipError(.renewalAlreadyCharged, level: current.record.level,
                                          facts: ["invoiceNumber": invoice.record.number])
                }
                if invoice.record.status.awaitsPayment {
                    try unit.voidInvoice(invoice, reason: "renewalCancelled")
                    voided = invoiceID
                }
            }
            renewal.record.status = .ended
            renewal.record.endedAt = unit.now
            try unit.update(renewal)
            current.record.renewalID = nil
        }
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        current.record.cancellation = MembershipCancellation(reason: reason, note: trimmed?.isEmpty == false ? trimmed : nil,
                                                             cancelledAt: unit.now, cancelledBy: principal)
        try unit.update(current)
        try unit.audit(current.record.id, "membership.cancelled", reason: reason.rawValue, details: [
            "note": current.record.cancellation?.note ?? "", "voided": voided?.rawValue ?? "",
            "until": current.record.term.end.ISO8601Format(),
        ])
        return current.record
    }

    /// Undoes the cancellation of the account's current term, until the term ends (R-LIFE-3). Only a
    /// superuser of the account. Inside the renewal window (the notice has gone out) the renewal is
    /// issued again at once, as the renewals job would: a new renewal term with a new number and a
    /// **new** invoice (a new invoice number), due on the expiry date — an undo on the expiry day is
    /// charged that day by the card-charge job. The level must still be open and, for a card, the
    /// accepted terms current (R-LIFE-4, R-LIFE-6); otherwise the term simply stops being cancelled.
    ///
    /// - Throws: ``MembershipError`` — ``MembershipError/Reason/noCurrentMembership``,
    ///   ``MembershipError/Reason/termEnded`` once the term has ended,
    ///   ``MembershipError/Reason/notCancelled``.
    @discardableResult
    public func undoCancellation(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> Membership {
        try await context.read("membership.undoCancel", as: principal) { unit in
            try await unit.authorize(.superuserOf(accountID: accountID))
        }
        let external = try await previousNumbers.previousNumbers(of: accountID)
        return try await context.transact("membership.undoCancel", as: principal) { unit in
            try await unit.authorize(.superuserOf(accountID: accountID))
            let all = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID))
            guard let found = Self.current(in: all.map(\.record), at: unit.now),
                  var current = all.first(where: { $0.record.id == found.id }) else {
                throw MembershipError(.noCurrentMembership)
            }
            guard unit.now < current.record.term.end else { throw MembershipError(.termEnded, level: current.record.level) }
            guard current.record.cancellation != nil else { throw MembershipError(.notCancelled, level: current.record.level) }
            current.record.cancellation = nil
            var reissued: Invoice?
            let issuer = RenewalIssuer(context: context)
            if current.record.renewalNoticeSentAt != nil, current.record.renewalID == nil,
               try await issuer.outcome(for: current.record, in: unit) == .renewing {
                reissued = try await issuer.issue(renewing: &current.record, external: external, in: unit).invoice
            }
            try unit.update(current)
            try unit.audit(current.record.id, "membership.cancellationUndone", details: ["invoice": reissued?.number ?? ""])
            return current.record
        }
    }

    /// Whether the renewal's invoice is paid, or its next card charge has been claimed (pending or
    /// succeeded): then it can no longer be cancelled for this term (R-LIFE-3). The attempt is read by
    /// its ID, so a claim committed after this read fails the unit's commit.
    static func renewalIsCharged(_ invoice: Invoice, in unit: UnitOfWork) async throws -> Bool {
        if invoice.status == .paid { return true }
        guard invoice.paymentMethod == .card else { return false }
        let attemptID = ChargeAttempt.id(invoiceID: invoice.id, attemptNumber: invoice.chargeDeclines + 1)
        guard let attempt = try await unit.fetch(ChargeAttempt.self, id: attemptID)?.record else { return false }
        return attempt.outcome != .declined
    }
}
