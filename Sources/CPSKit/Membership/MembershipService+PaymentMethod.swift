import Foundation

// Changing the payment method before the renewal (R-LIFE-5, R-BIL-1).
extension MembershipService {
    /// Changes how the account's current term is **renewed** — card or bank transfer — by a superuser
    /// of the account (R-LIFE-5, R-BIL-1). The current term's own invoice is not changed (an issued
    /// invoice never is); the next renewal invoice is issued for the new method (for a card, charged on
    /// the expiry date; for a bank transfer, due by it).
    ///
    /// When the renewal invoice exists already (the notice went out), it is voided (`renewalMethodChanged`;
    /// it keeps its number) and the renewal issued again at once for the new method: a new renewal term
    /// with a new number and a new invoice due on the expiry date — **unless its card charge has been
    /// claimed or the renewal is paid**: then the change is refused with
    /// ``MembershipError/Reason/renewalAlreadyCharged`` and nothing changes (read by ID through the
    /// unit of work, so of a change and a charge at once exactly one wins, R-UOW-1). Asking for the
    /// method already set changes nothing (safe twice).
    ///
    /// - Throws: ``MembershipError`` — ``MembershipError/Reason/noCurrentMembership`` without a term
    ///   running now, ``MembershipError/Reason/renewalAlreadyCharged``,
    ///   ``MembershipError/Reason/cardPaymentsUnavailable`` for a card without a payment gateway.
    @discardableResult
    public func changePaymentMethod(of accountID: BusinessAccount.ID, to method: PaymentMethod,
                                    as principal: Principal) async throws -> Membership {
        try await context.read("membership.changePaymentMethod", as: principal) { unit in
            try await unit.authorize(.superuserOf(accountID: accountID))
        }
        if method == .card, context.paymentGateway == nil { throw MembershipError(.cardPaymentsUnavailable) }
        let external = try await previousNumbers.previousNumbers(of: accountID)
        return try await context.transact("membership.changePaymentMethod", as: principal) { unit in
            try await unit.authorize(.superuserOf(accountID: accountID))
            let all = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID))
            guard let found = Self.current(in: all.map(\.record), at: unit.now), unit.now < found.term.end,
                  var current = all.first(where: { $0.record.id == found.id }) else {
                throw MembershipError(.noCurrentMembership)
            }
            let from = current.record.paymentMethod
            guard from != method else { return current.record }
            var voided: Invoice?
            if let renewalID = current.record.renewalID, var renewal = try await unit.fetch(Membership.self, id: renewalID),
               renewal.record.status != .ended {
                if let invoiceID = renewal.record.invoiceID, let invoice = try await unit.fetch(Invoice.self, id: invoiceID) {
                    if try await Self.renewalIsCharged(invoice.record, in: unit) {
                        throw MembershipError(.renewalAlreadyCharged, level: current.record.level,
                                              facts: ["invoiceNumber": invoice.record.number])
                    }
                    if invoice.record.status.awaitsPayment {
                        try unit.voidInvoice(invoice, reason: "renewalMethodChanged")
                        voided = invoice.record
                    }
                }
                renewal.record.status = .ended
                renewal.record.endedAt = unit.now
                try unit.update(renewal)
                current.record.renewalID = nil
            }
            current.record.paymentMethod = method
            var reissued: Invoice?
            let issuer = RenewalIssuer(context: context)
            if current.record.renewalNoticeSentAt != nil, current.record.renewalID == nil,
               try await issuer.outcome(for: current.record, in: unit) == .renewing {
                reissued = try await issuer.issue(renewing: &current.record, external: external, in: unit).invoice
            }
            try unit.update(current)
            try unit.audit(current.record.id, "membership.paymentMethodChanged", details: [
                "from": from.rawValue, "to": method.rawValue, "voided": voided?.number ?? "", "invoice": reissued?.number ?? "",
            ])
            return current.record
        }
    }
}
