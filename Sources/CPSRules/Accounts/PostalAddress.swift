/// A company's registered address (R-ACC-1): street, postal code, city and ISO 3166-1 country.
public struct PostalAddress: Hashable, Codable, Sendable {
    /// Street and number, e.g. "Storgatan 1".
    public var street: String
    /// The postal code as written, e.g. "111 22".
    public var postalCode: String
    /// The city.
    public var city: String
    /// The country.
    public var country: CountryCode

    /// Checks and creates an address; each field's error names it (`address.street`, …).
    public init(street: String, postalCode: String, city: String, country: String,
                limits: FieldLimits = FieldLimits()) throws(InputError) {
        self.street = try TextFieldRules.validate(street, field: "address.street", maxLength: limits.street)
        let code = try TextFieldRules.validate(postalCode, field: "address.postalCode", maxLength: limits.postalCode)
        guard code.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "-" })
        else { throw InputError(.invalidCharacters, field: "address.postalCode", value: code) }
        self.postalCode = code
        self.city = try TextFieldRules.validate(city, field: "address.city", maxLength: limits.city)
        guard let country = CountryCode(country) else {
            throw InputError(.invalidCountry, field: "address.country", value: country)
        }
        self.country = country
    }
}

extension PostalAddress {
    /// An address known to be valid (policy defaults, tests): no checks.
    package init(unchecked street: String, postalCode: String, city: String, country: CountryCode) {
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.country = country
    }
}
