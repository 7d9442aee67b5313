/// What one run of the issue-invoices job did (R-BIL-2).
public struct InvoiceIssueReport: Equatable, Sendable {
    /// The invoices this run issued, in order.
    public var issued: [Invoice] = []
    /// Purchases another run invoiced first (a concurrent job), skipped here.
    public var alreadyInvoiced: [String] = []
    /// Issued invoices whose purchase had passed the policy's latest issue time: the job ran too rarely.
    public var late: [String] = []

    /// An empty report.
    public init() {}
}
