import Foundation

/// When a reviewer's decision is due (R-VAL-2), computed purely from the submission instant.
///
/// The decision is due by the end of the N-th working day (policy, default 2) after the submission
/// date, in the calendar of the SLA country and the policy's time zone. The submission day is never
/// counted; a submission on a non-working day counts from the next working day; with a cut-off hour
/// (off by default) a submission at or after it counts as made the next day.
public struct ValidationDeadline: Hashable, Codable, Sendable {
    /// The day the count starts from.
    public let submissionDay: CalendarDay
    /// The day by whose end a decision is due.
    public let dueDay: CalendarDay
    /// The first instant after the due day: at and after it, an undecided application is overdue.
    public let dueBy: Date

    /// The deadline of a submission at `submittedAt` under `policy`, counted in `calendar`.
    public init(submittedAt: Date, policy: ValidationPolicy, timeZone: TimeZone, calendar: any BusinessCalendar) {
        var day = CalendarDay(submittedAt, in: timeZone)
        if let cutoff = policy.cutoffHour {
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = timeZone
            if gregorian.component(.hour, from: submittedAt) >= cutoff { day = day.adding(days: 1) }
        }
        submissionDay = day
        dueDay = calendar.adding(workingDays: policy.slaWorkingDays, to: day)
        dueBy = dueDay.end(in: timeZone)
    }

    /// Whether an undecided application is overdue at `now`.
    public func isOverdue(at now: Date) -> Bool { now >= dueBy }
}
