/// What one run of ``EvidenceRetentionJob`` did (R-GDPR-2, R-UOW-2).
public struct RetentionReport: Equatable, Sendable, Codable, JobReport {
    /// Applications whose evidence files were deleted in this run.
    public var deleted: [BusinessAccountApplication.ID] = []
    /// How many evidence files were deleted.
    public var filesDeleted = 0
    /// Rejected applications whose personal data was pseudonymised in this run (R-GDPR-2).
    public var pseudonymised: [BusinessAccountApplication.ID] = []
    /// Invoices whose buyer was pseudonymised in this run: their retention years ended (R-GDPR-2).
    public var invoicesPseudonymised: [Invoice.ID] = []
    /// Applications past their period whose files or personal data were kept: each on legal hold
    /// (``PrivacyError/Reason/onLegalHold``).
    public var held: [BusinessAccountApplication.ID] = []
    /// Whether the run stopped at its page limit with due work left (R-UOW-2).
    public var hasMore = false

    /// An empty report.
    public init() {}

    /// How many records the run acted on (R-UOW-2): applications whose files it deleted or that it
    /// pseudonymised, and invoices whose buyer it pseudonymised.
    public var processed: Int { deleted.count + pseudonymised.count + invoicesPseudonymised.count }
}
