/// A company's registration in a national business register, e.g. the Dutch Chamber of Commerce
/// (KvK, ISO 6523 scheme `0106`) number of the seller (R-IDOC-1, R-IDOC-2; Peppol NL-R-003).
public struct CompanyRegistration: Hashable, Codable, Sendable {
    /// The register's ISO 6523 ICD, e.g. `"0106"` (KvK), `"0007"` (Swedish Bolagsverket).
    public let scheme: String
    /// The register's name as printed, e.g. `"KvK"`.
    public let registerName: String
    /// The number in the register.
    public let identifier: String

    /// Creates a registration.
    public init(scheme: String, registerName: String, identifier: String) {
        self.scheme = scheme
        self.registerName = registerName
        self.identifier = identifier
    }
}
