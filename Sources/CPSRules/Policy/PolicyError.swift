/// A host's policy could not be loaded: which field, and what is wrong with it (SPEC §1). Always a
/// ``FailureCategory/configuration`` error: the person running the service must fix the policy.
///
/// The field is the dotted path the host wrote in its policy JSON (`validation.slaWorkingDays`),
/// shown as written: the reader is the person who wrote it.
public struct PolicyError: LocalizedFailure, Equatable {
    /// What is wrong with the field.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case outOfRange, belowMinimum, empty, missing, wrongType, null, notJSON, unreadableValue
            case unknownTimeZone, missingPlaceholder, unknownEdition, duplicate, noLetterOrDigit
            case feeNotPositiveOrWrongCurrency, missingSellerVATRate, noLevels
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``PolicyError/code``.
        public var description: String { representation.rawValue }

        /// The value is outside `minimum`…`maximum`.
        public static let outOfRange = Reason(.outOfRange)
        /// The value is below `minimum`.
        public static let belowMinimum = Reason(.belowMinimum)
        /// The list must not be empty.
        public static let empty = Reason(.empty)
        /// A required field is missing.
        public static let missing = Reason(.missing)
        /// The field has the wrong type of value.
        public static let wrongType = Reason(.wrongType)
        /// The field is null.
        public static let null = Reason(.null)
        /// The document is not JSON.
        public static let notJSON = Reason(.notJSON)
        /// The field's value cannot be read (e.g. a malformed country code).
        public static let unreadableValue = Reason(.unreadableValue)
        /// The time zone is not known.
        public static let unknownTimeZone = Reason(.unknownTimeZone)
        /// A template lacks a placeholder it needs (`value`).
        public static let missingPlaceholder = Reason(.missingPlaceholder)
        /// The field names an evidence edition the policy does not define.
        public static let unknownEdition = Reason(.unknownEdition)
        /// A value is listed twice.
        public static let duplicate = Reason(.duplicate)
        /// A model name has no letter or digit.
        public static let noLetterOrDigit = Reason(.noLetterOrDigit)
        /// A level's fee is negative or in another currency than billing's.
        public static let feeNotPositiveOrWrongCurrency = Reason(.feeNotPositiveOrWrongCurrency)
        /// There is no VAT rate for the seller's own country.
        public static let missingSellerVATRate = Reason(.missingSellerVATRate)
        /// No level is offered.
        public static let noLevels = Reason(.noLevels)
    }

    /// What is wrong.
    public let reason: Reason
    /// The dotted path of the field, e.g. `validation.slaWorkingDays` (empty for the whole document).
    public let field: String
    /// The smallest value allowed, for ``Reason/outOfRange`` and ``Reason/belowMinimum``.
    public let minimum: MessageArgument?
    /// The largest value allowed, for ``Reason/outOfRange``.
    public let maximum: MessageArgument?
    /// The value concerned (a time zone, an edition, a currency, a country code), as written.
    public let value: String
    /// A technical detail for logs (the decoder's words), never in the message.
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, field: String, minimum: MessageArgument? = nil, maximum: MessageArgument? = nil,
                value: String = "", detail: String = "") {
        self.reason = reason
        self.field = field
        self.minimum = minimum
        self.maximum = maximum
        self.value = String(value.prefix(200))
        self.detail = String(detail.prefix(500))
    }

    /// `policy.<reason>`.
    public var code: String { "policy.\(reason)" }
    /// Always ``FailureCategory/configuration``.
    public var category: FailureCategory { .configuration }
    /// `policy.error.<reason>`.
    public var textKey: TextKey { TextKey("policy.error.\(reason)") }
    /// The field as written, the limits, the value (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var arguments: [String: MessageArgument] = ["field": .text(field), "value": .text(value)]
        if let minimum { arguments["minimum"] = minimum }
        if let maximum { arguments["maximum"] = maximum }
        if reason == .missingSellerVATRate, let country = CountryCode(value) { arguments["country"] = .country(country) }
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [PolicyError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .outOfRange: PolicyError(.outOfRange, field: "jobs.pageSize", minimum: .number(1), maximum: .number(100_000))
            case .belowMinimum: PolicyError(.belowMinimum, field: "passwords.tokenBytes", minimum: .number(16))
            case .empty: PolicyError(.empty, field: "participatingCountries")
            case .missing: PolicyError(.missing, field: "billing.seller")
            case .wrongType: PolicyError(.wrongType, field: "validation.slaWorkingDays", detail: "expected Int")
            case .null: PolicyError(.null, field: "timeZoneIdentifier", detail: "expected String")
            case .notJSON: PolicyError(.notJSON, field: "", detail: "unexpected character at 1")
            case .unreadableValue: PolicyError(.unreadableValue, field: "participatingCountries[3]", detail: "expected a country code")
            case .unknownTimeZone: PolicyError(.unknownTimeZone, field: "timeZoneIdentifier", value: "Europe/Atlantis")
            case .missingPlaceholder: PolicyError(.missingPlaceholder, field: "mail.passwordLinkTemplate", value: "{token}")
            case .unknownEdition: PolicyError(.unknownEdition, field: "evidence.editionByCountry.FR", value: "FR27")
            case .duplicate: PolicyError(.duplicate, field: "products.catalog[4].model", value: "EOS R5")
            case .noLetterOrDigit: PolicyError(.noLetterOrDigit, field: "products.catalog[0].model", value: "--")
            case .feeNotPositiveOrWrongCurrency: PolicyError(.feeNotPositiveOrWrongCurrency, field: "levels", value: "EUR")
            case .missingSellerVATRate: PolicyError(.missingSellerVATRate, field: "billing.vatRates", value: "NL")
            case .noLevels: PolicyError(.noLevels, field: "levels")
            }
        }
    }
}
