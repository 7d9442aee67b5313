/// What one run of the issue-invoices job did (R-BIL-2).
public struct InvoiceIssueReport: Equatable, Sendable, JobReport {
    /// The invoices this run issued, in order.
    public var issued: [Invoice] = []
    /// Purchases another run invoiced first (a concurrent job), skipped here.
    public var alreadyInvoiced: [MembershipPurchase.ID] = []
    /// Issued invoices whose purchase had passed the policy's latest issue time: the job ran too rarely.
    public var late: [Invoice.ID] = []

    /// Whether the run stopped at its page limit with due work left (R-UOW-2).
    public var hasMore = false

    /// An empty report.
    public init() {}

    /// How many items the run acted on (R-UOW-2).
    public var processed: Int { issued.count }
}
