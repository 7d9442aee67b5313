import Foundation

/// The renewals job (R-LIFE-1, R-LIFE-2, R-LIFE-4, R-LIFE-6, R-UOW-2): the renewal notice and renewal
/// invoice ahead of each term's expiry, and the term's close at its end.
///
/// Each term in ``Membership/lifecycleOpenByEnd`` is one unit of work over its own version, so a run twice,
/// or two runs at once, send each notice once and issue each renewal once:
///
/// - **Notice** — on the first run on or after the expiry date − ``LifecyclePolicy/renewalNoticeDays``
///   (policy time zone), once per term, also when that run is late: the notice mail to the superusers
///   with the levels open then and their prices. For a term that will renew — not cancelled, its
///   level still open from the points now (R-LIFE-4), the terms the superuser accepted still current
///   for a card (R-LIFE-6), card renewal automatic in the policy — the renewal term (from the current
///   expiry, a new membership number, R-MEM-2) and its invoice, **due on the expiry date** (R-LIFE-1:
///   the one exception to R-BIL-2's 30 days). The card-charge job charges a card renewal that day.
/// - **End** — on the first run at or after the term's end: a renewal that is paid, or a card charge
///   scheduled or within its retries, carries on; otherwise the term expires (or ends cancelled),
///   and an unpaid bank renewal invoice — due by the expiry — is voided (it keeps its number) and its
///   renewal term ended. A payment arriving later becomes account credit (R-LIFE-2).
///
/// Run it daily (hourly is fine). Only a ``Principal/system(_:)`` runs it.
public struct RenewalService: Sendable {
    let context: CPSContext
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the job.
    public init(_ context: CPSContext) { self.context = context }

    /// One page of renewal notices, renewal invoices and term ends that are due (R-LIFE-1, R-LIFE-2).
    @discardableResult
    public func run(as principal: Principal) async throws -> RenewalRunReport {
        let now = try await context.read("renewals.run", as: principal) { unit in
            try await unit.authorize(.system)
            return unit.now
        }
        var report = RenewalRunReport()
        // Only terms ending within the notice period (and a day either side of the time zone) can be due.
        let due = Membership.lifecycleOpen(endingBefore: now.addingTimeInterval(noticeHorizon))
        report.hasMore = try await JobPager(context: context).visit(Membership.self, range: due) { stored in
            guard isDue(stored.record, at: context.time.now()) else { return false }
            let external = try await MigratedMembershipNumbers(store: context.store).previousNumbers(of: stored.record.accountID)
            let action = try await context.transact("renewals.membership", as: principal) { unit in
                try await act(on: stored.record.id, external: external, in: unit)
            }
            switch action {
            case nil:
                return false
            case .noticed(let outcome, let invoice)?:
                report.noticed.append(stored.record.id)
                if let invoice { report.renewalInvoices.append(invoice) }
                if outcome != .renewing { report.notRenewed[stored.record.id] = outcome }
            case .closed(let renewed, let voided)?:
                if renewed { report.renewed.append(stored.record.id) } else { report.expired.append(stored.record.id) }
                if let voided { report.voided.append(voided) }
            }
            return true
        }
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    // MARK: - Deciding

    private enum Action: Sendable {
        case noticed(RenewalOutcome, Invoice.ID?)
        case closed(renewed: Bool, voided: Invoice.ID?)
    }

    /// The instant the job next acts on `membership`: its notice day's start (policy time zone) while
    /// the notice is unsent, then its end (R-LIFE-1, R-LIFE-2).
    /// How long before its end a term can be due: the notice period and two days for the time zone
    /// and the term's time of day (R-LIFE-1).
    private var noticeHorizon: TimeInterval {
        TimeInterval(max(0, min(context.policy.lifecycle.renewalNoticeDays, 3_650)) + 2) * 86_400
    }

    func dueAt(_ membership: Membership) -> Date {
        if membership.renewalNoticeSentAt == nil {
            let day = membership.term.renewalNoticeDay(noticeDays: context.policy.lifecycle.renewalNoticeDays,
                                                       in: context.policy.timeZone)
            return min(day.start(in: context.policy.timeZone), membership.term.end)
        }
        return membership.term.end
    }

    private func isDue(_ membership: Membership, at instant: Date) -> Bool {
        membership.status != .ended && membership.lifecycleClosedAt == nil && dueAt(membership) <= instant
    }

    private func act(on membershipID: Membership.ID, external: [String], in unit: UnitOfWork) async throws -> Action? {
        guard var current = try await unit.fetch(Membership.self, id: membershipID),
              isDue(current.record, at: unit.now) else { return nil }
        if unit.now >= current.record.term.end { return try await close(&current, in: unit) }
        // R-LIFE-1: the notice, once per term (the term's version guards "once").
        let outcome = try await RenewalIssuer(context: context).outcome(for: current.record, in: unit)
        var issued: (membership: Membership, invoice: Invoice)?
        if outcome == .renewing {
            issued = try await RenewalIssuer(context: context).issue(renewing: &current.record, external: external, in: unit)
        }
        current.record.renewalNoticeSentAt = unit.now
        try unit.update(current)
        try await RenewalIssuer(context: context).mailNotice(current.record, outcome: outcome, invoice: issued?.invoice, in: unit)
        try unit.audit(current.record.id, "membership.renewalNotice", details: [
            "outcome": outcome.rawValue, "renewal": issued?.membership.id.rawValue ?? "",
            "invoice": issued?.invoice.number ?? "",
        ])
        return .noticed(outcome, issued?.invoice.id)
    }

    /// The term's end (R-LIFE-2): renewed, or expired with an unpaid bank renewal voided.
    private func close(_ current: inout Stored<Membership>, in unit: UnitOfWork) async throws -> Action {
        current.record.lifecycleClosedAt = unit.now
        var voided: Invoice.ID?
        var renewed = false
        if let renewalID = current.record.renewalID, var renewal = try await unit.fetch(Membership.self, id: renewalID),
           renewal.record.status != .ended, let invoiceID = renewal.record.invoiceID,
           let invoice = try await unit.fetch(Invoice.self, id: invoiceID) {
            let pending = invoice.record.paymentMethod == .card && invoice.record.status.awaitsPayment
            if invoice.record.status == .paid || pending {
                renewed = true
            } else {
                if invoice.record.status.awaitsPayment {
                    try unit.voidInvoice(invoice, reason: "renewalExpired")
                    voided = invoiceID
                }
                renewal.record.status = .ended
                renewal.record.endedAt = unit.now
                try unit.update(renewal)
                current.record.renewalID = nil
            }
        }
        try unit.update(current)
        let action = renewed ? "membership.renewed" : current.record.cancellation == nil ? "membership.expired" : "membership.cancelledEnded"
        try unit.audit(current.record.id, action, details: ["voided": voided?.rawValue ?? ""])
        return .closed(renewed: renewed, voided: voided)
    }
}

// MARK: - CPSJob

extension RenewalService: CPSJob {
    /// `renewals`.
    public var name: String { "renewals" }

    /// ``run(as:)`` (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> RenewalRunReport { try await run(as: principal) }

    /// The earliest notice day (its start, policy time zone) or term end not yet acted on; `nil` when
    /// no term is waiting (R-LIFE-1, R-LIFE-2).
    public func nextDue(after instant: Date) async throws -> Date? {
        // A term is due at most the notice horizon before its end.
        let horizon = noticeHorizon
        return try await JobPager(context: context).earliest(Membership.self, range: Membership.lifecycleOpenByEnd,
                                                             notBefore: { $0.term.end.addingTimeInterval(-horizon) }) { stored in
            guard stored.record.status != .ended, stored.record.lifecycleClosedAt == nil else { return nil }
            return dueAt(stored.record)
        }
    }
}
