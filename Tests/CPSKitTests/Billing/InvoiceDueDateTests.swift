import CPSKit
import Foundation
import Testing

@Suite("Invoice due date, overdue and payment schedule (R-BIL-2, R-BIL-3, R-BIL-4)")
struct InvoiceDueDateTests {
    private func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    private func instant(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    @Test("Due date = issue date in the policy's time zone + 30 calendar days", arguments: [
        ("2026-01-10T09:00:00Z", "2026-01-10", "2026-02-09"),
        ("2026-01-31T23:30:00Z", "2026-02-01", "2026-03-03"), // 00:30 in Amsterdam: next day
        ("2026-12-15T12:00:00Z", "2026-12-15", "2027-01-14"),
        ("2028-02-01T12:00:00Z", "2028-02-01", "2028-03-02"), // leap year
    ])
    func dueDate(issued: String, issueDay: String, dueDay: String) throws {
        let due = BillingPolicy.canonEurope.dueDate(issuedAt: try instant(issued))
        #expect(due.issueDay == (try day(issueDay)))
        #expect(due.dueDay == (try day(dueDay)))
    }

    @Test("A payment on the due date is on time; from the next day an open invoice is overdue")
    func overdue() throws {
        let due = InvoiceDueDate(issueDay: try day("2026-01-10"), dueDays: 30, timeZone: BillingPolicy.canonEurope.timeZone)
        #expect(due.dueDay == (try day("2026-02-09")))
        #expect(due.isOnTime(paidOn: due.dueDay))
        #expect(!due.isOnTime(paidOn: due.dueDay.adding(days: 1)))
        #expect(!due.isOverdue(on: due.dueDay, status: .open))
        #expect(due.isOverdue(on: due.dueDay.adding(days: 1), status: .open))
        #expect(due.daysOverdue(on: due.dueDay.adding(days: 3), status: .open) == 3)
        for status in [InvoiceStatus.draft, .paid, .void, .uncollectible] {
            #expect(!due.isOverdue(on: due.dueDay.adding(days: 1), status: status))
        }
        // 23:59 on the due day in Amsterdam is on time; 00:00 the next day is not.
        #expect(due.isOnTime(paidAt: try instant("2026-02-09T22:59:00Z")))
        #expect(!due.isOnTime(paidAt: try instant("2026-02-09T23:00:00Z")))
        #expect(due.deadline == (try instant("2026-02-09T23:00:00Z")))
        #expect(due.isOverdue(at: try instant("2026-02-09T23:00:00Z"), status: .open))
    }

    @Test("The invoice is issued within the policy's window after the purchase")
    func issueWindow() throws {
        let purchase = try instant("2026-03-01T10:00:00Z")
        #expect(BillingPolicy.canonEurope.latestIssueTime(afterPurchaseAt: purchase) == (try instant("2026-03-01T14:00:00Z")))
    }

    @Test("Card: charge on the due day, retries, suspension after the grace period; bank: reminders")
    func schedule() throws {
        let policy = BillingPolicy.canonEurope
        let dueDay = try day("2026-02-09")
        let card = PaymentSchedule(method: .card, dueDay: dueDay, policy: policy)
        #expect(card.chargeDays == [dueDay, dueDay.adding(days: 3), dueDay.adding(days: 5), dueDay.adding(days: 7)])
        #expect(card.nextChargeDay(afterDeclines: 0) == dueDay)
        #expect(card.nextChargeDay(afterDeclines: 4) == nil)
        #expect(card.suspensionDay == dueDay.adding(days: 7 + 14))
        let bank = PaymentSchedule(method: .bankTransfer, dueDay: dueDay, policy: policy)
        #expect(bank.chargeDays.isEmpty)
        #expect(bank.reminderDays == [dueDay.adding(days: 7), dueDay.adding(days: 14)])
        #expect(bank.suspensionDay == dueDay.adding(days: 14))
    }

    @Test("Absurd policy days are clamped, never a trap (SPEC §12)")
    func absurdPolicy() throws {
        var policy = BillingPolicy.canonEurope
        policy.invoiceDueDays = Int.max
        policy.cardChargeRetryDaysAfterDue = [Int.max, -5, 2]
        policy.suspensionGraceDays = Int.min
        let due = policy.dueDate(issuedAt: try instant("2026-01-10T09:00:00Z"))
        #expect(due.dueDay == (try day("2026-01-10")).adding(days: 36_500))
        let card = PaymentSchedule(method: .card, dueDay: due.dueDay, policy: policy)
        #expect(card.chargeDays == [due.dueDay, due.dueDay.adding(days: 2)])
        #expect(card.suspensionDay == due.dueDay.adding(days: 2))
    }
}
