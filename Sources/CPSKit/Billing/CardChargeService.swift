import Foundation

/// The due-charges job for card invoices (R-BIL-3): no charge at purchase; on the due day, and on the
/// policy's retry days after declines, the card is charged through the ``PaymentGateway``.
///
/// Idempotency: each attempt is a ``ChargeAttempt`` record **written before** the gateway is called,
/// with the key `cps-charge:<invoice>:<attempt>`; the result is written after. A job run twice finds
/// the invoice paid (or the attempt already recorded) and does nothing; a run after a timeout or a
/// crash repeats the pending attempt with the **same** key, which the gateway answers without
/// charging again. Two runs at once race on inserting the attempt record: one wins, the other skips.
///
/// Run it at least daily (hourly is fine: it only acts on due days).
public struct CardChargeService: Sendable {
    let context: CPSContext
    let gateway: any PaymentGateway
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the job over `gateway`.
    public init(_ context: CPSContext, gateway: any PaymentGateway) {
        self.context = context
        self.gateway = gateway
    }

    /// Charges every open card invoice whose charge day has come (R-BIL-3). Only a
    /// ``Principal/system(_:)`` runs it.
    @discardableResult
    public func chargeDueInvoices(as principal: Principal) async throws -> ChargeRunReport {
        try support.requireSystem(principal)
        var report = ChargeRunReport()
        let invoices = try await context.store.fetchAll(Invoice.self, indexKey: Invoice.awaitingIndex(.card))
        for stored in invoices where stored.record.status == .open {
            try await charge(stored.record.id, as: principal, report: &report)
        }
        return report
    }

    // MARK: - Internals

    private enum Outcome: Sendable {
        case charged, declined, finallyDeclined
    }

    private func charge(_ invoiceID: String, as principal: Principal, report: inout ChargeRunReport) async throws {
        let now = context.time.now()
        let today = support.today(now)
        guard let invoice = try await context.store.fetch(Invoice.self, id: invoiceID)?.record,
              invoice.status == .open else { return }
        let attempts = try await context.store.fetchAll(ChargeAttempt.self, indexKey: "invoice:\(invoiceID)")
        var attempt: Stored<ChargeAttempt>
        if let open = attempts.first(where: { $0.record.outcome == .pending }) {
            attempt = open // repeat the unanswered attempt with its own key
        } else {
            let declines = attempts.filter { $0.record.outcome == .declined }.count
            guard let day = invoice.schedule(policy: support.billing).nextChargeDay(afterDeclines: declines),
                  today >= day else { return }
            var batch = WriteBatch()
            let fresh = ChargeAttempt(invoiceID: invoiceID, attemptNumber: attempts.count + 1, amount: invoice.amountDue,
                                      startedAt: now)
            try batch.insert(fresh)
            try batch.insert(support.audit(invoiceID, "charge.started", principal, now,
                                           details: ["attempt": String(fresh.attemptNumber), "key": fresh.idempotencyKey]))
            guard try await commitUnlessRaced(batch) else {
                report.skipped.append(invoiceID)
                return
            }
            attempt = Stored(record: fresh, version: 1)
        }
        // The attempt is on record: now, and only now, call the gateway.
        let request = ChargeRequest(accountID: invoice.accountID, amount: attempt.record.amount, reference: invoice.number,
                                    idempotencyKey: attempt.record.idempotencyKey)
        let answer: Result<ChargeResult, PaymentGatewayError> = await Self.call(gateway, request)
        switch answer {
        case .failure(let error):
            attempt.record.calls += 1
            attempt.record.detail = error.code
            var batch = WriteBatch()
            try batch.update(attempt)
            _ = try await commitUnlessRaced(batch) // lost to another run: it recorded more; fine
            report.pending.append(invoiceID)
        case .success(let result):
            let attemptID = attempt.record.id
            let outcome = try await support.retryingConflicts {
                try await record(result, of: attemptID, invoiceID: invoiceID, as: principal)
            }
            switch outcome {
            case .charged?: report.charged.append(invoiceID)
            case .declined?: report.declined.append(invoiceID)
            case .finallyDeclined?: report.finallyDeclined.append(invoiceID)
            case nil: break
            }
        }
    }

    private static func call(_ gateway: any PaymentGateway, _ request: ChargeRequest) async
        -> Result<ChargeResult, PaymentGatewayError> {
        do {
            return .success(try await gateway.charge(request))
        } catch {
            return .failure(error)
        }
    }

    /// Commits `batch`; `false` when a concurrent run changed or created the same records first.
    private func commitUnlessRaced(_ batch: WriteBatch) async throws -> Bool {
        do {
            try await context.store.commit(batch)
            return true
        } catch {
            if error.reason == .conflict || error.reason == .uniqueKeyTaken { return false }
            throw error
        }
    }

    /// Records the gateway's final answer: the attempt, and the invoice paid or declined (R-BIL-3).
    private func record(_ result: ChargeResult, of attemptID: String, invoiceID: String,
                        as principal: Principal) async throws -> Outcome? {
        let now = context.time.now()
        guard var attempt = try await context.store.fetch(ChargeAttempt.self, id: attemptID),
              attempt.record.outcome == .pending,
              var invoice = try await context.store.fetch(Invoice.self, id: invoiceID) else { return nil }
        var batch = WriteBatch()
        let outcome: Outcome
        attempt.record.calls += 1
        attempt.record.finishedAt = now
        switch result {
        case .succeeded(let transactionID):
            attempt.record.outcome = .succeeded
            attempt.record.transactionID = transactionID
            if invoice.record.status.awaitsPayment {
                invoice.record.status = try invoice.record.status.transition(to: .paid)
                invoice.record.amountPaid = invoice.record.total
                invoice.record.paidAt = now
                try await support.reactivateMembership(of: invoice.record, principal: principal, at: now, into: &batch)
            }
            try batch.insert(support.audit(invoiceID, "invoice.paid", principal, now,
                                           details: ["method": "card", "transaction": transactionID]))
            outcome = .charged
        case .declined(let reason):
            attempt.record.outcome = .declined
            attempt.record.detail = reason
            invoice.record.chargeDeclines += 1
            let schedule = invoice.record.schedule(policy: support.billing)
            let next = schedule.nextChargeDay(afterDeclines: invoice.record.chargeDeclines)
            try batch.insert(support.audit(invoiceID, "charge.declined", principal, now,
                                           details: ["attempt": String(attempt.record.attemptNumber), "reason": reason]))
            if next == nil {
                invoice.record.overdueNoticeSent = true
                let formatter = DayFormatter(catalog: context.catalog)
                let suspensionDay = schedule.suspensionDay
                if let mail = try await support.invoiceMail("cardChargeFailed", invoice.record, at: now, extra: { language in
                    ["suspensionDate": formatter.long(suspensionDay, in: language), "reason": reason]
                }) {
                    try batch.insert(mail)
                }
                outcome = .finallyDeclined
            } else {
                outcome = .declined
            }
        }
        try batch.update(attempt)
        try batch.update(invoice)
        try await context.store.commit(batch)
        return outcome
    }
}
