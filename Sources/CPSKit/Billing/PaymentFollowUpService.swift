import Foundation

/// The follow-up job for unpaid invoices (R-BIL-3, R-BIL-4): reminders for bank transfers on the
/// policy's reminder days after the due day, and suspension of the membership once the grace period
/// has passed — after the last declined card charge, or after the due day of a bank transfer — until
/// the invoice is paid (payment reactivates it). Run it daily; repeated runs send nothing twice.
public struct PaymentFollowUpService: Sendable {
    let context: CPSContext
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the job.
    public init(_ context: CPSContext) { self.context = context }

    /// Sends due reminders and suspends memberships past their grace period (R-BIL-3, R-BIL-4). Only
    /// a ``Principal/system(_:)`` runs it.
    @discardableResult
    public func run(as principal: Principal) async throws -> FollowUpReport {
        try support.requireSystem(principal)
        var report = FollowUpReport()
        for method in PaymentMethod.allCases {
            for stored in try await context.store.fetchAll(Invoice.self, indexKey: Invoice.awaitingIndex(method)) {
                let support = self.support
                let id = stored.record.id
                let (reminded, suspended) = try await support.retryingConflicts { try await followUp(id, as: principal) }
                if reminded { report.reminded.append(id) }
                if suspended { report.suspended.append(id) }
            }
        }
        return report
    }

    /// Whether a reminder went out and whether the membership was suspended.
    private func followUp(_ invoiceID: String, as principal: Principal) async throws -> (Bool, Bool) {
        let now = context.time.now()
        let today = support.today(now)
        guard var invoice = try await context.store.fetch(Invoice.self, id: invoiceID),
              invoice.record.status == .open else { return (false, false) }
        let schedule = invoice.record.schedule(policy: support.billing)
        var batch = WriteBatch()
        var changed = false
        var suspended = false
        // R-BIL-4: one reminder per reminder day reached, never twice.
        let remindersDue = schedule.reminderDays.filter { $0 <= today }.count
        if invoice.record.remindersSent < remindersDue {
            invoice.record.remindersSent = remindersDue
            changed = true
            let days = invoice.record.due.daysOverdue(on: today, status: invoice.record.status)
            if let mail = try await support.invoiceMail("paymentReminder", invoice.record, at: now,
                                                        extra: { _ in ["daysOverdue": String(days)] }) {
                try batch.insert(mail)
            }
            try batch.insert(support.audit(invoiceID, "invoice.reminded", principal, now,
                                           details: ["reminder": String(remindersDue)]))
        }
        // R-BIL-3 / R-BIL-4: suspension after the grace period, card only after its last decline.
        let chargesExhausted = invoice.record.paymentMethod == .bankTransfer
            || invoice.record.chargeDeclines >= schedule.chargeDays.count
        if today >= schedule.suspensionDay, chargesExhausted,
           var membership = try await context.store.fetch(Membership.self, id: invoice.record.membershipID),
           membership.record.status == .active {
            membership.record.status = .suspended
            membership.record.suspendedAt = now
            try batch.update(membership)
            if let mail = try await support.invoiceMail("membershipSuspended", invoice.record, at: now,
                                                        extra: { _ in ["membershipNumber": membership.record.number.compact] }) {
                try batch.insert(mail)
            }
            try batch.insert(support.audit(membership.record.id, "membership.suspended", principal, now,
                                           details: ["invoice": invoice.record.number]))
            suspended = true
        }
        if changed { try batch.update(invoice) }
        if !batch.isEmpty { try await context.store.commit(batch) }
        return (changed, suspended)
    }
}
