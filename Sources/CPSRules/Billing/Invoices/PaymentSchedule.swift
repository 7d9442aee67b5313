/// The days on which a service acts on an unpaid invoice, derived from its due day and the policy
/// (R-BIL-3, R-BIL-4): pure data for the due-charges and reminder jobs.
///
/// - Card: the charge is attempted on the due day, then retried on each of the policy's retry days;
///   after the last decline the membership is suspended ``BillingPolicy/suspensionGraceDays`` later.
/// - Bank transfer: reminders on the policy's reminder days after the due day; suspension
///   ``BillingPolicy/suspensionGraceDays`` after the due day.
public struct PaymentSchedule: Hashable, Codable, Sendable {
    /// The payment method.
    public let method: PaymentMethod
    /// The invoice's due day.
    public let dueDay: CalendarDay
    /// Card: the days of the first charge and of each retry, ascending; empty for bank transfer.
    public let chargeDays: [CalendarDay]
    /// Bank transfer: the days of each reminder, ascending; empty for card.
    public let reminderDays: [CalendarDay]
    /// The day the membership is suspended if the invoice is still unpaid by then.
    public let suspensionDay: CalendarDay

    /// The schedule for an invoice due on `dueDay`, paid by `method`, under `policy` (R-BIL-3, R-BIL-4).
    public init(method: PaymentMethod, dueDay: CalendarDay, policy: BillingPolicy) {
        self.method = method
        self.dueDay = dueDay
        // Days outside 1…3,650 (and a grace period outside 0…3,650) are ignored or clamped: policy data
        // must not be able to overflow the date arithmetic.
        let retries = Set(policy.cardChargeRetryDaysAfterDue.filter { (1...3_650).contains($0) }).sorted()
        let reminders = Set(policy.bankTransferReminderDaysAfterDue.filter { (1...3_650).contains($0) }).sorted()
        let grace = min(max(policy.suspensionGraceDays, 0), 3_650)
        switch method {
        case .card:
            chargeDays = [dueDay] + retries.map { dueDay.adding(days: $0) }
            reminderDays = []
            suspensionDay = dueDay.adding(days: (retries.last ?? 0) + grace)
        case .bankTransfer:
            chargeDays = []
            reminderDays = reminders.map { dueDay.adding(days: $0) }
            suspensionDay = dueDay.adding(days: grace)
        }
    }

    /// The day of the next charge attempt after `declines` declines (0 = the first charge): `nil` when
    /// none is left, so the invoice stays overdue and the grace period runs (R-BIL-3).
    public func nextChargeDay(afterDeclines declines: Int) -> CalendarDay? {
        declines >= 0 && declines < chargeDays.count ? chargeDays[declines] : nil
    }
}
