/// Bad input in a form field: which field, what is wrong, and the value given (R-ACC-1, SPEC §12).
///
/// Thrown before anything is stored, so bad input never changes anything.
public struct InputError: LocalizedFailure, Equatable {
    /// What is wrong with the value.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The field is required and empty.
        public static let missing = Reason("missing")
        /// The text is longer than the field allows.
        public static let tooLong = Reason("tooLong")
        /// The text contains control characters or other characters the field does not allow.
        public static let invalidCharacters = Reason("invalidCharacters")
        /// Not a usable e-mail address.
        public static let invalidEmail = Reason("invalidEmail")
        /// Not an ISO 3166-1 alpha-2 country code.
        public static let invalidCountry = Reason("invalidCountry")
        /// Not a valid date.
        public static let invalidDate = Reason("invalidDate")
        /// A value that is out of the allowed range.
        public static let outOfRange = Reason("outOfRange")
        /// Not a language the text catalog has (R-MSG-1); the supported codes are the `limit` fact.
        public static let unsupportedLanguage = Reason("unsupportedLanguage")
    }

    /// What is wrong.
    public let reason: Reason
    /// The field's name, e.g. `"company.legalName"`.
    public let field: String
    /// The value given (cut to 200 characters).
    public let value: String
    /// An extra fact for the message, e.g. the maximum length.
    public let limit: String

    /// Creates an error.
    public init(_ reason: Reason, field: String, value: String, limit: String = "") {
        self.reason = reason
        self.field = field
        self.value = String(value.prefix(200))
        self.limit = limit
    }

    public var code: String { "input.\(reason)" }
    public var textKey: TextKey { TextKey("input.error.\(reason)") }
    public var textArguments: [String: String] { ["field": field, "value": value, "limit": limit] }
}
