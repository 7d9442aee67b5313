/// How long personal data is kept (R-GDPR-2).
public struct RetentionPolicy: Hashable, Codable, Sendable {
    /// Calendar days after an application's decision (approval or rejection), counted in the
    /// policy's time zone, on which its evidence files are deleted: decided on day D, the files are
    /// gone from the start of day D + `evidenceDays`. Default 90.
    public var evidenceDays: Int
    /// Calendar days after a rejection, counted in the policy's time zone, from whose start the
    /// rejected application's personal data is pseudonymised (R-GDPR-2): decided on day D, it is
    /// pseudonymised from day D + `rejectedApplicationDays`. Default 180, a placeholder for the
    /// controller's own period.
    public var rejectedApplicationDays: Int
    /// Years an invoice is kept unchanged, per seller country (ISO code), counted from the end of
    /// the issue year; then the buyer's data is pseudonymised (R-GDPR-2). Default NL 7, SE 7, DE 8,
    /// PL 10.
    public var invoiceYears: [String: Int]
    /// The years for a seller country not in ``invoiceYears``. Default 7 (NL).
    public var defaultInvoiceYears: Int

    /// The default invoice years per seller country.
    public static let standardInvoiceYears = ["NL": 7, "SE": 7, "DE": 8, "PL": 10]

    /// 90 days for evidence, 180 for a rejected application's personal data, invoices per
    /// ``standardInvoiceYears`` (else 7).
    public init(evidenceDays: Int = 90, rejectedApplicationDays: Int = 180,
                invoiceYears: [String: Int] = RetentionPolicy.standardInvoiceYears, defaultInvoiceYears: Int = 7) {
        self.evidenceDays = evidenceDays
        self.rejectedApplicationDays = rejectedApplicationDays
        self.invoiceYears = invoiceYears
        self.defaultInvoiceYears = defaultInvoiceYears
    }

    /// The day from whose start the buyer of an invoice issued on `issueDay` by a seller in
    /// `sellerCountry` is pseudonymised: 1 January after the issue year plus the country's years
    /// (issued in 2026 with 7 years: kept through 2033, pseudonymised from 2034-01-01; R-GDPR-2).
    public func invoiceBuyerPseudonymisationDay(issuedOn issueDay: CalendarDay, sellerCountry: String) -> CalendarDay {
        let years = invoiceYears[sellerCountry.uppercased()] ?? defaultInvoiceYears
        return CalendarDay(year: issueDay.year + years + 1, month: 1, day: 1) ?? issueDay
    }

    /// The day from whose start the evidence of an application decided on `decisionDay` (in the
    /// policy's time zone) is deleted: `evidenceDays` calendar days later (R-GDPR-2).
    public func evidenceDeletionDay(decidedOn decisionDay: CalendarDay) -> CalendarDay {
        decisionDay.adding(days: evidenceDays)
    }

    /// The day from whose start the personal data of an application rejected on `decisionDay` (in
    /// the policy's time zone) is pseudonymised: `rejectedApplicationDays` calendar days later (R-GDPR-2).
    public func rejectedApplicationErasureDay(decidedOn decisionDay: CalendarDay) -> CalendarDay {
        decisionDay.adding(days: rejectedApplicationDays)
    }

    private enum CodingKeys: String, CodingKey { case evidenceDays, rejectedApplicationDays, invoiceYears, defaultInvoiceYears }

    /// Decodes the section; a missing field takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        evidenceDays = try c.decodeIfPresent(Int.self, forKey: .evidenceDays) ?? RetentionPolicy().evidenceDays
        rejectedApplicationDays = try c.decodeIfPresent(Int.self, forKey: .rejectedApplicationDays)
            ?? RetentionPolicy().rejectedApplicationDays
        invoiceYears = try c.decodeIfPresent([String: Int].self, forKey: .invoiceYears) ?? RetentionPolicy.standardInvoiceYears
        defaultInvoiceYears = try c.decodeIfPresent(Int.self, forKey: .defaultInvoiceYears) ?? RetentionPolicy().defaultInvoiceYears
    }

    /// Checks the values (R-GDPR-2): evidence and a rejected application's personal data are kept 1
    /// to 3,650 days, invoices 1 to 30 years.
    func validate() throws(PolicyError) {
        if !(1...3_650).contains(evidenceDays) {
            throw PolicyError(.outOfRange, field: "retention.evidenceDays", minimum: .number(1), maximum: .number(3650))
        }
        if !(1...3_650).contains(rejectedApplicationDays) {
            throw PolicyError(.outOfRange, field: "retention.rejectedApplicationDays", minimum: .number(1), maximum: .number(3650))
        }
        for (country, years) in invoiceYears.sorted(by: { $0.key < $1.key }) + [("", defaultInvoiceYears)] where !(1...30).contains(years) {
            throw PolicyError(.outOfRange, field: country.isEmpty ? "retention.defaultInvoiceYears" : "retention.invoiceYears.\(country)",
                              minimum: .number(1), maximum: .number(30))
        }
    }
}
