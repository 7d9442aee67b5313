/// The validation promise as policy (R-VAL-2): "validation can take up to two working days".
public struct ValidationPolicy: Hashable, Codable, Sendable {
    /// Working days after the submission date by whose end a decision is due. Default 2.
    public var slaWorkingDays: Int
    /// The country whose calendar counts working days; `nil` (default) means the applicant's country.
    public var slaCountry: CountryCode?
    /// A local hour (0–23) from which a submission counts as made on the next day; `nil` (default):
    /// no cut-off, the whole submission day counts.
    public var cutoffHour: Int?

    /// Creates a policy.
    public init(slaWorkingDays: Int = 2, slaCountry: CountryCode? = nil, cutoffHour: Int? = nil) {
        self.slaWorkingDays = slaWorkingDays
        self.slaCountry = slaCountry
        self.cutoffHour = cutoffHour
    }
}
