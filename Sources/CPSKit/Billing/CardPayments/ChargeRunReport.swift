/// What one run of the due-charges job did (R-BIL-3), by invoice ID.
public struct ChargeRunReport: Equatable, Sendable, JobReport {
    /// Invoices charged and now paid.
    public var charged: [Invoice.ID] = []
    /// Invoices whose charge was declined (retried per policy while retries are left).
    public var declined: [Invoice.ID] = []
    /// Invoices declined for the last time: overdue, superuser mailed (R-BIL-3).
    public var finallyDeclined: [Invoice.ID] = []
    /// Invoices whose gateway call gave no answer: the attempt stays pending and is repeated with the
    /// same idempotency key on the next run.
    public var pending: [Invoice.ID] = []
    /// Invoices another run was charging at the same moment, skipped here.
    public var skipped: [Invoice.ID] = []

    /// Whether the run stopped at its page limit with due work left (R-UOW-2).
    public var hasMore = false

    /// An empty report.
    public init() {}

    /// How many items the run acted on (R-UOW-2).
    public var processed: Int { charged.count + declined.count + finallyDeclined.count + pending.count }
}
