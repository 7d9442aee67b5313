/// What one run of the payment follow-up job did (R-BIL-3, R-BIL-4), by invoice ID.
public struct FollowUpReport: Equatable, Sendable, JobReport {
    /// Bank-transfer invoices that got a reminder.
    public var reminded: [Invoice.ID] = []
    /// Invoices whose membership was suspended.
    public var suspended: [Invoice.ID] = []

    /// Whether the run stopped at its page limit with due work left (R-UOW-2).
    public var hasMore = false

    /// An empty report.
    public init() {}

    /// How many items the run acted on (R-UOW-2).
    public var processed: Int { Set(reminded + suspended).count }
}
