/// What an applicant types into the business-account form (R-ACC-1, R-ACC-2), as plain values.
/// ``OnboardingService/createApplication(_:as:)`` checks every field and refuses bad input with an
/// ``InputError`` naming the field. Decodes from the JSON a portal posts.
public struct ApplicationForm: Hashable, Codable, Sendable {
    /// The company's legal name.
    public var companyName: String
    /// Street and number of the registered address.
    public var street: String
    /// Postal code.
    public var postalCode: String
    /// City.
    public var city: String
    /// ISO 3166-1 alpha-2 country code.
    public var country: String
    /// The VAT registration number, or `nil` when the company is not VAT-registered.
    public var vatNumber: String?
    /// The contact person's name.
    public var contactName: String
    /// The contact person's e-mail: the address the password e-mail goes to.
    public var contactEmail: String
    /// The contact's preferred language (ISO 639-1, e.g. "sv").
    public var contactLanguage: String
    /// The applicant's role in the company, e.g. "CEO".
    public var applicantRole: String
    /// The applicant confirms being authorised to give these details (seed step 2).
    public var attestsAuthority: Bool
    /// The e-mail of the old CPS account, to make migration possible (seed step 3, R-ACC-2).
    public var oldCPSEmail: String?

    /// Creates a form.
    public init(companyName: String, street: String, postalCode: String, city: String, country: String,
                vatNumber: String?, contactName: String, contactEmail: String, contactLanguage: String,
                applicantRole: String, attestsAuthority: Bool, oldCPSEmail: String? = nil) {
        self.companyName = companyName
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.country = country
        self.vatNumber = vatNumber
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactLanguage = contactLanguage
        self.applicantRole = applicantRole
        self.attestsAuthority = attestsAuthority
        self.oldCPSEmail = oldCPSEmail
    }
}
