/// The longest text each form field accepts (R-ACC-1). Policy data with sane defaults.
public struct FieldLimits: Hashable, Codable, Sendable {
    /// A company's legal name. Default 200.
    public var companyName: Int = 200
    /// A person's name. Default 120.
    public var personName: Int = 120
    /// The applicant's role. Default 120.
    public var role: Int = 120
    /// Street and number. Default 200.
    public var street: Int = 200
    /// Postal code. Default 16.
    public var postalCode: Int = 16
    /// City. Default 100.
    public var city: Int = 100
    /// A free-text reason or message (rejection reasons, requests for information). Default 2,000.
    public var message: Int = 2_000

    /// The defaults.
    public init() {}
}
