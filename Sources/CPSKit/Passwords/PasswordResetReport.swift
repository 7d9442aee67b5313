/// What a run of the ``PasswordResetJob`` did (R-UOW-2): request IDs only, never an address.
public struct PasswordResetReport: Equatable, Sendable, JobReport {
    /// The requests answered with a mail.
    public var mailed: [String] = []
    /// The requests refused and audited (no account, or not yet created).
    public var refused: [String] = []
    /// Whether pending requests were left for the next run.
    public var hasMore = false

    /// An empty report.
    public init() {}

    /// How many requests the run handled.
    public var processed: Int { mailed.count + refused.count }
}
