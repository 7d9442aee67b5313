import Foundation

/// The due-charges job for card invoices (R-BIL-3, R-UOW-1, R-UOW-2): no charge at purchase; on the
/// due day, and on the policy's retry days after declines, the card is charged through the context's
/// ``CPSContext/paymentGateway``.
///
/// Each invoice goes **claim → call → record**:
///
/// 1. **Claim** (a unit of work): the invoice is read (its version is checked at commit) and must be
///    open and due; attempt `declines + 1` is read by its ID — absent, it is inserted as a
///    ``ChargeAttempt`` with the key `cps-charge:<invoice>:<attempt>` and a lease; pending with an
///    expired lease (a run that died during its call, or whose call failed), the lease is taken over.
///    Two runs racing on the claim conflict: exactly one holds it; the other, run again, finds the
///    lease held or the invoice paid, and skips.
/// 2. **Call** the gateway, outside every unit, with the attempt's key. A retried unit never repeats
///    this call.
/// 3. **Record** (a unit of work): the attempt's outcome and the invoice paid or declined, with one
///    `invoice.paid` audit entry. A failed call (timeout, unavailable) leaves the attempt pending with
///    no lease, so the next run repeats it with the **same** key, which the gateway answers without
///    charging again.
///
/// So two runs at once, or a run twice, charge each due invoice once. Run it at least daily (hourly is
/// fine: it only acts on due days). Without a gateway the job is refused with
/// ``MembershipError/Reason/cardPaymentsUnavailable``.
public struct CardChargeService: Sendable {
    let context: CPSContext
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the job over the context's ``CPSContext/paymentGateway``.
    public init(_ context: CPSContext) { self.context = context }

    /// Charges every open card invoice whose charge day has come (R-BIL-3), at most one page
    /// (``CPSPolicy/jobs``). Only a ``Principal/system(_:)`` runs it.
    @discardableResult
    public func chargeDueInvoices(as principal: Principal) async throws -> ChargeRunReport {
        let today = try await context.read("cardCharges.run", as: principal) { unit in
            try await unit.authorize(.system)
            return unit.today
        }
        guard let gateway = context.paymentGateway else { throw MembershipError(.cardPaymentsUnavailable) }
        var report = ChargeRunReport()
        // Only invoices due by today can have a charge day today (retries come after the due day).
        let due = Invoice.awaitingPayment(by: .card, dueOnOrBefore: today)
        report.hasMore = try await JobPager(context: context).visit(Invoice.self, range: due) { stored in
            guard stored.record.status == .open else { return false }
            return try await charge(stored.record.id, through: gateway, as: principal, report: &report)
        }
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    // MARK: - Claim, call, record

    private enum Outcome: Sendable {
        case charged, declined, finallyDeclined
    }

    /// Whether the run acted on the invoice (claimed and called).
    private func charge(_ invoiceID: Invoice.ID, through gateway: any PaymentGateway, as principal: Principal,
                        report: inout ChargeRunReport) async throws -> Bool {
        guard let claimed = try await claim(invoiceID, as: principal) else { return false }
        let request = ChargeRequest(accountID: claimed.invoice.accountID, amount: claimed.attempt.amount,
                                    reference: claimed.invoice.number, idempotencyKey: claimed.attempt.idempotencyKey)
        let answer: Result<ChargeResult, PaymentGatewayError>
        do {
            answer = .success(try await gateway.charge(request))
        } catch {
            answer = .failure(error)
        }
        context.events.emit(.outsideCall(job: name, call: "charge", subject: invoiceID.rawValue, answered: (try? answer.get()) != nil))
        switch answer {
        case .failure(let error):
            try await recordFailure(error, of: claimed.attempt.id, as: principal)
            report.pending.append(invoiceID)
        case .success(let result):
            switch try await record(result, of: claimed.attempt.id, invoiceID: invoiceID, as: principal) {
            case .charged?: report.charged.append(invoiceID)
            case .declined?: report.declined.append(invoiceID)
            case .finallyDeclined?: report.finallyDeclined.append(invoiceID)
            case nil: break
            }
        }
        return true
    }

    /// The claim unit: the attempt to call the gateway with, or `nil` when the invoice is not due, is
    /// paid, or another run holds the claim.
    private func claim(_ invoiceID: Invoice.ID, as principal: Principal) async throws -> (invoice: Invoice, attempt: ChargeAttempt)? {
        try await context.transact("cardCharges.claim", as: principal) { unit in
            guard let invoice = try await unit.fetch(Invoice.self, id: invoiceID)?.record, invoice.status == .open else {
                return nil
            }
            let lease = unit.now.addingTimeInterval(TimeInterval(context.policy.jobs.claimLeaseSeconds))
            let number = invoice.chargeDeclines + 1
            if var attempt = try await unit.fetch(ChargeAttempt.self, id: ChargeAttempt.id(invoiceID: invoiceID, attemptNumber: number)) {
                guard attempt.record.outcome == .pending else { return nil }
                if let held = attempt.record.leaseUntil, unit.now < held { return nil } // another run is calling
                attempt.record.leaseUntil = lease // repeat the unanswered attempt with its own key
                try unit.update(attempt)
                return (invoice, attempt.record)
            }
            guard let day = invoice.schedule(policy: support.billing).nextChargeDay(afterDeclines: invoice.chargeDeclines),
                  unit.today >= day else { return nil }
            var fresh = ChargeAttempt(invoiceID: invoiceID, attemptNumber: number, amount: invoice.amountDue, startedAt: unit.now)
            fresh.leaseUntil = lease
            try unit.insert(fresh)
            try unit.audit(invoiceID, "charge.started", details: ["attempt": String(number), "key": fresh.idempotencyKey])
            return (invoice, fresh)
        }
    }

    /// The record unit after a failed call: the attempt stays pending, its lease released.
    private func recordFailure(_ error: PaymentGatewayError, of attemptID: String, as principal: Principal) async throws {
        try await context.transact("cardCharges.recordFailure", as: principal) { unit in
            guard var attempt = try await unit.fetch(ChargeAttempt.self, id: attemptID), attempt.record.outcome == .pending else {
                return
            }
            attempt.record.calls += 1
            attempt.record.detail = error.code
            attempt.record.leaseUntil = nil
            try unit.update(attempt)
        }
    }

    /// The record unit: the gateway's final answer on the attempt, and the invoice paid or declined
    /// (R-BIL-3). `nil` when the answer was recorded already.
    private func record(_ result: ChargeResult, of attemptID: String, invoiceID: Invoice.ID,
                        as principal: Principal) async throws -> Outcome? {
        try await context.transact("cardCharges.record", as: principal) { unit in
            guard var attempt = try await unit.fetch(ChargeAttempt.self, id: attemptID),
                  attempt.record.outcome == .pending,
                  var invoice = try await unit.fetch(Invoice.self, id: invoiceID) else { return nil }
            let outcome: Outcome
            attempt.record.calls += 1
            attempt.record.finishedAt = unit.now
            attempt.record.leaseUntil = nil
            switch result {
            case .succeeded(let transactionID):
                attempt.record.outcome = .succeeded
                attempt.record.transactionID = transactionID
                if invoice.record.status.awaitsPayment {
                    invoice.record.status = try invoice.record.status.transition(to: .paid)
                    // What the attempt charged (the amount due at the claim: less any prepaid credit, R-LIFE-5).
                    let paid = invoice.record.amountPaid
                    invoice.record.amountPaid = Money(paid.amount + attempt.record.amount.amount, paid.currency)
                    invoice.record.paidAt = unit.now
                    try await unit.reactivateMembership(of: invoice.record)
                }
                try unit.audit(invoiceID, "invoice.paid", details: ["method": "card", "transaction": transactionID])
                outcome = .charged
            case .declined(let reason):
                attempt.record.outcome = .declined
                attempt.record.detail = reason
                invoice.record.chargeDeclines += 1
                let schedule = invoice.record.schedule(policy: support.billing)
                let next = schedule.nextChargeDay(afterDeclines: invoice.record.chargeDeclines)
                try unit.audit(invoiceID, "charge.declined",
                               details: ["attempt": String(attempt.record.attemptNumber), "reason": reason])
                if next == nil {
                    invoice.record.overdueNoticeSent = true
                    let formatter = DayFormatter(catalog: context.catalog)
                    let suspensionDay = schedule.suspensionDay
                    try await unit.mailInvoice("cardChargeFailed", invoice.record) { language in
                        ["suspensionDate": formatter.long(suspensionDay, in: language), "reason": reason]
                    }
                    outcome = .finallyDeclined
                } else {
                    outcome = .declined
                }
            }
            try unit.update(attempt)
            try unit.update(invoice)
            return outcome
        }
    }
}

// MARK: - CPSJob

extension CardChargeService: CPSJob {
    /// `cardCharges`.
    public var name: String { "cardCharges" }

    /// ``chargeDueInvoices(as:)`` (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> ChargeRunReport {
        try await chargeDueInvoices(as: principal)
    }

    /// The start of the earliest charge day of an open card invoice (in the policy's time zone), or
    /// `nil` when none is open (R-BIL-3).
    public func nextDue(after instant: Date) async throws -> Date? {
        let billing = support.billing
        let timeZone = context.policy.timeZone
        // Every charge day of an invoice is on or after its due day.
        return try await JobPager(context: context).earliest(Invoice.self, range: Invoice.awaitingPaymentByDueDay(by: .card),
                                                             notBefore: { $0.due.dueDay.start(in: timeZone) }) { stored in
            guard stored.record.status == .open,
                  let day = stored.record.schedule(policy: billing).nextChargeDay(afterDeclines: stored.record.chargeDeclines) else {
                return nil
            }
            let start = day.start(in: timeZone)
            let attemptID = ChargeAttempt.id(invoiceID: stored.record.id, attemptNumber: stored.record.chargeDeclines + 1)
            if start <= instant, let attempt = try await context.store.fetch(ChargeAttempt.self, id: attemptID),
               let held = attempt.record.leaseUntil, held > instant {
                return held // another run holds the claim until then
            }
            return start
        }
    }
}
