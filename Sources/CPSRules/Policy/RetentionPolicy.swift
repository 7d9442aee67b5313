/// How long personal data is kept (R-GDPR-2).
public struct RetentionPolicy: Hashable, Codable, Sendable {
    /// Calendar days after an application's decision (approval or rejection), counted in the
    /// policy's time zone, on which its evidence files are deleted: decided on day D, the files are
    /// gone from the start of day D + `evidenceDays`. Default 90.
    public var evidenceDays: Int

    /// 90 days.
    public init(evidenceDays: Int = 90) {
        self.evidenceDays = evidenceDays
    }

    /// The day from whose start the evidence of an application decided on `decisionDay` (in the
    /// policy's time zone) is deleted: `evidenceDays` calendar days later (R-GDPR-2).
    public func evidenceDeletionDay(decidedOn decisionDay: CalendarDay) -> CalendarDay {
        decisionDay.adding(days: evidenceDays)
    }

    private enum CodingKeys: String, CodingKey { case evidenceDays }

    /// Decodes the section; a missing field takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        evidenceDays = try c.decodeIfPresent(Int.self, forKey: .evidenceDays) ?? RetentionPolicy().evidenceDays
    }

    /// Checks the values (R-GDPR-2): evidence is kept 1 to 3,650 days.
    func validate() throws(PolicyError) {
        if !(1...3_650).contains(evidenceDays) {
            throw PolicyError(.outOfRange, field: "retention.evidenceDays", minimum: .number(1), maximum: .number(3650))
        }
    }
}
