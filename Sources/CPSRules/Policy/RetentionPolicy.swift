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

    /// 90 days for evidence, 180 for a rejected application's personal data.
    public init(evidenceDays: Int = 90, rejectedApplicationDays: Int = 180) {
        self.evidenceDays = evidenceDays
        self.rejectedApplicationDays = rejectedApplicationDays
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

    private enum CodingKeys: String, CodingKey { case evidenceDays, rejectedApplicationDays }

    /// Decodes the section; a missing field takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        evidenceDays = try c.decodeIfPresent(Int.self, forKey: .evidenceDays) ?? RetentionPolicy().evidenceDays
        rejectedApplicationDays = try c.decodeIfPresent(Int.self, forKey: .rejectedApplicationDays)
            ?? RetentionPolicy().rejectedApplicationDays
    }

    /// Checks the values (R-GDPR-2): evidence and a rejected application's personal data are kept 1
    /// to 3,650 days.
    func validate() throws(PolicyError) {
        if !(1...3_650).contains(evidenceDays) {
            throw PolicyError(.outOfRange, field: "retention.evidenceDays", minimum: .number(1), maximum: .number(3650))
        }
        if !(1...3_650).contains(rejectedApplicationDays) {
            throw PolicyError(.outOfRange, field: "retention.rejectedApplicationDays", minimum: .number(1), maximum: .number(3650))
        }
    }
}
