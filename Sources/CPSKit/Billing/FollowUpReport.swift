/// What one run of the payment follow-up job did (R-BIL-3, R-BIL-4), by invoice ID.
public struct FollowUpReport: Equatable, Sendable {
    /// Bank-transfer invoices that got a reminder.
    public var reminded: [String] = []
    /// Invoices whose membership was suspended.
    public var suspended: [String] = []

    /// An empty report.
    public init() {}
}
