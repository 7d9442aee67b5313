import Foundation

/// The follow-up job for unpaid invoices (R-BIL-3, R-BIL-4): reminders for bank transfers on the
/// policy's reminder days after the due day, and suspension of the membership once the grace period
/// has passed — after the last declined card charge, or after the due day of a bank transfer — until
/// the invoice is paid (payment reactivates it). Run it daily; repeated runs send nothing twice: each
/// invoice is one unit of work over its own version (R-UOW-1, R-UOW-2).
public struct PaymentFollowUpService: Sendable {
    let context: CPSContext
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the job.
    public init(_ context: CPSContext) { self.context = context }

    /// Sends due reminders and suspends memberships past their grace period (R-BIL-3, R-BIL-4). Only
    /// a ``Principal/system(_:)`` runs it.
    @discardableResult
    public func run(as principal: Principal) async throws -> FollowUpReport {
        let today = try await context.read("followUp.run", as: principal) { unit in
            try await unit.authorize(.system)
            return unit.today
        }
        var report = FollowUpReport()
        for method in PaymentMethod.allCases where !report.hasMore {
            // Reminders and suspensions come after the due day: only invoices due by today are read.
            let due = Invoice.awaitingPayment(by: method, dueOnOrBefore: today)
            report.hasMore = try await JobPager(context: context).visit(Invoice.self, range: due) { stored in
                let id = stored.record.id
                let (reminded, suspended) = try await context.transact("followUp.invoice", as: principal) { unit in
                    try await followUp(id, in: unit)
                }
                if reminded { report.reminded.append(id) }
                if suspended { report.suspended.append(id) }
                return reminded || suspended
            }
        }
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    /// Whether a reminder went out and whether the membership was suspended.
    private func followUp(_ invoiceID: Invoice.ID, in unit: UnitOfWork) async throws -> (Bool, Bool) {
        let now = unit.now
        let today = unit.today
        guard var invoice = try await unit.fetch(Invoice.self, id: invoiceID),
              invoice.record.status == .open else { return (false, false) }
        let schedule = invoice.record.schedule(policy: support.billing)
        var changed = false
        var suspended = false
        // R-BIL-4: one reminder per reminder day reached, never twice.
        let remindersDue = schedule.reminderDays.filter { $0 <= today }.count
        if invoice.record.remindersSent < remindersDue {
            invoice.record.remindersSent = remindersDue
            changed = true
            let days = invoice.record.due.daysOverdue(on: today, status: invoice.record.status)
            try await unit.mailInvoice("paymentReminder", invoice.record) { _ in ["daysOverdue": String(days)] }
            try unit.audit(invoiceID, "invoice.reminded", details: ["reminder": String(remindersDue)])
        }
        // R-BIL-3 / R-BIL-4: suspension after the grace period, card only after its last decline.
        let chargesExhausted = invoice.record.paymentMethod == .bankTransfer
            || invoice.record.chargeDeclines >= schedule.chargeDays.count
        if today >= schedule.suspensionDay, chargesExhausted,
           var membership = try await unit.fetch(Membership.self, id: invoice.record.membershipID),
           membership.record.status == .active {
            membership.record.status = .suspended
            membership.record.suspendedAt = now
            try unit.update(membership)
            let number = membership.record.number.compact
            try await unit.mailInvoice("membershipSuspended", invoice.record) { _ in ["membershipNumber": number] }
            try unit.audit(membership.record.id, "membership.suspended", details: ["invoice": invoice.record.number])
            suspended = true
        }
        if changed { try unit.update(invoice) }
        return (changed, suspended)
    }
}

// MARK: - CPSJob

extension PaymentFollowUpService: CPSJob {
    /// `paymentFollowUp`.
    public var name: String { "paymentFollowUp" }

    /// ``run(as:)`` (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> FollowUpReport { try await run(as: principal) }

    /// The start of the earliest reminder or suspension day not yet acted on, of any open invoice, in
    /// the policy's time zone; `nil` when no invoice is open (R-BIL-3, R-BIL-4).
    public func nextDue(after instant: Date) async throws -> Date? {
        let billing = support.billing
        let tz = context.policy.timeZone
        var earliest: Date?
        for method in PaymentMethod.allCases {
            // Reminder and suspension days are on or after the due day.
            let found = try await JobPager(context: context).earliest(Invoice.self, range: Invoice.awaitingPaymentByDueDay(by: method),
                                                                      notBefore: { $0.due.dueDay.start(in: tz) }) { stored in
                guard stored.record.status == .open else { return nil }
                let schedule = stored.record.schedule(policy: billing)
                var days = Array(schedule.reminderDays.dropFirst(stored.record.remindersSent))
                if let membership = try await context.store.fetch(Membership.self, id: stored.record.membershipID),
                   membership.record.status == .active {
                    days.append(schedule.suspensionDay)
                }
                return days.min()?.start(in: tz)
            }
            if let found { earliest = min(earliest ?? found, found) }
        }
        return earliest
    }
}
