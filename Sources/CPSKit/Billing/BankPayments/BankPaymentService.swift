import Foundation

/// Incoming bank transfers (R-BIL-4): each is matched to its invoice by the RF creditor reference in
/// its reference text, applied, and the rest handled.
///
/// - A reference that does not parse — a wrong check digit, a typo — or names no invoice is **not**
///   matched: the payment is kept as unmatched for a person (``unmatchedPayments(as:)``).
/// - A partial payment leaves the rest due; a payment covering the rest makes the invoice `paid`
///   and reactivates a suspended membership; anything beyond is kept as ``AccountCredit``. A payment
///   for a voided invoice (a bank renewal voided at expiry, R-LIFE-2) becomes account credit whole.
/// - A payment received **on** the due day is on time; from the next day the invoice was overdue
///   (``IncomingPayment/onTime``).
///
/// Called by the host's bank-statement import (``Principal/system(_:)``) or a back-office person
/// (``Principal/reviewer(_:)-enum.case``).
public struct BankPaymentService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// Records a received transfer of `amount` with the bank's `reference` text, received on
    /// `receivedOn` (a day in the policy's time zone), and matches it (R-BIL-4).
    ///
    /// - Throws: ``BillingError`` with ``BillingError/Reason/invalidAmount`` for an amount that is
    ///   not positive; nothing changes.
    @discardableResult
    public func recordIncomingPayment(amount: Money, reference: String, receivedOn: CalendarDay,
                                      as principal: Principal) async throws -> IncomingPayment {
        try await context.read("bankPayments.record", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
        }
        guard amount.amount > 0 else {
            throw BillingError(.invalidAmount, facts: ["amount": amount.amountText, "currency": amount.currency.code])
        }
        let text = String(reference.prefix(280))
        let paymentID: IncomingPayment.ID = context.ids.next("payment")
        return try await context.transact("bankPayments.record", as: principal) { unit in
            try await apply(paymentID: paymentID, amount: amount, reference: text, receivedOn: receivedOn, in: unit)
        }
    }

    /// The payments no invoice could be found for, oldest first, for a person to resolve (R-BIL-4).
    public func unmatchedPayments(as principal: Principal) async throws -> [IncomingPayment] {
        try await context.read("bankPayments.unmatched", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            return try await context.store.fetchAll(IncomingPayment.self, indexKey: IncomingPayment.unmatchedIndex).map(\.record)
        }
    }

    /// The RF creditor reference in a bank's free reference text, if one is there and its check digits
    /// hold (R-BIL-4): the whole text, or the longest run after an `RF` in electronic or printed form.
    public static func creditorReferences(in text: String) -> [RFCreditorReference] {
        if let whole = try? RFCreditorReference(parsing: text) { return [whole] }
        let upper = text.uppercased()
        var found: [RFCreditorReference] = []
        var start = upper.startIndex
        while let range = upper.range(of: "RF", range: start..<upper.endIndex) {
            let tail = upper[range.lowerBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
            var groups = tail.split(separator: " ")
            while !groups.isEmpty {
                if let reference = try? RFCreditorReference(parsing: groups.joined()) {
                    found.append(reference)
                    break
                }
                groups.removeLast()
            }
            start = range.upperBound
        }
        return found
    }

    // MARK: - Internals

    private func apply(paymentID: IncomingPayment.ID, amount: Money, reference: String, receivedOn: CalendarDay,
                       in unit: UnitOfWork) async throws -> IncomingPayment {
        let now = unit.now
        var payment = IncomingPayment(id: paymentID, amount: amount, referenceText: reference, receivedOn: receivedOn,
                                      recordedAt: now)
        var target: Stored<Invoice>?
        for candidate in Self.creditorReferences(in: reference) {
            if let invoice = try await unit.fetch(Invoice.self, holding: Invoice.referenceKey(candidate)) {
                target = invoice
                break
            }
        }
        // A voided invoice (a bank renewal voided at expiry, R-LIFE-2) still matches: nothing is applied and
        // the whole amount becomes account credit.
        if var invoice = target, invoice.record.total.currency == amount.currency, invoice.record.status != .draft {
            let due = invoice.record.amountDue
            let applied = invoice.record.status.awaitsPayment ? min(due.amount, amount.amount) : 0
            let excess = amount.amount - applied
            payment.status = .matched
            payment.invoiceID = invoice.record.id
            payment.appliedAmount = Money(applied, amount.currency)
            payment.creditAmount = Money(excess, amount.currency)
            payment.onTime = invoice.record.due.isOnTime(paidOn: receivedOn)
            if applied > 0 {
                invoice.record.amountPaid = Money(invoice.record.amountPaid.amount + applied, amount.currency)
                if invoice.record.amountDue.isZero {
                    invoice.record.status = try invoice.record.status.transition(to: .paid)
                    invoice.record.paidAt = now
                    try await unit.reactivateMembership(of: invoice.record)
                    try unit.audit(invoice.record.id, "invoice.paid", details: ["method": "bankTransfer", "payment": paymentID.rawValue])
                }
                try unit.update(invoice)
            }
            if excess > 0 {
                try await unit.addAccountCredit(payment.creditAmount, to: invoice.record.accountID,
                                                invoiceID: invoice.record.id, paymentID: paymentID)
            }
            try unit.audit(paymentID, "payment.matched", details: [
                "invoice": invoice.record.number, "applied": payment.appliedAmount.description,
                "credit": payment.creditAmount.description, "onTime": String(payment.onTime ?? false),
            ])
        } else {
            try unit.audit(paymentID, "payment.unmatched", details: ["reference": reference, "amount": amount.description])
        }
        try unit.insert(payment)
        return payment
    }
}
