/// What one run of the renewals job did (R-LIFE-1, R-LIFE-2, R-UOW-2).
public struct RenewalRunReport: JobReport, Codable, Equatable {
    /// Terms whose renewal notice went out in this run.
    public var noticed: [Membership.ID] = []
    /// The renewal invoices issued in this run (card: charged on the expiry date; bank: due by it).
    public var renewalInvoices: [Invoice.ID] = []
    /// Terms noticed but not renewed automatically, with the outcome the notice told (`cancelled`,
    /// `levelClosed`, `termsChanged`, `manual`).
    public var notRenewed: [Membership.ID: RenewalOutcome] = [:]
    /// Terms that reached their end and expired or ended after a cancellation (R-LIFE-2, R-LIFE-3).
    public var expired: [Membership.ID] = []
    /// Terms that reached their end with a paid or pending renewal following them.
    public var renewed: [Membership.ID] = []
    /// Renewal invoices voided because the bank transfer was unpaid at expiry (R-LIFE-2).
    public var voided: [Invoice.ID] = []
    /// Whether the run stopped at its page limit with due work left.
    public var hasMore = false

    /// Creates an empty report.
    public init() {}

    /// Notices sent and terms closed.
    public var processed: Int { noticed.count + expired.count + renewed.count }
}

/// What the renewal notice of a term says will happen (R-LIFE-1, R-LIFE-3, R-LIFE-4, R-LIFE-6).
public enum RenewalOutcome: String, Codable, Sendable, CaseIterable {
    /// The renewal invoice was issued: card charged on the expiry date, bank transfer due by it.
    case renewing
    /// Cancelled at the end of the term: no renewal.
    case cancelled
    /// The level is no longer open from the points now: no automatic renewal, no invoice (R-LIFE-4).
    case levelClosed
    /// The terms changed since the superuser last accepted them: no automatic charge (R-LIFE-6).
    case termsChanged
    /// The policy does not renew card memberships automatically: the superuser buys again.
    case manual
}
