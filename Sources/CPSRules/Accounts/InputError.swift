/// Bad input in a form field: which field, what is wrong, and the value given (R-ACC-1, SPEC §12).
///
/// Thrown before anything is stored, so bad input never changes anything.
public struct InputError: LocalizedFailure, Equatable {
    /// What is wrong with the value.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case missing, tooLong, invalidCharacters, invalidEmail, invalidCountry, invalidDate, outOfRange
            case unsupportedLanguage
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``InputError/code``.
        public var description: String { representation.rawValue }

        /// The field is required and empty.
        public static let missing = Reason(.missing)
        /// The text is longer than the field allows.
        public static let tooLong = Reason(.tooLong)
        /// The text contains control characters or other characters the field does not allow.
        public static let invalidCharacters = Reason(.invalidCharacters)
        /// Not a usable e-mail address.
        public static let invalidEmail = Reason(.invalidEmail)
        /// Not an ISO 3166-1 alpha-2 country code.
        public static let invalidCountry = Reason(.invalidCountry)
        /// Not a valid date.
        public static let invalidDate = Reason(.invalidDate)
        /// A value that is out of the allowed range.
        public static let outOfRange = Reason(.outOfRange)
        /// Not a language the text catalog has (R-MSG-1); the supported codes are the `limit` fact.
        public static let unsupportedLanguage = Reason(.unsupportedLanguage)
    }

    /// What is wrong.
    public let reason: Reason
    /// The field's name, e.g. `"company.legalName"`.
    public let field: FieldName
    /// The value given (cut to 200 characters).
    public let value: String
    /// An extra fact for the message, e.g. the maximum length.
    public let limit: String

    /// Creates an error.
    public init(_ reason: Reason, field: FieldName, value: String, limit: String = "") {
        self.reason = reason
        self.field = field
        self.value = String(value.prefix(200))
        self.limit = limit
    }

    public var code: String { "input.\(reason)" }
    public var textKey: TextKey { TextKey("input.error.\(reason)") }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var arguments: [String: MessageArgument] = ["field": .field(field), "value": .text(value)]
        arguments["limit"] = Int(limit).map(MessageArgument.count) ?? .text(limit)
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [InputError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .missing: InputError(.missing, field: "companyName", value: "")
            case .tooLong: InputError(.tooLong, field: "address.street", value: "Storgatan 1", limit: "2000")
            case .invalidCharacters: InputError(.invalidCharacters, field: "contactName", value: "Anna\u{7}")
            case .invalidEmail: InputError(.invalidEmail, field: "contactEmail", value: "anna@")
            case .invalidCountry: InputError(.invalidCountry, field: "address.country", value: "Sverige")
            case .invalidDate: InputError(.invalidDate, field: "purchaseDate", value: "2026-02-30")
            case .outOfRange: InputError(.outOfRange, field: "points", value: "-5", limit: "0")
            case .unsupportedLanguage: InputError(.unsupportedLanguage, field: "language", value: "../../etc", limit: "en, sv")
            }
        }
    }
}
