import CPSKit
import Foundation
import Testing

@Suite("The two-working-day promise (R-VAL-2)")
struct ValidationDeadlineTests {
    static let tz = TimeZone(identifier: "Europe/Amsterdam")!

    static func deadline(_ iso: String, policy: ValidationPolicy = ValidationPolicy(),
                         calendar: any BusinessCalendar = WeekendCalendar()) -> ValidationDeadline {
        ValidationDeadline(submittedAt: ISO8601DateFormatter().date(from: iso)!, policy: policy, timeZone: tz, calendar: calendar)
    }

    @Test("The submission day is never counted; weekends are skipped", arguments: [
        ("2026-11-23T09:00:00+01:00", "2026-11-25"), // Monday → Wednesday
        ("2026-11-26T23:59:00+01:00", "2026-11-30"), // Thursday late → Monday
        ("2026-11-27T10:00:00+01:00", "2026-12-01"), // Friday → Tuesday
        ("2026-11-28T10:00:00+01:00", "2026-12-01"), // Saturday → counts from Monday → Tuesday
        ("2026-11-29T10:00:00+01:00", "2026-12-01"), // Sunday → Tuesday
    ])
    func weekends(_ submitted: String, _ due: String) {
        #expect(Self.deadline(submitted).dueDay.description == due)
    }

    @Test("Days are counted in the policy's time zone: 23:30 UTC on Friday is Saturday in Amsterdam")
    func timeZone() {
        #expect(Self.deadline("2026-11-27T23:30:00Z").submissionDay.description == "2026-11-28")
    }

    @Test("A cut-off hour, when the policy sets one, moves a late submission to the next day")
    func cutoff() {
        let policy = ValidationPolicy(cutoffHour: 16)
        #expect(Self.deadline("2026-11-26T15:59:00+01:00", policy: policy).dueDay.description == "2026-11-30")
        #expect(Self.deadline("2026-11-26T16:00:00+01:00", policy: policy).dueDay.description == "2026-12-01")
    }

    @Test("A holiday before a weekend: Good Friday in Germany → the decision is due on Wednesday after Easter")
    func holidayBeforeWeekend() {
        let german = BusinessCalendars().calendar(for: "DE")
        // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
        #expect(Self.deadline("2026-04-02T12:00:00+02:00", calendar: german).dueDay.description == "2026-04-08")
    }

    @Test("Overdue from the first instant after the due day, in the policy's time zone")
    func overdueInstant() {
        let deadline = Self.deadline("2026-11-27T10:00:00+01:00")
        let iso = ISO8601DateFormatter()
        #expect(!deadline.isOverdue(at: iso.date(from: "2026-12-01T23:59:59+01:00")!))
        #expect(deadline.isOverdue(at: iso.date(from: "2026-12-02T00:00:00+01:00")!))
    }
}
