import Foundation

/// The issue day and due day of an invoice, and whether it is overdue (R-BIL-2).
///
/// The due day is the issue day — the calendar day of the issue instant in the policy's time zone —
/// plus the policy's due days (30). A payment **on** the due day is on time; from the **next** day an
/// open invoice is overdue. Overdue is derived from the day and the status, never stored as a state.
///
/// ```swift
/// let issued = CalendarDay(year: 2026, month: 1, day: 10) ?? CalendarDay(daysSinceEpoch: 0)
/// let due = InvoiceDueDate(issueDay: issued, dueDays: 30, timeZone: tz)
/// due.dueDay                                   // 2026-02-09
/// due.isOverdue(on: due.dueDay, status: .open) // false
/// due.isOverdue(on: due.dueDay.adding(days: 1), status: .open) // true
/// ```
public struct InvoiceDueDate: Hashable, Codable, Sendable {
    /// The calendar day of issue in ``timeZone``.
    public let issueDay: CalendarDay
    /// The last day on which payment is on time.
    public let dueDay: CalendarDay
    /// The time zone the days are in (the policy's).
    public let timeZone: TimeZone

    /// The due date of an invoice issued on `issueDay` with `dueDays` to pay (R-BIL-2).
    public init(issueDay: CalendarDay, dueDays: Int, timeZone: TimeZone) {
        self.issueDay = issueDay
        self.dueDay = issueDay.adding(days: min(max(dueDays, 0), 36_500))
        self.timeZone = timeZone
    }

    /// The due date of an invoice issued at `issuedAt` under `policy` (R-BIL-2).
    public init(issuedAt: Date, policy: BillingPolicy) {
        self.init(issueDay: CalendarDay(issuedAt, in: policy.timeZone), dueDays: policy.invoiceDueDays,
                  timeZone: policy.timeZone)
    }

    /// The first instant that is no longer on time: the start of the day after the due day (R-BIL-2).
    public var deadline: Date { dueDay.end(in: timeZone) }

    /// Whether a payment made on `day` is on time: on or before the due day (R-BIL-2, R-BIL-4).
    public func isOnTime(paidOn day: CalendarDay) -> Bool { day <= dueDay }

    /// Whether a payment made at `instant` is on time, judged by its day in ``timeZone`` (R-BIL-2).
    public func isOnTime(paidAt instant: Date) -> Bool { isOnTime(paidOn: CalendarDay(instant, in: timeZone)) }

    /// Whether an invoice in `status` is overdue on `day`: it is `open` and `day` is after the due day
    /// (R-BIL-2). Paid, void and draft invoices are never overdue; an uncollectible one has already been
    /// written off and is not reported as overdue either.
    public func isOverdue(on day: CalendarDay, status: InvoiceStatus) -> Bool { status == .open && day > dueDay }

    /// Whether an invoice in `status` is overdue at `instant`, judged by its day in ``timeZone`` (R-BIL-2).
    public func isOverdue(at instant: Date, status: InvoiceStatus) -> Bool {
        isOverdue(on: CalendarDay(instant, in: timeZone), status: status)
    }

    /// How many days overdue an open invoice is on `day` (0 when not overdue) (R-BIL-2, R-BIL-4).
    public func daysOverdue(on day: CalendarDay, status: InvoiceStatus) -> Int {
        isOverdue(on: day, status: status) ? dueDay.days(until: day) : 0
    }
}
